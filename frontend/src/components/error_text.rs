//! An API error as one line (login, lists, dialogs); always in the page, hidden while there is
//! none — one small piece of wasm for every screen that shows one.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{api_error, use_i18n};

#[component]
pub fn ErrorText(
    #[prop(into)] error: Signal<Option<ApiError>>,
    /// The element id, for tests.
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <p class="form-error" role="alert" id=id hidden=move || error.with(Option::is_none)>
            {move || error.with(|e| e.as_ref().map(|e| api_error(i.lang(), e)).unwrap_or_default())}
        </p>
    }
}
