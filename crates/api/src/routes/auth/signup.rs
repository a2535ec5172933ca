//! `POST /auth/signup`: a new workspace and its owner.

use actix_web::{HttpResponse, post, web};
use sen_api_types::Role;
use sen_api_types::auth::{SignupRequest, SignupResponse};
use sen_api_types::error::{ErrorCode, Problem};
use sen_store::repo::{audit, users, workspaces};
use uuid::Uuid;

use super::tokens::issue_pair;
use crate::auth::password;
use crate::convert;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use crate::validate::Errors;

/// Creates a workspace and its owner, and logs the owner in.
#[utoipa::path(post, path = "/api/v1/auth/signup", tag = "auth", operation_id = "auth_signup",
    request_body = SignupRequest,
    responses(
        (status = 201, description = "Workspace and owner created", body = SignupResponse),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The email already has an account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/auth/signup")]
#[tracing::instrument(skip_all)]
pub async fn auth_signup(
    state: web::Data<AppState>,
    body: Json<SignupRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    let mut errors = Errors::default();
    let workspace_name = errors.text("workspace_name", &req.workspace_name, 200);
    let name = errors.text("name", &req.name, 200);
    let email = errors.email("email", &req.email);
    errors.check(password::check_policy("password", &req.password));
    errors.finish()?;

    if !users::by_email(state.db.conn(), &email).await?.is_empty() {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "this email already has an account; log in, or ask an admin of that workspace",
        ));
    }
    let hash = password::hash(req.password).await?;
    let tx = state.db.begin().await?;
    let ws = workspaces::insert(&tx, &workspace_name, "VN").await?;
    sen_store::repo::settings_defaults::seed(&tx, ws.id).await?;
    let owner = users::insert(
        &tx,
        users::NewUser {
            workspace_id: ws.id,
            email: &email,
            name: &name,
            password_hash: &hash,
            role: Role::Owner,
        },
    )
    .await?;
    let user = convert::user(&owner);
    audit::record(
        &tx,
        audit::AuditEntry {
            workspace_id: ws.id,
            actor_id: Some(owner.id),
            action: "signup",
            entity: "user",
            entity_id: owner.id,
            before: None,
            after: convert::audit_json(&user),
        },
    )
    .await?;
    let tokens = issue_pair(&state, &tx, ws.id, owner.id, Uuid::now_v7()).await?;
    sen_store::commit(tx).await?;
    tracing::info!(workspace = %ws.id, "workspace created");
    Ok(HttpResponse::Created().json(SignupResponse {
        workspace: convert::workspace(&ws),
        user,
        tokens,
    }))
}
