//! `POST /prospects/{id}/convert` and `POST /prospects/convert`: prospects become leads, one or
//! a selection at once (one transaction; each prospect in a savepoint of its own).

use actix_web::{post, web};
use sen_api_types::error::{ErrorCode, Problem};
use sen_api_types::lifecycle::{
    BulkFailure, ProspectBulkConverted, ProspectConverted, RecordSelection,
};
use sen_store::repo::lifecycle::{self, lock_visible};
use sen_store::{StoreError, TransactionTrait};
use uuid::Uuid;

use super::promote::convert_prospect;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::routes::records::context::Ctx;
use crate::routes::records::filter::to_store_filter;
use crate::state::AppState;

/// The most prospects one request converts.
const MAX_BULK: usize = 1000;

/// Converts a prospect into a lead; the prospect is kept as `converted` and links to it.
#[utoipa::path(post, path = "/api/v1/prospects/{id}/convert", tag = "lifecycle", operation_id = "prospect_convert",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Prospect id")),
    responses(
        (status = 200, description = "The new lead", body = ProspectConverted),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such prospect visible to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already converted", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/prospects/{id}/convert")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn prospect_convert(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ProspectConverted>> {
    let ctx = Ctx::load(&state, auth).await?;
    let tx = state.db.begin().await?;
    let prospect = lock_visible(&tx, &ctx.viewer, "prospect", id.into_inner())
        .await?
        .ok_or_else(|| ApiError::not_found("prospect"))?;
    let (lead, _) = convert_prospect(&tx, &ctx, &prospect).await?;
    sen_store::commit(tx).await?;
    Ok(web::Json(ProspectConverted { lead }))
}

/// Converts the selected prospects (ids, or every prospect matching a filter; at most 1000)
/// into leads, in one transaction, and counts what happened.
#[utoipa::path(post, path = "/api/v1/prospects/convert", tag = "lifecycle", operation_id = "prospect_convert_bulk",
    security(("bearer" = [])),
    request_body = RecordSelection,
    responses(
        (status = 200, description = "What was converted, skipped or failed", body = ProspectBulkConverted),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid or too large a selection", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/prospects/convert")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn prospect_convert_bulk(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: Json<RecordSelection>,
) -> ApiResult<web::Json<ProspectBulkConverted>> {
    let ctx = Ctx::load(&state, auth).await?;
    let tx = state.db.begin().await?;
    let ids: Vec<Uuid> = match body.into_inner() {
        RecordSelection::Ids(ids) => {
            let mut unique = Vec::with_capacity(ids.len());
            for id in ids {
                if !unique.contains(&id) {
                    unique.push(id);
                }
            }
            unique
        }
        RecordSelection::Filter(f) => {
            let filter = to_store_filter(&tx, &ctx, &f).await?;
            // One more than allowed, so an oversized selection is noticed.
            let limit = u64::try_from(MAX_BULK + 1).unwrap_or(u64::MAX);
            lifecycle::selected_ids(&tx, &ctx.viewer, "prospect", &filter, limit).await?
        }
    };
    if ids.len() > MAX_BULK {
        return Err(ApiError::field(
            "selection",
            "too_many",
            format!("convert at most {MAX_BULK} prospects at once; narrow the selection"),
        ));
    }
    let mut out = ProspectBulkConverted {
        converted: 0,
        skipped_already_converted: 0,
        skipped_forbidden: 0,
        failed: Vec::new(),
    };
    for id in ids {
        let Some(prospect) = lock_visible(&tx, &ctx.viewer, "prospect", id).await? else {
            out.skipped_forbidden += 1;
            continue;
        };
        if prospect.converted_at.is_some() {
            out.skipped_already_converted += 1;
            continue;
        }
        // A savepoint: one prospect's failure undoes only its own writes.
        let sp = tx.begin().await.map_err(StoreError::from)?;
        match convert_prospect(&sp, &ctx, &prospect).await {
            Ok(_) => {
                sen_store::commit(sp).await?;
                out.converted += 1;
            }
            Err(err) => {
                sen_store::rollback(sp).await?;
                if err.code() == ErrorCode::Conflict {
                    out.skipped_already_converted += 1;
                } else {
                    let p = err.problem();
                    let reason = p.detail.unwrap_or(p.title);
                    out.failed.push(BulkFailure { id, reason });
                }
            }
        }
    }
    sen_store::commit(tx).await?;
    Ok(web::Json(out))
}
