//! The error the API gave for one field (`errors[].field`), shown next to that field.

use leptos::prelude::*;
use sen_api_types::error::FieldError;

use crate::i18n::{field_error, use_i18n};

#[component]
pub fn FieldErrorText(
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    #[prop(into)] field: String,
) -> impl IntoView {
    let i = use_i18n();
    move || {
        errors.with(|es| {
            es.iter().find(|e| e.field == field).map(|e| {
                view! {
                    <span class="field-error" data-error-for=field.clone() role="alert">
                        {field_error(i.lang(), e)}
                    </span>
                }
            })
        })
    }
}
