//! The application shell: header, language switch, API status.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, Health};
use crate::i18n::{Lang, Text, t};

#[component]
pub fn App() -> impl IntoView {
    let (lang, set_lang) = signal(Lang::default());
    let tr = move |text: Text| move || t(lang.get(), text);

    // Keep <html lang> in step with the chosen language (screen readers, hyphenation).
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.get().tag());
        }
    });

    // `None` while the request is in flight.
    let (health, set_health) = signal(None::<Health>);
    spawn_local(async move { set_health.set(Some(api::health().await)) });

    let status_state = move || match health.get() {
        None => "checking",
        Some(Health::Up(_)) => "up",
        Some(Health::Down(_)) => "down",
    };
    let status_text = move || {
        let lang = lang.get();
        match health.get() {
            None => t(lang, Text::Checking).to_owned(),
            Some(Health::Up(body)) if body.is_empty() => t(lang, Text::ApiUp).to_owned(),
            Some(Health::Up(body)) => format!("{} ({body})", t(lang, Text::ApiUp)),
            Some(Health::Down(err)) => format!("{}: {err}", t(lang, Text::ApiDown)),
        }
    };

    view! {
        <header class="app-header">
            <div class="brand">
                <h1 id="app-title">"Sen"</h1>
                <p id="app-tagline">{tr(Text::Tagline)}</p>
            </div>
            <nav id="lang-switch" class="lang-switch" aria-label=tr(Text::Language)>
                {Lang::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <button
                                type="button"
                                id=format!("lang-{}", l.tag())
                                lang=l.tag()
                                aria-pressed=move || (lang.get() == l).to_string()
                                on:click=move |_| set_lang.set(l)
                            >
                                {l.native_name()}
                            </button>
                        }
                    })
                    .collect_view()}
            </nav>
        </header>
        <main class="app-main">
            <section class="status">
                <h2 id="api-status-label">{tr(Text::ApiStatus)}</h2>
                <p id="api-status" data-state=status_state aria-live="polite">
                    {status_text}
                </p>
            </section>
        </main>
    }
}
