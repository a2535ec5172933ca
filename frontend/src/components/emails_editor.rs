//! Rows of email addresses with labels; `emails[i].address` errors show on row i.

use leptos::prelude::*;
use sen_api_types::error::FieldError;
use sen_api_types::record::EmailEntry;

use super::FieldErrorText;
use crate::i18n::{Text, use_i18n};

#[component]
pub fn EmailsEditor(
    rows: RwSignal<Vec<EmailEntry>>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let i = use_i18n();
    let len = Memo::new(move |_| rows.with(Vec::len));
    let row = move |idx: usize| {
        let address =
            move || rows.with(|r| r.get(idx).map(|p| p.address.clone()).unwrap_or_default());
        let label =
            move || rows.with(|r| r.get(idx).and_then(|p| p.label.clone()).unwrap_or_default());
        view! {
            <div class="multi-row" data-index=idx>
                <input
                    type="text"
                    inputmode="email"
                    class="email-address"
                    name=format!("emails[{idx}].address")
                    placeholder=i.tr(Text::EmailAddress)
                    prop:value=address
                    on:input=move |ev| rows.update(|r| if let Some(p) = r.get_mut(idx) { p.address = event_target_value(&ev) })
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
                <FieldErrorText errors field=format!("emails[{idx}].address")/>
            </div>
        }
    };
    view! {
        <div class="multi" data-multi="emails">
            {move || (0..len.get()).map(row).collect_view().into_any()}
            <FieldErrorText errors field="emails"/>
            <button type="button" class="btn small add-row"
                on:click=move |_| rows.update(|r| r.push(EmailEntry { address: String::new(), label: None }))>
                {i.tr(Text::AddEmail)}
            </button>
        </div>
    }
}
