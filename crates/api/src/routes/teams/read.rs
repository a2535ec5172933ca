//! Reading teams.

use actix_web::{get, web};
use sen_api_types::error::Problem;
use sen_api_types::team::{Team, TeamList};
use sen_store::ConnectionTrait;
use sen_store::repo::teams;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::convert;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The teams of the caller's workspace.
#[utoipa::path(get, path = "/api/v1/teams", tag = "teams", operation_id = "team_list",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Teams by name", body = TeamList),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/teams")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn team_list(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> ApiResult<web::Json<TeamList>> {
    let db = state.db.conn();
    let rows = teams::list(db, auth.workspace_id).await?;
    let ids: Vec<Uuid> = rows.iter().map(|t| t.id).collect();
    let mut members = teams::members_of(db, auth.workspace_id, &ids).await?;
    let items: Vec<Team> = rows
        .iter()
        .map(|t| convert::team(t, members.remove(&t.id).unwrap_or_default()))
        .collect();
    Ok(web::Json(TeamList {
        total: items.len() as u64,
        items,
    }))
}

/// One team of the caller's workspace.
#[utoipa::path(get, path = "/api/v1/teams/{id}", tag = "teams", operation_id = "team_get",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Team id")),
    responses(
        (status = 200, description = "The team", body = Team),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such team in your workspace", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/teams/{id}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn team_get(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Team>> {
    Ok(web::Json(
        load(state.db.conn(), auth.workspace_id, id.into_inner()).await?,
    ))
}

/// A team with its members, or 404.
pub async fn load(db: &impl ConnectionTrait, ws: Uuid, id: Uuid) -> ApiResult<Team> {
    let team = teams::get(db, ws, id)
        .await?
        .ok_or_else(|| ApiError::not_found("team"))?;
    let mut members = teams::members_of(db, ws, &[id]).await?;
    Ok(convert::team(
        &team,
        members.remove(&id).unwrap_or_default(),
    ))
}
