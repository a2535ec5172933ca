//! One way to call the API: JSON in and out, the bearer token, one refresh-and-retry when the
//! access token has expired, and problem+json errors.

use std::cell::RefCell;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::{Method, RequestBuilder, Response};
use sen_api_types::auth::{RefreshRequest, TokenPair};
use sen_api_types::error::ErrorCode;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::{ApiError, ApiResult};
use super::session;
use crate::router;

const BASE: &str = "/api/v1";

/// A request to `/api/v1{path}`.
pub(super) struct Req {
    method: Method,
    path: String,
    body: Option<String>,
    form: Option<web_sys::FormData>,
    if_match: Option<i64>,
    auth: bool,
}

impl Req {
    fn new(method: Method, path: impl Into<String>) -> Self {
        Req {
            method,
            path: path.into(),
            body: None,
            form: None,
            if_match: None,
            auth: true,
        }
    }
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::GET, path)
    }
    pub fn post(path: impl Into<String>) -> Self {
        Self::new(Method::POST, path)
    }
    pub fn put(path: impl Into<String>) -> Self {
        Self::new(Method::PUT, path)
    }
    pub fn patch(path: impl Into<String>) -> Self {
        Self::new(Method::PATCH, path)
    }
    pub fn delete(path: impl Into<String>) -> Self {
        Self::new(Method::DELETE, path)
    }

    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.body = serde_json::to_string(body).ok();
        self
    }

    /// A body already shaped as JSON (a partial update).
    pub fn json_value(mut self, body: &serde_json::Value) -> Self {
        self.body = Some(body.to_string());
        self
    }

    /// A multipart body (an upload); the browser sets its content type.
    pub fn form(mut self, form: web_sys::FormData) -> Self {
        self.form = Some(form);
        self
    }

    /// A successful answer's bytes (a file download).
    pub async fn fetch_bytes(self) -> ApiResult<Vec<u8>> {
        let resp = self.send().await?;
        resp.binary().await.map_err(ApiError::network)
    }

    pub fn if_match(mut self, version: i64) -> Self {
        self.if_match = Some(version);
        self
    }

    /// Sent without a token (sign-up, log-in); a 401 is then an answer, not a lost session.
    pub fn public(mut self) -> Self {
        self.auth = false;
        self
    }

    pub async fn fetch<T: DeserializeOwned>(self) -> ApiResult<T> {
        let (status, text) = self.fetch_text().await?;
        parse(status, &text)
    }

    /// A successful answer's status and body, for routes whose body depends on the status.
    pub async fn fetch_text(self) -> ApiResult<(u16, String)> {
        let resp = self.send().await?;
        let status = resp.status();
        let text = resp.text().await.map_err(ApiError::network)?;
        Ok((status, text))
    }

    /// For answers without a body (204).
    pub async fn run(self) -> ApiResult<()> {
        self.send().await.map(drop)
    }

    async fn send(self) -> ApiResult<Response> {
        let token = if self.auth {
            session::access_token()
        } else {
            None
        };
        let resp = self.raw(token.as_deref()).await?;
        if resp.ok() {
            return Ok(resp);
        }
        let err = ApiError::from_response(resp).await;
        if !self.auth || err.status() != Some(401) {
            return Err(err);
        }
        // Another call may have refreshed while this one was in flight; else refresh now.
        let now = session::access_token();
        let retry =
            (now.is_some() && now != token) || (err.is(ErrorCode::TokenExpired) && refresh().await);
        if !retry {
            logged_out();
            return Err(err);
        }
        let resp = self.raw(session::access_token().as_deref()).await?;
        if resp.ok() {
            return Ok(resp);
        }
        let err = ApiError::from_response(resp).await;
        if err.status() == Some(401) {
            logged_out();
        }
        Err(err)
    }

    async fn raw(&self, token: Option<&str>) -> ApiResult<Response> {
        send_raw(
            self.method.clone(),
            &self.path,
            self.body.as_deref(),
            self.form.as_ref(),
            token,
            self.if_match,
        )
        .await
    }
}

/// A JSON body as `T` (a body that is not is an unexpected answer).
pub(super) fn parse<T: DeserializeOwned>(status: u16, text: &str) -> ApiResult<T> {
    serde_json::from_str(text).map_err(|e| ApiError::Unexpected {
        status,
        detail: e.to_string(),
    })
}

async fn send_raw(
    method: Method,
    path: &str,
    body: Option<&str>,
    form: Option<&web_sys::FormData>,
    token: Option<&str>,
    if_match: Option<i64>,
) -> ApiResult<Response> {
    let url = format!("{BASE}{path}");
    let mut b = RequestBuilder::new(&url)
        .method(method)
        .header("Accept", "application/json");
    if let Some(t) = token {
        b = b.header("Authorization", &format!("Bearer {t}"));
    }
    if let Some(v) = if_match {
        b = b.header("If-Match", &v.to_string());
    }
    let req = match (body, form) {
        (_, Some(f)) => b.body(f.clone()),
        (Some(s), None) => b
            .header("Content-Type", "application/json")
            .body(s.to_owned()),
        (None, None) => b.build(),
    }
    .map_err(ApiError::network)?;
    req.send().await.map_err(ApiError::network)
}

thread_local! {
    /// The refresh in flight: refresh tokens are single-use, so concurrent calls share one.
    static REFRESH: RefCell<Option<Shared<LocalBoxFuture<'static, bool>>>> =
        const { RefCell::new(None) };
}

async fn refresh() -> bool {
    let fut = REFRESH.with(|r| {
        r.borrow_mut()
            .get_or_insert_with(|| refresh_once().boxed_local().shared())
            .clone()
    });
    let ok = fut.await;
    REFRESH.with(|r| *r.borrow_mut() = None);
    ok
}

async fn refresh_once() -> bool {
    let Some(tokens) = session::tokens() else {
        return false;
    };
    let body = RefreshRequest {
        refresh_token: tokens.refresh_token,
    };
    let Ok(body) = serde_json::to_string(&body) else {
        return false;
    };
    let Ok(resp) = send_raw(Method::POST, "/auth/refresh", Some(&body), None, None, None).await
    else {
        return false;
    };
    if !resp.ok() {
        return false;
    }
    match resp
        .text()
        .await
        .map(|t| serde_json::from_str::<TokenPair>(&t))
    {
        Ok(Ok(pair)) => {
            session::store(&pair);
            true
        }
        _ => false,
    }
}

/// The session is over (refresh failed, token revoked): back to the login screen.
fn logged_out() {
    session::clear();
    router::redirect("/login");
}
