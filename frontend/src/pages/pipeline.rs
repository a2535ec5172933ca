//! The opportunity pipeline: a column per stage with its count and summed amounts; a card moves
//! to another stage by its menu or by dragging it onto the column. A lost stage asks why.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::error::FieldError;
use sen_api_types::lifecycle::PipelineStage;
use sen_api_types::record::{Record, RecordFilter, RecordInput, RecordKind, RecordSearch};
use sen_api_types::settings::{PicklistName, StageOutcome};

use crate::api::{self, ApiError};
use crate::components::{ErrorText, FieldErrorText, Link, OptionList, PipelineCard};
use crate::format;
use crate::i18n::{Lang, Text, use_i18n};
use crate::router;
use crate::state::use_app;

/// Cards shown per column.
const PER_STAGE: u64 = 100;

/// A move waiting for its lost reason.
#[derive(Clone)]
struct PendingMove {
    record: Record,
    to: String,
    errors: Vec<FieldError>,
}

#[component]
pub fn PipelinePage() -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    ctx.refs.ensure_kind(RecordKind::Opportunity);
    let stages = RwSignal::new(Vec::<PipelineStage>::new());
    let cards = RwSignal::new(HashMap::<String, Vec<Record>>::new());
    let state = RwSignal::new("loading");
    let error = RwSignal::new(None::<ApiError>);
    let dragging = StoredValue::new(None::<Record>);
    let drop_target = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<PendingMove>);
    let reason = RwSignal::new(String::new());

    let load = move || {
        state.set("loading");
        spawn_local(async move {
            let p = match api::lifecycle::pipeline().await {
                Ok(p) => p,
                Err(e) => {
                    error.set(Some(e));
                    state.set("error");
                    return;
                }
            };
            // One stage after the other: a handful of small reads, and less code than a join.
            let mut by_stage = HashMap::new();
            for s in &p.stages {
                let search = RecordSearch {
                    filter: RecordFilter {
                        status: vec![s.stage.clone()],
                        ..RecordFilter::default()
                    },
                    sort: Some("-updated_at".to_owned()),
                    limit: Some(PER_STAGE),
                    cursor: None,
                };
                match api::records::search(RecordKind::Opportunity, &search).await {
                    Ok(page) => {
                        by_stage.insert(s.stage.clone(), page.items);
                    }
                    Err(e) => error.set(Some(e)),
                }
            }
            cards.set(by_stage);
            stages.set(p.stages);
            state.set("ready");
        });
    };
    load();

    let move_to = move |record: Record, to: String, lost_reason: Option<String>| {
        spawn_local(async move {
            let mut input = RecordInput {
                status: Some(Some(to.clone())),
                ..RecordInput::default()
            };
            let mut touched = vec!["status"];
            if let Some(r) = lost_reason {
                input.lost_reason = Some(Some(r));
                touched.push("lost_reason");
            }
            let res = api::records::update(
                RecordKind::Opportunity,
                record.id,
                record.version,
                &input,
                &touched,
                false,
            )
            .await;
            match res {
                Ok(r) => {
                    pending.set(None);
                    let stage = ctx
                        .refs
                        .status_label(RecordKind::Opportunity, &r.status, i.lang());
                    ctx.toasts
                        .ok_with(Text::MovedTo, format!("{} → {stage}", r.display_name));
                    load();
                }
                Err(e) if e.field_errors().iter().any(|f| f.field == "lost_reason") => {
                    reason.set(String::new());
                    pending.set(Some(PendingMove {
                        record,
                        to,
                        errors: e.field_errors().to_vec(),
                    }));
                }
                Err(e) => {
                    ctx.toasts.error(e);
                    load();
                }
            }
        });
    };
    let on_move = Callback::new(move |(r, to): (Record, String)| move_to(r, to, None));
    let on_drag = Callback::new(move |r: Record| dragging.set_value(Some(r)));

    let column = move |s: PipelineStage| {
        let key = s.stage.clone();
        let key_over = key.clone();
        let key_drop = key.clone();
        let key_cards = key.clone();
        let key_current = key.clone();
        let label = match i.lang() {
            Lang::Vi => s.label_vi.clone(),
            Lang::En => s.label_en.clone(),
        };
        let sums = s
            .amounts
            .iter()
            .map(|a| format::money(i.lang(), &a.total, &a.currency))
            .collect::<Vec<_>>()
            .join(" · ");
        let outcome = match s.outcome {
            Some(StageOutcome::Open) => "open",
            Some(StageOutcome::Won) => "won",
            Some(StageOutcome::Lost) => "lost",
            None => "",
        };
        view! {
            <section class="board-col" data-stage=key.clone() data-outcome=outcome
                class:drop-target=move || drop_target.get().as_deref() == Some(key_current.as_str())
                on:dragover=move |ev| {
                    ev.prevent_default();
                    if drop_target.get_untracked().as_deref() != Some(key_over.as_str()) {
                        drop_target.set(Some(key_over.clone()));
                    }
                }
                on:dragleave=move |_| drop_target.set(None)
                on:drop=move |ev| {
                    ev.prevent_default();
                    drop_target.set(None);
                    if let Some(r) = dragging.get_value() {
                        dragging.set_value(None);
                        if r.status != key_drop {
                            move_to(r, key_drop.clone(), None);
                        }
                    }
                }>
                <header class="board-col-head">
                    <h3>{label}</h3>
                    <span class="col-count">{format::count(i.lang(), s.count)}</span>
                    <span class="col-sum">{sums}</span>
                </header>
                <ul class="cards">
                    {move || cards.with(|m| m.get(&key_cards).cloned().unwrap_or_default())
                        .into_iter()
                        .map(|r| view! { <PipelineCard record=r on_move on_drag/> })
                        .collect_view().into_any()}
                </ul>
            </section>
        }
    };

    let lost_reasons = move || {
        ctx.refs
            .picklist_options(PicklistName::LostReason, i.lang())
    };
    let confirm_reason = move || {
        let r = reason.get_untracked();
        if r.is_empty() {
            return;
        }
        if let Some(p) = pending.get_untracked() {
            move_to(p.record, p.to, Some(r));
        }
    };

    view! {
        <section class="pipeline-page" id="pipeline-page" data-state=move || state.get()>
            <div class="list-head">
                <h2 id="pipeline-title">{i.tr(Text::Pipeline)}</h2>
                <Link href=router::list_path(RecordKind::Opportunity) class="btn" id="pipeline-list">
                    {i.tr(Text::AsList)}
                </Link>
            </div>
            <ErrorText error/>
            <div class="board" id="pipeline">
                {move || stages.get().into_iter().map(column).collect_view().into_any()}
            </div>
            {move || pending.get().map(|p| {
                let errors = Signal::derive(move || pending.with(|p| p.as_ref().map(|p| p.errors.clone()).unwrap_or_default()));
                view! {
                    <div class="modal-backdrop" on:click=move |_| { pending.set(None); load(); }>
                        <div class="modal" role="dialog" aria-modal="true" id="lost-reason-dialog"
                            on:click=|ev| ev.stop_propagation()>
                            <h3>{p.record.display_name.clone()}</h3>
                            <label>
                                <span>{i.tr(Text::LostReason)}</span>
                                <select name="lost_reason" on:change=move |ev| reason.set(event_target_value(&ev))>
                                    <option value="">"—"</option>
                                    <OptionList options=Signal::derive(lost_reasons)/>
                                </select>
                                <FieldErrorText errors field="lost_reason"/>
                            </label>
                            <div class="modal-actions">
                                <button type="button" class="btn" on:click=move |_| { pending.set(None); load(); }>{i.tr(Text::Cancel)}</button>
                                <button type="button" class="btn primary" id="lost-reason-ok"
                                    on:click=move |_| confirm_reason()>{i.tr(Text::Save)}</button>
                            </div>
                        </div>
                    </div>
                }
            }).into_any()}
        </section>
    }
}
