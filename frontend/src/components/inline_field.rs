//! A field shown as its value; a click turns it into an input, Enter (or ✓) saves it.
//! The editor stays open until the record's version moves on (saved) or the user cancels, so
//! an error from the API is shown while the typed value is still there.

use leptos::prelude::*;
use sen_api_types::error::FieldError;

use super::{FieldErrorText, FieldInput, InputKind};
use crate::i18n::{Text, use_i18n};

#[component]
pub fn InlineField(
    /// The API field name: `data-field`, and the `errors[].field` shown here.
    #[prop(into)]
    field: String,
    #[prop(into)] label: Signal<String>,
    /// The stored value as the input edits it.
    #[prop(into)]
    value: Signal<Option<String>>,
    /// The value as a person reads it.
    #[prop(into)]
    display: Signal<String>,
    input: InputKind,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    #[prop(into)] version: Signal<i64>,
    on_save: Callback<Option<String>>,
) -> impl IntoView {
    let i = use_i18n();
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    Effect::new(move |prev: Option<i64>| {
        let v = version.get();
        if prev.is_some_and(|p| p != v) {
            editing.set(false);
        }
        v
    });
    let start = move |_| {
        draft.set(value.get_untracked().unwrap_or_default());
        editing.set(true);
    };
    let commit = Callback::new(move |_| {
        let d = draft.get_untracked();
        if d.trim() == value.get_untracked().unwrap_or_default().trim() {
            editing.set(false);
        } else {
            on_save.run((!d.trim().is_empty()).then_some(d));
        }
    });
    let cancel = Callback::new(move |_| editing.set(false));
    let is_select = matches!(input, InputKind::Select(..));
    let name = field.clone();
    let editor = move || {
        if editing.get() {
            view! {
                <div class="inline-editor">
                    <FieldInput kind=input value=draft name=name.clone() on_commit=commit on_cancel=cancel focus=true/>
                    {(!is_select).then(|| view! {
                        <button type="button" class="btn small primary inline-save" title=i.tr(Text::Save) on:click=move |_| commit.run(())>"✓"</button>
                    })}
                    <button type="button" class="btn small inline-cancel" title=i.tr(Text::Cancel) on:click=move |_| cancel.run(())>"✕"</button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="inline-value" title=i.tr(Text::ClickToEdit) on:click=start>
                    {move || {
                        let d = display.get();
                        if d.is_empty() { "—".to_owned() } else { d }
                    }}
                </button>
            }
            .into_any()
        }
    };
    let data_field = field.clone();
    view! {
        <div class="field" data-field=data_field>
            <dt>{move || label.get()}</dt>
            <dd>
                {move || editor().into_any()}
                <FieldErrorText errors field=field/>
            </dd>
        </div>
    }
}
