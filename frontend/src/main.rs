//! Sen's web app: a Leptos client-side-rendered single-page app.
//!
//! Built to `wasm32-unknown-unknown` by `make spa` (see `frontend.mk`); the API server serves the
//! result from `frontend/dist/` and answers every non-API path with `index.html`, so the app's
//! own router (`router.rs`) picks the screen from the path.

mod api;
mod app;
mod components;
mod format;
mod i18n;
mod model;
mod pages;
mod perf;
mod router;
mod state;
mod storage;
mod timer;

fn main() {
    // Panic messages in the browser console while developing; the release build leaves the
    // hook (and its formatting code) out to stay small.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
