//! `POST /auth/refresh` (rotate) and `POST /auth/logout` (revoke the family).

use actix_web::{HttpResponse, post, web};
use chrono::Utc;
use sen_api_types::auth::{RefreshRequest, TokenPair};
use sen_api_types::error::{ErrorCode, Problem};
use sen_store::repo::{refresh_tokens, users};

use super::tokens::issue_pair;
use crate::auth::secret;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;

/// Exchanges a refresh token for a new pair. Each refresh token works once; presenting a spent
/// one again revokes its whole family (it was stolen or replayed).
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", operation_id = "auth_refresh",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new token pair", body = TokenPair),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Unknown, spent, revoked or expired refresh token", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/auth/refresh")]
#[tracing::instrument(skip_all)]
pub async fn auth_refresh(
    state: web::Data<AppState>,
    body: Json<RefreshRequest>,
) -> ApiResult<web::Json<TokenPair>> {
    let db = state.db.conn();
    let token = refresh_tokens::find(db, &secret::hash(&body.into_inner().refresh_token))
        .await?
        .ok_or_else(|| refused("unknown refresh token"))?;
    if token.revoked_at.is_some() {
        return Err(refused("the refresh token was revoked; log in again"));
    }
    if token.expires_at <= Utc::now() {
        return Err(refused("the refresh token has expired; log in again"));
    }
    let tx = state.db.begin().await?;
    if !refresh_tokens::consume(&tx, token.id).await? {
        sen_store::rollback(tx).await?;
        refresh_tokens::revoke_family(db, token.workspace_id, token.family_id).await?;
        tracing::warn!(family = %token.family_id, "refresh token replayed; family revoked");
        return Err(refused("the refresh token was already used; log in again"));
    }
    let active = users::get(&tx, token.workspace_id, token.user_id)
        .await?
        .is_some_and(|u| u.active);
    if !active {
        return Err(refused("the user is not active"));
    }
    let pair = issue_pair(
        &state,
        &tx,
        token.workspace_id,
        token.user_id,
        token.family_id,
    )
    .await?;
    sen_store::commit(tx).await?;
    Ok(web::Json(pair))
}

/// Ends a session: the refresh token and all its rotations stop working.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", operation_id = "auth_logout",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Logged out"),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/auth/logout")]
#[tracing::instrument(skip_all)]
pub async fn auth_logout(
    state: web::Data<AppState>,
    body: Json<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    let db = state.db.conn();
    if let Some(token) =
        refresh_tokens::find(db, &secret::hash(&body.into_inner().refresh_token)).await?
    {
        refresh_tokens::revoke_family(db, token.workspace_id, token.family_id).await?;
    }
    Ok(HttpResponse::NoContent().finish())
}

fn refused(detail: &str) -> ApiError {
    ApiError::new(ErrorCode::InvalidToken, detail)
}
