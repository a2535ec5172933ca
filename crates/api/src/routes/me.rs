//! `GET /me`: the current user, their workspace and teams.

use actix_web::{get, web};
use sen_api_types::auth::{Me, TeamRef};
use sen_api_types::error::Problem;
use sen_store::repo::{teams, users, workspaces};

use crate::auth::AuthUser;
use crate::convert;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Mounts `/me`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(me_get);
}

/// The current user.
#[utoipa::path(get, path = "/api/v1/me", tag = "me", operation_id = "me_get",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The current user", body = Me),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/me")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn me_get(state: web::Data<AppState>, auth: AuthUser) -> ApiResult<web::Json<Me>> {
    let db = state.db.conn();
    let user = users::get(db, auth.workspace_id, auth.id)
        .await?
        .ok_or_else(|| ApiError::not_found("user"))?;
    let ws = workspaces::get(db, auth.workspace_id)
        .await?
        .ok_or_else(|| ApiError::not_found("workspace"))?;
    let teams = teams::of_user(db, auth.workspace_id, auth.id)
        .await?
        .into_iter()
        .map(|t| TeamRef {
            id: t.id,
            name: t.name,
        })
        .collect();
    Ok(web::Json(Me {
        user: convert::user(&user),
        workspace: convert::workspace(&ws),
        teams,
    }))
}
