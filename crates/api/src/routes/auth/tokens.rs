//! Issuing an access token with its refresh token.

use chrono::Utc;
use sen_api_types::auth::TokenPair;
use sen_store::ConnectionTrait;
use sen_store::repo::refresh_tokens;
use uuid::Uuid;

use crate::auth::secret;
use crate::error::ApiResult;
use crate::state::AppState;

/// A new access token and a refresh token of `family` (a new family on log-in).
pub async fn issue_pair(
    state: &AppState,
    db: &impl ConnectionTrait,
    workspace: Uuid,
    user: Uuid,
    family: Uuid,
) -> ApiResult<TokenPair> {
    let refresh = secret::random_token();
    let ttl = chrono::Duration::from_std(state.config.refresh_ttl)
        .map_err(|e| anyhow::anyhow!("refresh ttl: {e}"))?;
    refresh_tokens::insert(
        db,
        workspace,
        user,
        family,
        &secret::hash(&refresh),
        Utc::now() + ttl,
    )
    .await?;
    Ok(TokenPair {
        access_token: state.jwt.issue(user, workspace)?,
        refresh_token: refresh,
        token_type: "Bearer".into(),
        expires_in: state.jwt.ttl_secs(),
    })
}
