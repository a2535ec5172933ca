//! `GET /trash`: what the caller deleted or may see deleted in the last 30 days.

use actix_web::{get, web};
use sen_api_types::error::Problem;
use sen_api_types::record::Record;
use sen_store::repo::records;
use uuid::Uuid;

use super::context::Ctx;
use super::present;
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;

/// The trash: records deleted in the last 30 days, newest first (at most 500).
#[utoipa::path(get, path = "/api/v1/trash", tag = "records", operation_id = "trash_list",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Deleted records", body = Vec<Record>),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/trash")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn trash_list(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> ApiResult<web::Json<Vec<Record>>> {
    let ctx = Ctx::load(&state, auth).await?;
    let db = state.db.conn();
    let rows = records::trash(db, &ctx.viewer, 500).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut children = records::load_children(db, ctx.ws(), &ids).await?;
    Ok(web::Json(
        rows.iter()
            .map(|r| present::record(r, &children.remove(&r.id).unwrap_or_default()))
            .collect(),
    ))
}
