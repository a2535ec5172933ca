//! An API error that names no single field on screen: the message, then each field error
//! with its field's name (e.g. a bulk action's `params.team_id`, a merge's `overrides.x`).

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{api_error, field_error, use_i18n};

#[component]
pub fn ProblemBox(
    #[prop(into)] error: Signal<Option<ApiError>>,
    /// The element id, for tests.
    id: &'static str,
) -> impl IntoView {
    let i = use_i18n();
    move || {
        error.get().map(|e| {
            let lang = i.lang();
            let fields = e
                .field_errors()
                .iter()
                .map(|f| {
                    let text = format!("{}: {}", f.field, field_error(lang, f));
                    view! { <li class="field-error" data-error-for=f.field.clone()>{text}</li> }
                })
                .collect_view();
            view! {
                <div class="form-error" role="alert" id=id>
                    {api_error(lang, &e)}
                    <ul>{fields}</ul>
                </div>
            }
        })
    }
}
