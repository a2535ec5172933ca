//! The duplicate rules of each kind: sets of criteria that must all match, each warning or
//! blocking when a record being saved matches it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::duplicate::{DuplicateAction, DuplicateRule, DuplicateRules};
use sen_api_types::error::FieldError;
use sen_api_types::record::RecordKind;

use super::kind_tabs::KindTabs;
use crate::api;
use crate::components::{Check, FieldErrorText};
use crate::i18n::{Text, criterion_label, use_i18n};
use crate::state::use_app;

const CRITERIA: [&str; 5] = ["phone", "email", "name", "national_id", "address"];

#[component]
pub fn DuplicateRulesSettings() -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let kind = RwSignal::new(RecordKind::Contact);
    let rules = RwSignal::new(Vec::<DuplicateRule>::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    Effect::new(move |_| {
        let k = kind.get();
        errors.set(Vec::new());
        spawn_local(async move {
            match api::settings::duplicate_rules(k).await {
                Ok(r) => rules.set(r.rules),
                Err(e) => ctx.toasts.error(e),
            }
        });
    });
    let save = move |_| {
        let k = kind.get_untracked();
        let body = DuplicateRules {
            rules: rules.get_untracked(),
        };
        spawn_local(async move {
            match api::settings::replace_duplicate_rules(k, &body).await {
                Ok(r) => {
                    rules.set(r.rules);
                    errors.set(Vec::new());
                    ctx.toasts.ok(Text::Saved);
                }
                Err(e) if !e.field_errors().is_empty() => errors.set(e.field_errors().to_vec()),
                Err(e) => ctx.toasts.error(e),
            }
        });
    };
    let add = move |_| {
        rules.update(|r| {
            r.push(DuplicateRule {
                criteria: vec!["phone".to_owned()],
                action: DuplicateAction::Warn,
            })
        })
    };
    let row = move |n: usize, rule: DuplicateRule| {
        let boxes = CRITERIA
            .into_iter()
            .map(|c| {
                let on = rule.criteria.iter().any(|x| x == c);
                view! {
                    <Check name=format!("rules[{n}].criteria") value=c
                        label=Signal::derive(move || criterion_label(i.lang(), c))
                        checked=Signal::stored(on)
                        on_toggle=Callback::new(move |_| rules.update(|rs| {
                            if let Some(r) = rs.get_mut(n) {
                                if let Some(p) = r.criteria.iter().position(|x| x == c) {
                                    r.criteria.remove(p);
                                } else {
                                    r.criteria.push(c.to_owned());
                                }
                            }
                        }))/>
                }
            })
            .collect_view();
        let block = rule.action == DuplicateAction::Block;
        view! {
            <li class="dup-rule" data-rule=n>
                <div class="dup-criteria">{boxes}</div>
                <select name=format!("rules[{n}].action") on:change=move |ev| {
                    let action = if event_target_value(&ev) == "block" { DuplicateAction::Block } else { DuplicateAction::Warn };
                    rules.update(|rs| if let Some(r) = rs.get_mut(n) { r.action = action; });
                }>
                    <option value="warn" selected=!block>{i.tr(Text::Warn)}</option>
                    <option value="block" selected=block>{i.tr(Text::Block)}</option>
                </select>
                <button type="button" class="btn link" on:click=move |_| rules.update(|rs| { if n < rs.len() { rs.remove(n); } })>
                    {i.tr(Text::Remove)}
                </button>
                <FieldErrorText errors field=format!("rules[{n}].criteria")/>
                <FieldErrorText errors field=format!("rules[{n}]")/>
            </li>
        }
    };
    view! {
        <section class="card" id="duplicate-rules-settings">
            <h3>{i.tr(Text::DuplicateRules)}</h3>
            <p class="muted">{i.tr(Text::DuplicateRulesHint)}</p>
            <KindTabs kind/>
            <ol class="dup-rules" id="dup-rules">
                {move || rules.get().into_iter().enumerate().map(|(n, r)| row(n, r)).collect_view().into_any()}
            </ol>
                <p hidden=move || !rules.with(Vec::is_empty) class="muted">{i.tr(Text::NoRules)}</p>
            <div class="form-actions">
                <button type="button" class="btn" id="add-dup-rule" on:click=add>{i.tr(Text::AddRule)}</button>
                <button type="button" class="btn primary" id="save-dup-rules" on:click=save>{i.tr(Text::Save)}</button>
            </div>
        </section>
    }
}
