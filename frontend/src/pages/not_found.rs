//! Any path the app does not know.

use leptos::prelude::*;

use crate::components::Link;
use crate::i18n::{Text, use_i18n};

#[component]
pub fn NotFound() -> impl IntoView {
    let i = use_i18n();
    view! {
        <section class="empty-state">
            <h2>{i.tr(Text::PageNotFound)}</h2>
            <Link href="/leads">{i.tr(Text::BackHome)}</Link>
        </section>
    }
}
