//! Reading users.

use actix_web::{get, web};
use sen_api_types::error::Problem;
use sen_api_types::user::{User, UserList};
use sen_store::repo::users;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::convert;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The users of the caller's workspace.
#[utoipa::path(get, path = "/api/v1/users", tag = "users", operation_id = "user_list",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Users by name", body = UserList),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/users")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn user_list(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> ApiResult<web::Json<UserList>> {
    let items: Vec<User> = users::list(state.db.conn(), auth.workspace_id)
        .await?
        .iter()
        .map(convert::user)
        .collect();
    Ok(web::Json(UserList {
        total: items.len() as u64,
        items,
    }))
}

/// One user of the caller's workspace.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", operation_id = "user_get",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id")),
    responses(
        (status = 200, description = "The user", body = User),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user in your workspace", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/users/{id}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn user_get(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<User>> {
    let user = users::get(state.db.conn(), auth.workspace_id, id.into_inner())
        .await?
        .ok_or_else(|| ApiError::not_found("user"))?;
    Ok(web::Json(convert::user(&user)))
}
