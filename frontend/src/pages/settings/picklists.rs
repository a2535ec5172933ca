//! The picklists (source, industry, …): their ordered values.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::error::FieldError;
use sen_api_types::settings::{Choice, PicklistName, PicklistReplace};

use crate::api;
use crate::components::{ChoiceListEditor, ChoiceRow};
use crate::i18n::{Text, picklist_name, use_i18n};
use crate::state::use_app;

#[component]
pub fn Picklists() -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let name = RwSignal::new(PicklistName::Source);
    let rows = RwSignal::new(Vec::<ChoiceRow>::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    Effect::new(move |_| {
        let n = name.get();
        errors.set(Vec::new());
        // Tracked: the lists may arrive after the screen opened, and reload after a save.
        let values = ctx.refs.picklists.with(|ps| {
            ps.iter()
                .find(|p| p.name == n)
                .map(|p| p.values.clone())
                .unwrap_or_default()
        });
        rows.set(
            values
                .into_iter()
                .map(|c| ChoiceRow {
                    key: c.key,
                    label_vi: c.label_vi,
                    label_en: c.label_en,
                    ..ChoiceRow::default()
                })
                .collect(),
        );
    });
    let save = move |_| {
        let n = name.get_untracked();
        let body = PicklistReplace {
            values: rows
                .get_untracked()
                .into_iter()
                .map(|r| Choice {
                    key: r.key.trim().to_owned(),
                    label_vi: r.label_vi.trim().to_owned(),
                    label_en: r.label_en.trim().to_owned(),
                })
                .collect(),
        };
        spawn_local(async move {
            match api::settings::replace_picklist(n, &body).await {
                Ok(_) => {
                    errors.set(Vec::new());
                    ctx.refs.reload_picklists();
                    ctx.toasts.ok(Text::Saved);
                }
                Err(e) if !e.field_errors().is_empty() => errors.set(e.field_errors().to_vec()),
                Err(e) => ctx.toasts.error(e),
            }
        });
    };
    view! {
        <section class="card" id="settings-picklists">
            <h3>{i.tr(Text::Picklists)}</h3>
            <div class="tabs" role="tablist">
                {PicklistName::ALL.into_iter().map(|n| view! {
                    <button type="button" role="tab" class="tab" data-picklist=n.as_str()
                        aria-selected=move || (name.get() == n).to_string()
                        on:click=move |_| name.set(n)>{move || picklist_name(i.lang(), n)}</button>
                }).collect_view()}
            </div>
            <ChoiceListEditor rows errors prefix="values"/>
            <div class="form-actions">
                <button type="button" class="btn primary" id="save-picklist" on:click=save>{i.tr(Text::Save)}</button>
            </div>
        </section>
    }
}
