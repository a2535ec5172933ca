//! `POST /auth/login`: email and password for a token pair, rate-limited per IP and account.

use actix_web::{HttpRequest, post, web};
use sen_api_types::auth::{LoginRequest, TokenPair};
use sen_api_types::error::{ErrorCode, Problem};
use sen_store::repo::users;
use uuid::Uuid;

use super::tokens::issue_pair;
use crate::auth::password;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;

/// Logs a user in.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", operation_id = "auth_login",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = TokenPair),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Wrong email or password", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The email opens several workspaces; pass workspace_id", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/auth/login")]
#[tracing::instrument(skip_all)]
pub async fn auth_login(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<LoginRequest>,
) -> ApiResult<web::Json<TokenPair>> {
    let login = body.into_inner();
    let email = login.email.trim().to_lowercase();
    let ip = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    let cfg = &state.config;
    state
        .login_limiter
        .hit(&format!("ip:{ip}"), cfg.login_limit_per_ip)
        .map_err(ApiError::rate_limited)?;
    state
        .login_limiter
        .hit(&format!("account:{email}"), cfg.login_limit_per_account)
        .map_err(ApiError::rate_limited)?;

    let candidates: Vec<_> = users::by_email(state.db.conn(), &email)
        .await?
        .into_iter()
        .filter(|u| u.active && login.workspace_id.is_none_or(|ws| ws == u.workspace_id))
        .collect();
    if candidates.is_empty() {
        // Same work as for a real account, so timing does not tell which emails exist.
        password::verify(login.password, password::dummy_hash()).await?;
        return Err(wrong_credentials());
    }
    let mut matched: Vec<(Uuid, Uuid)> = Vec::new();
    for user in &candidates {
        if password::verify(login.password.clone(), user.password_hash.clone()).await? {
            matched.push((user.workspace_id, user.id));
        }
    }
    match matched.as_slice() {
        [] => Err(wrong_credentials()),
        [(ws, user)] => {
            tracing::info!(user = %user, "logged in");
            Ok(web::Json(
                issue_pair(&state, state.db.conn(), *ws, *user, Uuid::now_v7()).await?,
            ))
        }
        _ => Err(ApiError::new(
            ErrorCode::Conflict,
            "this email opens several workspaces; pass workspace_id",
        )),
    }
}

fn wrong_credentials() -> ApiError {
    ApiError::new(ErrorCode::InvalidCredentials, "wrong email or password")
}
