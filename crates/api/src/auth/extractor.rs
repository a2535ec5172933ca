//! `AuthUser`: the acting user, from `Authorization: Bearer <JWT or API key>`.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use sen_api_types::Role;
use sen_api_types::error::ErrorCode;
use sen_store::entity::user;
use sen_store::repo::{api_keys, users};
use uuid::Uuid;

use super::jwt::TokenError;
use super::secret::{self, API_KEY_PREFIX};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The authenticated, active user a request acts as.
#[derive(Debug, Clone)]
pub struct AuthUser {
    /// The user's id.
    pub id: Uuid,
    /// The user's workspace: every query is scoped to it.
    pub workspace_id: Uuid,
    /// The user's current role.
    pub role: Role,
    /// The API key used, when the credential was a key.
    pub api_key_id: Option<Uuid>,
}

impl AuthUser {
    /// Owners and admins.
    pub fn is_admin(&self) -> bool {
        self.role.is_admin()
    }

    /// 403 unless the user is an owner or admin.
    pub fn require_admin(&self) -> ApiResult<()> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(ApiError::forbidden("only admins may do this"))
        }
    }
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let bearer = bearer(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| anyhow::anyhow!("app state missing"))?;
            authenticate(&state, &bearer?).await
        })
    }
}

fn bearer(req: &HttpRequest) -> ApiResult<String> {
    let value = req.headers().get(header::AUTHORIZATION).ok_or_else(|| {
        ApiError::new(
            ErrorCode::Unauthenticated,
            "send Authorization: Bearer <token>",
        )
    })?;
    let value = value
        .to_str()
        .map_err(|_| invalid("the Authorization header is not ASCII"))?;
    let (scheme, token) = value
        .split_once(' ')
        .ok_or_else(|| invalid("expected `Bearer <token>`"))?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(invalid("expected `Bearer <token>`"));
    }
    Ok(token.trim().to_owned())
}

fn invalid(detail: &str) -> ApiError {
    ApiError::new(ErrorCode::InvalidToken, detail)
}

async fn authenticate(state: &AppState, token: &str) -> ApiResult<AuthUser> {
    let db = state.db.conn();
    let (user, api_key_id) = if token.starts_with(API_KEY_PREFIX) {
        let key = api_keys::find_active(db, &secret::hash(token))
            .await?
            .ok_or_else(|| invalid("unknown or revoked API key"))?;
        api_keys::touch(db, key.id).await?;
        (
            users::get(db, key.workspace_id, key.user_id).await?,
            Some(key.id),
        )
    } else {
        let claims = state.jwt.verify(token).map_err(|e| match e {
            TokenError::Expired => ApiError::new(
                ErrorCode::TokenExpired,
                "the access token has expired; refresh it",
            ),
            TokenError::Invalid => invalid("the access token is not valid"),
        })?;
        (users::get(db, claims.ws, claims.sub).await?, None)
    };
    let user = user
        .filter(|u| u.active)
        .ok_or_else(|| invalid("the user is not active"))?;
    Ok(AuthUser {
        id: user.id,
        workspace_id: user.workspace_id,
        role: role_of(&user)?,
        api_key_id,
    })
}

/// The role stored on a user row.
pub fn role_of(user: &user::Model) -> ApiResult<Role> {
    Role::parse(&user.role).ok_or_else(|| {
        ApiError::Internal(anyhow::anyhow!("user {} has role {:?}", user.id, user.role))
    })
}
