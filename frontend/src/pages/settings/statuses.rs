//! The statuses of each kind (opportunity stages with their outcome): edit, reorder, save.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::error::FieldError;
use sen_api_types::record::RecordKind;
use sen_api_types::settings::{StatusInput, StatusReplace};

use super::kind_tabs::KindTabs;
use crate::api;
use crate::components::{ChoiceListEditor, ChoiceRow};
use crate::i18n::{Text, use_i18n};
use crate::state::use_app;

#[component]
pub fn Statuses() -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let kind = RwSignal::new(RecordKind::Lead);
    let rows = RwSignal::new(Vec::<ChoiceRow>::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    Effect::new(move |_| {
        let k = kind.get();
        errors.set(Vec::new());
        spawn_local(async move {
            match api::settings::statuses(k).await {
                Ok(l) => rows.set(
                    l.statuses
                        .into_iter()
                        .map(|s| ChoiceRow {
                            key: s.key,
                            label_vi: s.label_vi,
                            label_en: s.label_en,
                            is_default: s.is_default,
                            outcome: s.outcome,
                        })
                        .collect(),
                ),
                Err(e) => ctx.toasts.error(e),
            }
        });
    });
    let save = move |_| {
        let k = kind.get_untracked();
        let body = StatusReplace {
            statuses: rows
                .get_untracked()
                .into_iter()
                .map(|r| StatusInput {
                    key: r.key.trim().to_owned(),
                    label_vi: r.label_vi.trim().to_owned(),
                    label_en: r.label_en.trim().to_owned(),
                    is_default: r.is_default,
                    outcome: if k == RecordKind::Opportunity {
                        r.outcome
                    } else {
                        None
                    },
                    position: None,
                })
                .collect(),
        };
        spawn_local(async move {
            match api::settings::replace_statuses(k, &body).await {
                Ok(_) => {
                    errors.set(Vec::new());
                    ctx.refs.reload_statuses(k);
                    ctx.toasts.ok(Text::Saved);
                }
                Err(e) if !e.field_errors().is_empty() => errors.set(e.field_errors().to_vec()),
                Err(e) => ctx.toasts.error(e),
            }
        });
    };
    view! {
        <section class="card" id="settings-statuses">
            <h3>{i.tr(Text::Statuses)}</h3>
            <KindTabs kind/>
            {move || {
                let opp = kind.get() == RecordKind::Opportunity;
                view! { <ChoiceListEditor rows errors prefix="statuses" with_default=true with_outcome=opp/> }
            }.into_any()}
            <div class="form-actions">
                <button type="button" class="btn primary" id="save-statuses" on:click=save>{i.tr(Text::Save)}</button>
            </div>
        </section>
    }
}
