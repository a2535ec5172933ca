//! Calls to Sen's HTTP API (same origin as the app).

use gloo_net::http::Request;

/// What `GET /health` answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Health {
    /// A 2xx answer, with its body.
    Up(String),
    /// No answer, or a non-2xx one: what went wrong.
    Down(String),
}

pub async fn health() -> Health {
    let resp = match Request::get("/health").send().await {
        Ok(resp) => resp,
        Err(e) => return Health::Down(e.to_string()),
    };
    if resp.ok() {
        Health::Up(resp.text().await.unwrap_or_default().trim().to_owned())
    } else {
        // Not the body: an error page from a proxy or static server is HTML, unfit for a label.
        let status = format!("HTTP {} {}", resp.status(), resp.status_text());
        Health::Down(status.trim_end().to_owned())
    }
}
