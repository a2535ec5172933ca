//! `POST /{kind}/bulk`: one action on ticked records or on all matching a filter — done at
//! once (200), or queued as a background job when the selection is large (202).

use std::sync::atomic::Ordering;

use actix_web::{HttpResponse, post, web};
use sen_api_types::bulk::{BulkAccepted, BulkRequest, BulkResult};
use sen_api_types::error::Problem;
use sen_store::repo::jobs::{self, NewJob};
use sen_store::repo::operations::{self, NewOperation};
use sen_store::repo::{new_id, now};
use serde_json::json;

use super::exec::{self, Counted};
use super::plan::{Plan, plan};
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::routes::records::context::{Ctx, parse_kind};
use crate::state::AppState;

/// Applies an action to many records: only those you may see (and so edit) are touched.
/// Above the server's limit (`SEN_BULK_SYNC_LIMIT`, default 5,000 records) the answer is 202
/// with a job to poll. Every answer carries the operation id, to undo it.
#[utoipa::path(post, path = "/api/v1/{kind}/bulk", tag = "bulk", operation_id = "bulk_run",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities")),
    request_body = BulkRequest,
    responses(
        (status = 200, description = "Done", body = BulkResult),
        (status = 202, description = "Large selection: running as a background job", body = BulkAccepted),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid selection or parameters (e.g. a team without an assignment rule)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/{kind}/bulk")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn bulk_run(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<String>,
    body: Json<BulkRequest>,
) -> ApiResult<HttpResponse> {
    let kind = parse_kind(&path.into_inner())?;
    let ctx = Ctx::load(&state, auth).await?;
    let tx = state.db.begin().await?;
    let plan = plan(&tx, &ctx, kind, body.into_inner()).await?;
    let filter = exec::store_filter(&tx, &ctx, &plan.selection).await?;
    let counted = exec::count(&tx, &ctx, &plan, &filter).await?;
    let visible = counted.matched.saturating_sub(counted.skipped_forbidden);
    if visible > state.bulk_sync_limit.load(Ordering::Relaxed) {
        let job_id = new_id();
        operations::insert(&tx, new_operation(&ctx, &plan, counted, Some(job_id))).await?;
        let job = NewJob {
            id: job_id,
            workspace_id: ctx.ws(),
            kind: "bulk".into(),
            params: serde_json::to_value(&plan).map_err(anyhow::Error::from)?,
            counts: json!({"total": visible, "processed": 0, "changed": 0, "failed": 0,
                           "matched": counted.matched,
                           "skipped_forbidden": counted.skipped_forbidden}),
            created_by: ctx.auth.id,
            at: now(),
        };
        jobs::insert(&tx, job).await?;
        sen_store::commit(tx).await?;
        state.jobs_wake.notify_one();
        return Ok(HttpResponse::Accepted().json(BulkAccepted {
            job_id,
            operation_id: plan.operation_id,
        }));
    }
    operations::insert(&tx, new_operation(&ctx, &plan, counted, None)).await?;
    let result = exec::run_now(&tx, &ctx, &plan, &filter, counted).await?;
    sen_store::commit(tx).await?;
    Ok(HttpResponse::Ok().json(result))
}

fn new_operation(
    ctx: &Ctx,
    plan: &Plan,
    counted: Counted,
    job: Option<uuid::Uuid>,
) -> NewOperation {
    NewOperation {
        id: plan.operation_id,
        workspace_id: ctx.ws(),
        kind: plan.kind.as_str().into(),
        action: plan.action.to_store().name().into(),
        params: serde_json::to_value(&plan.action).unwrap_or_default(),
        created_by: ctx.auth.id,
        job_id: job,
        matched: counted.matched,
        skipped_forbidden: counted.skipped_forbidden,
        at: now(),
    }
}
