//! `POST /imports/{id}/run`: checks the options and queues the import's background job
//! (202); the job survives restarts and resumes after its last committed chunk.

use actix_web::{HttpResponse, post, web};
use sen_api_types::error::Problem;
use sen_api_types::import::{Import, ImportCounts, ImportOptions};
use sen_store::repo::jobs::{self, NewJob};
use sen_store::repo::{imports, new_id, now};
use serde_json::json;
use uuid::Uuid;

use super::common::{kind_of, open, own_import, present_import, require_state};
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::imports::Settings;
use crate::routes::records::context::Ctx;
use crate::state::AppState;

/// Starts the import.
#[utoipa::path(post, path = "/api/v1/imports/{id}/run", tag = "imports", operation_id = "import_run",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Import id")),
    request_body = ImportOptions,
    responses(
        (status = 202, description = "Queued; follow GET /imports/{id}", body = Import),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such import of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already run", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid options", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/imports/{id}/run")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn import_run(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: Json<ImportOptions>,
) -> ApiResult<HttpResponse> {
    let ctx = Ctx::load(&state, auth).await?;
    let mut m = own_import(state.db.conn(), &ctx, *id).await?;
    require_state(&m, &[imports::UPLOADED], "run")?;
    let settings = Settings::load(state.db.conn(), ctx.ws(), kind_of(&m)).await?;
    let opts = body.into_inner();
    // Checks the options against the file; the job reads the rows itself.
    let (_, headers, rx, _) = open(&state, &ctx, &settings, &m, &opts).await?;
    drop(rx);
    let sheets: Vec<sen_api_types::import::ImportSheet> =
        serde_json::from_value(m.headers.clone()).unwrap_or_default();
    let sheet = opts
        .sheet
        .clone()
        .or_else(|| sheets.first().map(|s| s.name.clone()));
    let rows = sheets
        .iter()
        .find(|s| Some(&s.name) == sheet.as_ref())
        .map_or(0, |s| s.rows);
    let from = opts.row_from.unwrap_or(2);
    let last = opts.row_to.unwrap_or(rows + 1).min(rows + 1);
    let total = (last + 1).saturating_sub(from);
    let at = now();
    let job_id = new_id();
    let tx = state.db.begin().await?;
    jobs::insert(
        &tx,
        NewJob {
            id: job_id,
            workspace_id: ctx.ws(),
            kind: "import".into(),
            params: json!({"import_id": m.id}),
            counts: json!({}),
            created_by: ctx.auth.id,
            at,
        },
    )
    .await?;
    m.state = imports::QUEUED.into();
    m.sheet = sheet;
    m.options = Some(serde_json::to_value(&opts).unwrap_or_default());
    m.total = i64::try_from(total).unwrap_or(0);
    m.counts = serde_json::to_value(ImportCounts {
        total,
        ..ImportCounts::default()
    })
    .unwrap_or_default();
    m.job_id = Some(job_id);
    m.updated_at = at;
    let _ = headers;
    imports::save(&tx, &m).await?;
    sen_store::commit(tx).await?;
    state.jobs_wake.notify_one();
    Ok(HttpResponse::Accepted().json(present_import(&m)))
}
