//! Creating, changing and deleting teams (admins).

use std::collections::HashSet;

use actix_web::{HttpResponse, delete, patch, post, web};
use sen_api_types::error::{ErrorCode, Problem};
use sen_api_types::team::{Team, TeamCreate, TeamUpdate};
use sen_store::ConnectionTrait;
use sen_store::repo::{teams, users};
use uuid::Uuid;

use super::read::load;
use crate::audit;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use crate::validate::Errors;

/// Creates a team.
#[utoipa::path(post, path = "/api/v1/teams", tag = "teams", operation_id = "team_create",
    security(("bearer" = [])),
    request_body = TeamCreate,
    responses(
        (status = 201, description = "Team created", body = Team),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only admins manage teams", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The name is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/teams")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn team_create(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: Json<TeamCreate>,
) -> ApiResult<HttpResponse> {
    auth.require_admin()?;
    let req = body.into_inner();
    let mut errors = Errors::default();
    let name = errors.text("name", &req.name, 120);
    errors.finish()?;
    let tx = state.db.begin().await?;
    check_members(&tx, auth.workspace_id, &req.member_ids).await?;
    let row = teams::insert(
        &tx,
        auth.workspace_id,
        &name,
        req.data_owner,
        req.assignment_rule,
    )
    .await
    .map_err(name_taken)?;
    teams::set_members(&tx, auth.workspace_id, row.id, &req.member_ids).await?;
    let team = load(&tx, auth.workspace_id, row.id).await?;
    audit::record(&tx, &auth, "team", "create", row.id, None, Some(&team)).await?;
    sen_store::commit(tx).await?;
    Ok(HttpResponse::Created().json(team))
}

/// Changes a team; `member_ids`, when given, replaces the member list.
#[utoipa::path(patch, path = "/api/v1/teams/{id}", tag = "teams", operation_id = "team_update",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Team id")),
    request_body = TeamUpdate,
    responses(
        (status = 200, description = "The changed team", body = Team),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only admins manage teams", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such team in your workspace", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The name is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ))]
#[patch("/teams/{id}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn team_update(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: Json<TeamUpdate>,
) -> ApiResult<web::Json<Team>> {
    let id = id.into_inner();
    let before = load(state.db.conn(), auth.workspace_id, id).await?;
    auth.require_admin()?;
    let req = body.into_inner();
    let mut errors = Errors::default();
    let name = req.name.as_deref().map(|n| errors.text("name", n, 120));
    errors.finish()?;
    let tx = state.db.begin().await?;
    let patch = teams::TeamPatch {
        name,
        data_owner: req.data_owner,
        assignment_rule: req.assignment_rule,
    };
    teams::update(&tx, auth.workspace_id, id, patch)
        .await
        .map_err(name_taken)?;
    if let Some(members) = &req.member_ids {
        check_members(&tx, auth.workspace_id, members).await?;
        teams::set_members(&tx, auth.workspace_id, id, members).await?;
    }
    let after = load(&tx, auth.workspace_id, id).await?;
    audit::record(
        &tx,
        &auth,
        "team",
        "update",
        id,
        Some(&before),
        Some(&after),
    )
    .await?;
    sen_store::commit(tx).await?;
    Ok(web::Json(after))
}

/// Deletes a team. Its members stay users; records shared with the team lose that share.
#[utoipa::path(delete, path = "/api/v1/teams/{id}", tag = "teams", operation_id = "team_delete",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Team id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only admins manage teams", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such team in your workspace", body = Problem, content_type = "application/problem+json"),
    ))]
#[delete("/teams/{id}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn team_delete(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let before = load(state.db.conn(), auth.workspace_id, id).await?;
    auth.require_admin()?;
    let tx = state.db.begin().await?;
    teams::delete(&tx, auth.workspace_id, id).await?;
    audit::record(&tx, &auth, "team", "delete", id, Some(&before), None).await?;
    sen_store::commit(tx).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Members must be distinct users of the workspace.
async fn check_members(db: &impl ConnectionTrait, ws: Uuid, ids: &[Uuid]) -> ApiResult<()> {
    let distinct: HashSet<&Uuid> = ids.iter().collect();
    if distinct.len() != ids.len() {
        return Err(ApiError::field(
            "member_ids",
            "duplicate_value",
            "a user is listed twice",
        ));
    }
    if users::count_existing(db, ws, ids).await? != ids.len() as u64 {
        return Err(ApiError::field(
            "member_ids",
            "unknown_user",
            "some ids are not users of this workspace",
        ));
    }
    Ok(())
}

fn name_taken(err: sen_store::StoreError) -> ApiError {
    match err {
        sen_store::StoreError::Conflict(_) => {
            ApiError::new(ErrorCode::Conflict, "a team with this name already exists")
        }
        other => other.into(),
    }
}
