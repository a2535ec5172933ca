//! Marks for the Performance API, read by the browser tests (first load → list on screen).

use std::cell::Cell;

thread_local! {
    static LIST_MARKED: Cell<bool> = const { Cell::new(false) };
}

/// Sets `performance.mark("sen:list-ready")` once per page load, after the frame that shows the
/// first page of a list.
pub fn list_ready() {
    if LIST_MARKED.with(|m| m.replace(true)) {
        return;
    }
    leptos::prelude::request_animation_frame(|| {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark("sen:list-ready");
        }
    });
}
