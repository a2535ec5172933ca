//! Rows of phone numbers with labels; the API's `phones[i].number` errors show on row i.

use leptos::prelude::*;
use sen_api_types::error::FieldError;
use sen_api_types::record::PhoneEntry;

use super::FieldErrorText;
use crate::i18n::{Text, use_i18n};

#[component]
pub fn PhonesEditor(
    rows: RwSignal<Vec<PhoneEntry>>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let i = use_i18n();
    // Only a change of length rebuilds the rows, so typing keeps the focus.
    let len = Memo::new(move |_| rows.with(Vec::len));
    let row = move |idx: usize| {
        let number =
            move || rows.with(|r| r.get(idx).map(|p| p.number.clone()).unwrap_or_default());
        let label =
            move || rows.with(|r| r.get(idx).and_then(|p| p.label.clone()).unwrap_or_default());
        view! {
            <div class="multi-row" data-index=idx>
                <input
                    type="tel"
                    class="phone-number"
                    name=format!("phones[{idx}].number")
                    placeholder=i.tr(Text::PhoneNumber)
                    prop:value=number
                    on:input=move |ev| rows.update(|r| if let Some(p) = r.get_mut(idx) { p.number = event_target_value(&ev) })
                />
                <input
                    type="text"
                    class="entry-label"
                    placeholder=i.tr(Text::EntryLabel)
                    prop:value=label
                    on:input=move |ev| rows.update(|r| if let Some(p) = r.get_mut(idx) {
                        let v = event_target_value(&ev);
                        p.label = (!v.trim().is_empty()).then_some(v);
                    })
                />
                <button type="button" class="btn small remove" title=i.tr(Text::Remove)
                    on:click=move |_| rows.update(|r| if idx < r.len() { r.remove(idx); })>"×"</button>
                <FieldErrorText errors field=format!("phones[{idx}].number")/>
            </div>
        }
    };
    view! {
        <div class="multi" data-multi="phones">
            {move || (0..len.get()).map(row).collect_view().into_any()}
            <FieldErrorText errors field="phones"/>
            <button type="button" class="btn small add-row"
                on:click=move |_| rows.update(|r| r.push(PhoneEntry { number: String::new(), label: None }))>
                {i.tr(Text::AddPhone)}
            </button>
        </div>
    }
}
