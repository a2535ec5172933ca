//! Whether the API answers, in the footer.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::health::{Health, health};
use crate::i18n::{Text, use_i18n};

#[component]
pub fn ApiStatus() -> impl IntoView {
    let i = use_i18n();
    // `None` while the request is in flight.
    let state = RwSignal::new(None::<Health>);
    spawn_local(async move { state.set(Some(health().await)) });
    let data_state = move || match state.get() {
        None => "checking",
        Some(Health::Up) => "up",
        Some(Health::Down(_)) => "down",
    };
    let text = move || match state.get() {
        None => i.t(Text::Checking).to_owned(),
        Some(Health::Up) => i.t(Text::ApiUp).to_owned(),
        Some(Health::Down(err)) => format!("{}: {err}", i.t(Text::ApiDown)),
    };
    view! {
        <div class="api-status">
            <span id="api-status-label">{i.tr(Text::ApiStatus)}</span>
            ": "
            <span id="api-status" data-state=data_state aria-live="polite">{text}</span>
        </div>
    }
}
