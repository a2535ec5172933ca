//! Postal addresses, one block each: street, ward, district, city, zip, country.

use leptos::prelude::*;
use sen_api_types::error::FieldError;
use sen_api_types::record::Address;

use super::FieldErrorText;
use crate::i18n::{Text, use_i18n};

type Part = (&'static str, Text, fn(&mut Address) -> &mut Option<String>);

const PARTS: [Part; 6] = [
    ("street", Text::Street, |a| &mut a.street),
    ("ward", Text::Ward, |a| &mut a.ward),
    ("district", Text::District, |a| &mut a.district),
    ("city", Text::City, |a| &mut a.city),
    ("zip", Text::Zip, |a| &mut a.zip),
    ("country", Text::Country, |a| &mut a.country),
];

#[component]
pub fn AddressesEditor(
    rows: RwSignal<Vec<Address>>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let i = use_i18n();
    let len = Memo::new(move |_| rows.with(Vec::len));
    let row = move |idx: usize| {
        let parts = PARTS
            .into_iter()
            .map(|(key, label, part)| {
                let get = move || {
                    rows.with(|r| {
                        r.get(idx)
                            .and_then(|a| part(&mut a.clone()).clone())
                            .unwrap_or_default()
                    })
                };
                let field = format!("addresses[{idx}].{key}");
                view! {
                    <label class="address-part">
                        <span>{i.tr(label)}</span>
                        <input
                            type="text"
                            name=field.clone()
                            prop:value=get
                            on:input=move |ev| rows.update(|r| if let Some(a) = r.get_mut(idx) {
                                let v = event_target_value(&ev);
                                *part(a) = (!v.trim().is_empty()).then_some(v);
                            })
                        />
                        <FieldErrorText errors field=field/>
                    </label>
                }
            })
            .collect_view();
        view! {
            <fieldset class="address-row" data-index=idx>
                {parts}
                <button type="button" class="btn small remove" title=i.tr(Text::Remove)
                    on:click=move |_| rows.update(|r| if idx < r.len() { r.remove(idx); })>"×"</button>
            </fieldset>
        }
    };
    view! {
        <div class="multi" data-multi="addresses">
            {move || (0..len.get()).map(row).collect_view().into_any()}
            <button type="button" class="btn small add-row"
                on:click=move |_| rows.update(|r| r.push(Address::default()))>
                {i.tr(Text::AddAddress)}
            </button>
        </div>
    }
}
