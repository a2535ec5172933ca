//! Sign-up, log-in, log-out and the current user.

use sen_api_types::auth::{
    LoginRequest, Me, RefreshRequest, SignupRequest, SignupResponse, TokenPair,
};

use super::client::Req;
use super::{ApiResult, session};

/// Creates a workspace and its owner, and keeps the owner's tokens.
pub async fn signup(req: &SignupRequest) -> ApiResult<SignupResponse> {
    let resp: SignupResponse = Req::post("/auth/signup").public().json(req).fetch().await?;
    session::store(&resp.tokens);
    Ok(resp)
}

/// Logs in and keeps the tokens.
pub async fn login(req: &LoginRequest) -> ApiResult<()> {
    let pair: TokenPair = Req::post("/auth/login").public().json(req).fetch().await?;
    session::store(&pair);
    Ok(())
}

/// Revokes the refresh token (best effort) and forgets the pair.
pub async fn logout() {
    if let Some(t) = session::tokens() {
        let body = RefreshRequest {
            refresh_token: t.refresh_token,
        };
        let _ = Req::post("/auth/logout").public().json(&body).run().await;
    }
    session::clear();
}

pub async fn me() -> ApiResult<Me> {
    Req::get("/me").fetch().await
}
