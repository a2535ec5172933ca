//! Sen's web app: a Leptos client-side-rendered single-page app.
//!
//! Built to `wasm32-unknown-unknown` by `make spa` (see `frontend.mk`); the API server serves the
//! result from `frontend/dist/`.

mod api;
mod app;
mod i18n;

// The DTOs shared with the server. Nothing uses them yet; the import keeps the wasm32 build of
// the crate (and of its serde/utoipa/chrono/uuid dependencies) checked on every `make spa`.
use sen_api_types as _;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
