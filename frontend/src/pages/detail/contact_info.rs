//! Phones, emails and addresses: shown as lists, edited as a whole list and saved together.

use leptos::prelude::*;
use sen_api_types::record::{Address, EmailEntry, PhoneEntry, Record, RecordInput};

use super::editor::use_editor;
use crate::components::{AddressesEditor, EmailsEditor, PhonesEditor};
use crate::format;
use crate::i18n::{Text, use_i18n};

#[component]
pub fn ContactInfo() -> impl IntoView {
    let ed = use_editor();
    let i = use_i18n();
    let phones = RwSignal::new(Vec::<PhoneEntry>::new());
    let emails = RwSignal::new(Vec::<EmailEntry>::new());
    let addresses = RwSignal::new(Vec::<Address>::new());
    let editing = RwSignal::new(false);
    // Saved (new version): back to reading, with the stored, normalised values.
    Effect::new(move |_| {
        ed.version().track();
        editing.set(false);
    });
    let from_record = move |r: &Record| {
        let mut p = r.phones.clone();
        if p.is_empty() {
            p.push(PhoneEntry {
                number: String::new(),
                label: None,
            });
        }
        let mut e = r.emails.clone();
        if e.is_empty() {
            e.push(EmailEntry {
                address: String::new(),
                label: None,
            });
        }
        phones.set(p);
        emails.set(e);
        addresses.set(r.addresses.clone());
    };
    let start = move |_| {
        ed.rec.with_untracked(|r| r.as_ref().map(from_record));
        editing.set(true);
    };
    let save = move |_| {
        // Blank rows are dropped here, so the API's row numbers match the rows on screen.
        phones.update(|v| v.retain(|p| !p.number.trim().is_empty()));
        emails.update(|v| v.retain(|e| !e.address.trim().is_empty()));
        addresses.update(|v| v.retain(|a| *a != Address::default()));
        let input = RecordInput {
            phones: Some(phones.get_untracked()),
            emails: Some(emails.get_untracked()),
            addresses: Some(addresses.get_untracked()),
            ..RecordInput::default()
        };
        ed.save(input, vec!["phones", "emails", "addresses"]);
    };
    let read = move || {
        ed.rec.with(|r| {
            let Some(r) = r else { return ().into_any() };
            let phones = r.phones.iter().map(|p| {
                let label = p.label.clone().map(|l| format!(" ({l})"));
                view! { <li><a href=format!("tel:{}", p.number)>{format::phone(&p.number)}</a>{label}</li> }
            }).collect_view();
            let emails = r.emails.iter().map(|e| {
                let label = e.label.clone().map(|l| format!(" ({l})"));
                view! { <li><a href=format!("mailto:{}", e.address)>{e.address.clone()}</a>{label}</li> }
            }).collect_view();
            let addresses = r.addresses.iter().map(|a| {
                let parts: Vec<String> = [&a.street, &a.ward, &a.district, &a.city, &a.zip, &a.country]
                    .into_iter()
                    .filter_map(|p| p.clone())
                    .collect();
                view! { <li>{parts.join(", ")}</li> }
            }).collect_view();
            view! {
                <dl class="fields">
                    <div class="field" data-field="phones"><dt>{i.tr(Text::Phones)}</dt><dd><ul class="plain">{phones}</ul></dd></div>
                    <div class="field" data-field="emails"><dt>{i.tr(Text::Emails)}</dt><dd><ul class="plain">{emails}</ul></dd></div>
                    <div class="field" data-field="addresses"><dt>{i.tr(Text::Addresses)}</dt><dd><ul class="plain">{addresses}</ul></dd></div>
                </dl>
            }
            .into_any()
        })
    };
    view! {
        <section class="card" id="contact-info">
            <div class="card-head">
                <h3>{i.tr(Text::ContactInfo)}</h3>
                <button type="button" class="btn small" id="edit-contact-info" hidden=move || editing.get() on:click=start>{i.tr(Text::Edit)}</button>
            </div>
            <div class="contact-read" hidden=move || editing.get()>{move || read().into_any()}</div>
            <div class="contact-edit" hidden=move || !editing.get()>
                <h4>{i.tr(Text::Phones)}</h4>
                <PhonesEditor rows=phones errors=ed.errors/>
                <h4>{i.tr(Text::Emails)}</h4>
                <EmailsEditor rows=emails errors=ed.errors/>
                <h4>{i.tr(Text::Addresses)}</h4>
                <AddressesEditor rows=addresses errors=ed.errors/>
                <div class="form-actions">
                    <button type="button" class="btn" on:click=move |_| editing.set(false)>{i.tr(Text::Cancel)}</button>
                    <button type="button" class="btn primary" id="save-contact-info" on:click=save>{i.tr(Text::Save)}</button>
                </div>
            </div>
        </section>
    }
}
