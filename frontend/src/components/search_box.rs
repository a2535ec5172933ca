//! A search input that commits its text after the user pauses typing (or presses Enter).

use std::time::Duration;

use leptos::prelude::*;
use web_sys::KeyboardEvent;

use crate::i18n::{Text, use_i18n};

const DEBOUNCE: Duration = Duration::from_millis(250);

#[component]
pub fn SearchBox(value: RwSignal<String>, placeholder: Text) -> impl IntoView {
    let i = use_i18n();
    let draft = RwSignal::new(value.get_untracked());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    // A value set from elsewhere (a saved view) shows in the box.
    Effect::new(move |_| {
        let v = value.get();
        if draft.get_untracked() != v {
            draft.set(v);
        }
    });
    let cancel = move || {
        if let Some(h) = pending.get_value() {
            h.clear();
        }
    };
    let on_input = move |ev| {
        let v = event_target_value(&ev);
        draft.set(v.clone());
        cancel();
        pending.set_value(set_timeout_with_handle(move || value.set(v), DEBOUNCE).ok());
    };
    let on_key = move |ev: KeyboardEvent| {
        if ev.key() == "Enter" {
            cancel();
            value.set(draft.get_untracked());
        }
    };
    view! {
        <input
            type="search"
            id="list-search"
            class="search"
            placeholder=i.tr(placeholder)
            aria-label=i.tr(placeholder)
            prop:value=draft
            on:input=on_input
            on:keydown=on_key
        />
    }
}
