//! Creating, changing and deactivating users.

use actix_web::{HttpResponse, delete, patch, post, web};
use sen_api_types::Role;
use sen_api_types::error::{ErrorCode, Problem};
use sen_api_types::user::{User, UserCreate, UserUpdate};
use sen_store::repo::{refresh_tokens, users};
use uuid::Uuid;

use crate::audit;
use crate::auth::{AuthUser, password};
use crate::convert;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use crate::validate::Errors;

/// An admin adds a user to the workspace.
#[utoipa::path(post, path = "/api/v1/users", tag = "users", operation_id = "user_create",
    security(("bearer" = [])),
    request_body = UserCreate,
    responses(
        (status = 201, description = "User created", body = User),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only admins create users", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The email is taken in this workspace", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/users")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn user_create(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: Json<UserCreate>,
) -> ApiResult<HttpResponse> {
    auth.require_admin()?;
    let req = body.into_inner();
    let mut errors = Errors::default();
    let name = errors.text("name", &req.name, 200);
    let email = errors.email("email", &req.email);
    errors.check(password::check_policy("password", &req.password));
    if req.role == Role::Owner {
        errors.push(
            "role",
            "invalid_role",
            "a workspace has one owner; use admin or member",
        );
    }
    errors.finish()?;
    let hash = password::hash(req.password).await?;
    let tx = state.db.begin().await?;
    let new = users::NewUser {
        workspace_id: auth.workspace_id,
        email: &email,
        name: &name,
        password_hash: &hash,
        role: req.role,
    };
    let row = users::insert(&tx, new).await.map_err(|e| match e {
        sen_store::StoreError::Conflict(_) => {
            ApiError::new(ErrorCode::Conflict, "a user with this email already exists")
        }
        other => other.into(),
    })?;
    let user = convert::user(&row);
    audit::record(&tx, &auth, "user", "create", row.id, None, Some(&user)).await?;
    sen_store::commit(tx).await?;
    Ok(HttpResponse::Created().json(user))
}

/// Changes a user. Users change their own name and password; admins also change role and
/// active. The owner's role and active flag never change.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", operation_id = "user_update",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id")),
    request_body = UserUpdate,
    responses(
        (status = 200, description = "The changed user", body = User),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed for your role", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user in your workspace", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ))]
#[patch("/users/{id}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn user_update(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: Json<UserUpdate>,
) -> ApiResult<web::Json<User>> {
    let id = id.into_inner();
    let req = body.into_inner();
    let before = users::get(state.db.conn(), auth.workspace_id, id)
        .await?
        .ok_or_else(|| ApiError::not_found("user"))?;
    let target_is_owner = before.role == Role::Owner.as_str();
    let is_self = id == auth.id;
    if !is_self && (!auth.is_admin() || (target_is_owner && auth.role != Role::Owner)) {
        return Err(ApiError::forbidden("you may change only your own profile"));
    }
    if (req.role.is_some() || req.active.is_some()) && !auth.is_admin() {
        return Err(ApiError::forbidden(
            "only admins change roles and deactivate users",
        ));
    }
    let mut errors = Errors::default();
    let mut patch = users::UserPatch::default();
    if let Some(name) = &req.name {
        patch.name = Some(errors.text("name", name, 200));
    }
    if let Some(role) = req.role {
        if target_is_owner && role != Role::Owner {
            errors.push("role", "owner_role", "the owner's role cannot change");
        } else if !target_is_owner && role == Role::Owner {
            errors.push("role", "invalid_role", "a workspace has one owner");
        }
        patch.role = Some(role);
    }
    if let Some(active) = req.active {
        if !active && (target_is_owner || is_self) {
            errors.push(
                "active",
                "cannot_deactivate",
                "the owner and yourself stay active",
            );
        }
        patch.active = Some(active);
    }
    if let Some(pw) = &req.password {
        errors.check(password::check_policy("password", pw));
    }
    errors.finish()?;
    if let Some(pw) = req.password {
        patch.password_hash = Some(password::hash(pw).await?);
    }
    let revoke = patch.password_hash.is_some() || patch.active == Some(false);
    let tx = state.db.begin().await?;
    let after = users::update(&tx, auth.workspace_id, id, patch).await?;
    if revoke {
        refresh_tokens::revoke_user(&tx, auth.workspace_id, id).await?;
    }
    let (before, after) = (convert::user(&before), convert::user(&after));
    audit::record(
        &tx,
        &auth,
        "user",
        "update",
        id,
        Some(&before),
        Some(&after),
    )
    .await?;
    sen_store::commit(tx).await?;
    Ok(web::Json(after))
}

/// Deactivates a user: they can no longer log in and their API keys stop working. Their
/// records keep them as owner until reassigned.
#[utoipa::path(delete, path = "/api/v1/users/{id}", tag = "users", operation_id = "user_delete",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id")),
    responses(
        (status = 204, description = "Deactivated"),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only admins deactivate users", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user in your workspace", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The owner and yourself cannot be deactivated", body = Problem, content_type = "application/problem+json"),
    ))]
#[delete("/users/{id}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn user_delete(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let before = users::get(state.db.conn(), auth.workspace_id, id)
        .await?
        .ok_or_else(|| ApiError::not_found("user"))?;
    auth.require_admin()?;
    if before.role == Role::Owner.as_str() || id == auth.id {
        return Err(ApiError::field(
            "id",
            "cannot_deactivate",
            "the owner and yourself stay active",
        ));
    }
    let tx = state.db.begin().await?;
    let patch = users::UserPatch {
        active: Some(false),
        ..Default::default()
    };
    let after = users::update(&tx, auth.workspace_id, id, patch).await?;
    refresh_tokens::revoke_user(&tx, auth.workspace_id, id).await?;
    let (before, after) = (convert::user(&before), convert::user(&after));
    audit::record(
        &tx,
        &auth,
        "user",
        "deactivate",
        id,
        Some(&before),
        Some(&after),
    )
    .await?;
    sen_store::commit(tx).await?;
    Ok(HttpResponse::NoContent().finish())
}
