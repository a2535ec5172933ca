//! One opportunity on the pipeline board: name, amount, and a menu to move it to another stage;
//! it can also be dragged to another column.

use leptos::prelude::*;
use sen_api_types::record::{Record, RecordKind};

use super::{Link, OptionList};
use crate::format;
use crate::i18n::{Text, use_i18n};
use crate::router;
use crate::state::use_app;

#[component]
pub fn PipelineCard(
    record: Record,
    /// Called with the record and the stage key chosen in its menu.
    on_move: Callback<(Record, String)>,
    /// Called when a drag of this card starts.
    on_drag: Callback<Record>,
) -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let id = record.id;
    let stage = record.status.clone();
    let amount = {
        let r = record.clone();
        move || {
            r.amount
                .as_deref()
                .map(|a| format::money(i.lang(), a, r.currency.as_deref().unwrap_or("")))
                .unwrap_or_default()
        }
    };
    let owner = ctx.refs.user_name(record.owner_id);
    let name = record.display_name.clone();
    let for_drag = record.clone();
    let for_move = record;
    view! {
        <li class="card" draggable="true" data-id=id.to_string()
            on:dragstart=move |ev| {
                if let Some(dt) = ev.data_transfer() {
                    let _ = dt.set_data("text/plain", &id.to_string());
                    dt.set_effect_allowed("move");
                }
                on_drag.run(for_drag.clone());
            }>
            <Link href=router::detail_path(RecordKind::Opportunity, id) class="card-name">{name}</Link>
            <span class="card-amount">{amount}</span>
            <span class="card-owner muted">{owner}</span>
            <select class="stage-move" aria-label=i.tr(Text::MoveToStage) title=i.tr(Text::MoveToStage)
                on:change=move |ev| {
                    let to = event_target_value(&ev);
                    if !to.is_empty() && to != for_move.status {
                        on_move.run((for_move.clone(), to));
                    }
                }>
                <OptionList
                    options=Signal::derive(move || ctx.refs.status_options(RecordKind::Opportunity, i.lang()))
                    selected=Signal::stored(stage)/>
            </select>
        </li>
    }
}
