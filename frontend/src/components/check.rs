//! A labelled check box: one piece of wasm for the many lists of them built from data.

use leptos::prelude::*;

#[component]
pub fn Check(
    #[prop(into)] checked: Signal<bool>,
    on_toggle: Callback<()>,
    #[prop(into)] label: Signal<String>,
    #[prop(optional, into)] name: Option<String>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" name=name value=value disabled=disabled prop:checked=checked
                on:change=move |_| on_toggle.run(())/>
            {move || label.get()}
        </label>
    }
}
