//! The Vietnamese / English switch; the choice is kept in localStorage.

use leptos::prelude::*;

use crate::i18n::{Lang, Text, use_i18n};

#[component]
pub fn LangSwitch() -> impl IntoView {
    let i = use_i18n();
    view! {
        <nav id="lang-switch" class="lang-switch" aria-label=i.tr(Text::Language)>
            {Lang::ALL
                .into_iter()
                .map(|l| {
                    view! {
                        <button
                            type="button"
                            id=format!("lang-{}", l.tag())
                            lang=l.tag()
                            aria-pressed=move || (i.lang() == l).to_string()
                            on:click=move |_| i.0.set(l)
                        >
                            {l.native_name()}
                        </button>
                    }
                })
                .collect_view()}
        </nav>
    }
}
