//! `GET /imports/{id}` (state, progress, counts) and `GET /imports/{id}/rows` (per-row
//! outcomes, optionally of one outcome).

use actix_web::{get, web};
use sen_api_types::error::{ErrorCode, FieldError, Problem};
use sen_api_types::import::{Import, ImportOutcome, ImportRowPage, ImportRowResult};
use sen_store::entity::import_row;
use sen_store::repo::imports;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::common::{own_import, present_import};
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::routes::records::context::Ctx;
use crate::state::AppState;

/// An import's state and counts.
#[utoipa::path(get, path = "/api/v1/imports/{id}", tag = "imports", operation_id = "import_get",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Import id")),
    responses(
        (status = 200, description = "The import", body = Import),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such import of yours", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/imports/{id}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn import_get(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Import>> {
    let ctx = Ctx::load(&state, auth).await?;
    let m = own_import(state.db.conn(), &ctx, *id).await?;
    Ok(web::Json(present_import(&m)))
}

/// Which rows.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RowsQuery {
    /// `created`, `updated`, `merged`, `skipped` or `failed` (comma-separated for several).
    pub outcome: Option<String>,
    /// Rows after this spreadsheet row (paging).
    pub after: Option<u64>,
    /// At most this many (default 100, at most 1,000).
    pub limit: Option<u64>,
}

/// Per-row outcomes of a run.
#[utoipa::path(get, path = "/api/v1/imports/{id}/rows", tag = "imports", operation_id = "import_rows",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Import id"), RowsQuery),
    responses(
        (status = 200, description = "A page of rows", body = ImportRowPage),
        (status = 400, description = "Unknown outcome", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such import of yours", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/imports/{id}/rows")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn import_rows(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    query: web::Query<RowsQuery>,
) -> ApiResult<web::Json<ImportRowPage>> {
    let ctx = Ctx::load(&state, auth).await?;
    let m = own_import(state.db.conn(), &ctx, *id).await?;
    let mut outcomes = Vec::new();
    for o in query
        .outcome
        .iter()
        .flat_map(|o| o.split(','))
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        let parsed = ImportOutcome::parse(o).ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidQuery,
                format!("outcome {o:?}: use created, updated, merged, skipped or failed"),
            )
        })?;
        outcomes.push(parsed.as_str());
    }
    let limit = query.limit.unwrap_or(100).clamp(1, 1_000);
    let after = i64::try_from(query.after.unwrap_or(0)).unwrap_or(i64::MAX);
    let rows = imports::list_rows(state.db.conn(), ctx.ws(), m.id, &outcomes, after, limit).await?;
    let next_after = (rows.len() as u64 == limit)
        .then(|| rows.last().map(|r| u64::try_from(r.row_no).unwrap_or(0)))
        .flatten();
    Ok(web::Json(ImportRowPage {
        items: rows.iter().map(row_result).collect(),
        next_after,
    }))
}

/// The API shape of a stored row outcome.
pub fn row_result(r: &import_row::Model) -> ImportRowResult {
    let list = |k: &str| -> Vec<FieldError> {
        serde_json::from_value(r.reasons[k].clone()).unwrap_or_default()
    };
    ImportRowResult {
        row: u64::try_from(r.row_no).unwrap_or(0),
        outcome: ImportOutcome::parse(&r.outcome).unwrap_or(ImportOutcome::Failed),
        record_id: r.record_id,
        duplicate_of_row: r.duplicate_of_row.and_then(|n| u64::try_from(n).ok()),
        fields: serde_json::from_value(r.reasons["fields"].clone()).unwrap_or_default(),
        reasons: list("reasons"),
        warnings: list("warnings"),
    }
}
