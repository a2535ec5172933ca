//! `GET /health`, shown in the footer.

use gloo_net::http::Request;

/// What `GET /health` answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Health {
    /// A 2xx answer.
    Up,
    /// No answer, or a non-2xx one: what went wrong.
    Down(String),
}

pub async fn health() -> Health {
    match Request::get("/health").send().await {
        Ok(resp) if resp.ok() => Health::Up,
        // Not the body: an error page from a proxy or static server is HTML, unfit for a label.
        Ok(resp) => Health::Down(
            format!("HTTP {} {}", resp.status(), resp.status_text())
                .trim_end()
                .to_owned(),
        ),
        Err(e) => Health::Down(e.to_string()),
    }
}
