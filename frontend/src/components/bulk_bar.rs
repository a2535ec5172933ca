//! The actions on a list's selection (ticked rows, or all matching): tag, untag, change owner
//! (a user, or a team by its assignment rule), change status, delete. Each ends with a toast
//! offering to undo it.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::bulk::{BulkAction, BulkParams, BulkRequest, BulkResult, BulkSelection};
use sen_api_types::record::{RecordFilter, RecordKind};
use uuid::Uuid;

use super::{ConfirmDialog, MergeDialog, OptionList, ProblemBox};
use crate::api::{self, ApiError};
use crate::i18n::{Text, use_i18n};
use crate::model::selection::{BulkTarget, Selection};
use crate::state::{ToastText, use_app};

/// Which action's options are open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Tag,
    Untag,
    Owner,
    Status,
}

#[component]
pub fn BulkBar(
    kind: RecordKind,
    selection: RwSignal<Selection>,
    /// The list's current filter ("all matching" means it).
    #[prop(into)]
    filter: Signal<RecordFilter>,
    /// The loaded rows' ids, and whether they are every matching row.
    #[prop(into)]
    loaded: Signal<(Vec<Uuid>, bool)>,
    /// How many are selected (for the delete question).
    #[prop(into)]
    count: Signal<String>,
    /// Called after an action or its undo changed records: reload the list.
    on_changed: Callback<()>,
) -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let mode = RwSignal::new(None::<Mode>);
    let tag = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let progress = RwSignal::new(None::<f64>);
    let error = RwSignal::new(None::<ApiError>);
    let confirm_delete = RwSignal::new(false);
    let suggestions = RwSignal::new(Vec::<String>::new());
    let pending = StoredValue::new(None::<TimeoutHandle>);

    let open = move |m: Mode| {
        error.set(None);
        mode.update(|cur| *cur = if *cur == Some(m) { None } else { Some(m) });
        if matches!(m, Mode::Tag | Mode::Untag) {
            suggest(String::new(), suggestions);
        }
    };

    let run = move |action: BulkAction, params: BulkParams| {
        let target = selection.with_untracked(|s| {
            loaded.with_untracked(|(ids, complete)| s.bulk_target(ids, *complete))
        });
        let Some(target) = target else {
            ctx.toasts.ok(Text::BulkLoadAllFirst);
            return;
        };
        let selection_dto = match target {
            BulkTarget::Ids(ids) => BulkSelection {
                ids: Some(ids),
                filter: None,
            },
            BulkTarget::AllMatching => BulkSelection {
                ids: None,
                filter: Some(filter.get_untracked()),
            },
        };
        let req = BulkRequest {
            action,
            selection: selection_dto,
            params,
        };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let res = api::bulk::run(kind, &req, move |p| progress.set(Some(p))).await;
            busy.set(false);
            progress.set(None);
            match res {
                Ok(r) => {
                    mode.set(None);
                    tag.set(String::new());
                    selection.update(Selection::clear);
                    on_changed.run(());
                    offer_undo(ctx.toasts, action, &r, on_changed);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let apply = move || match mode.get_untracked() {
        Some(m @ (Mode::Tag | Mode::Untag)) => {
            let name = tag.get_untracked().trim().to_owned();
            if name.is_empty() {
                return;
            }
            let action = if m == Mode::Tag {
                BulkAction::AddTags
            } else {
                BulkAction::RemoveTags
            };
            run(
                action,
                BulkParams {
                    tags: vec![name],
                    ..BulkParams::default()
                },
            );
        }
        Some(Mode::Owner) => {
            let v = owner.get_untracked();
            let (user_id, team_id) = match v.split_once(':') {
                Some(("u", id)) => (Uuid::parse_str(id).ok(), None),
                Some(("t", id)) => (None, Uuid::parse_str(id).ok()),
                _ => (None, None),
            };
            if user_id.is_none() && team_id.is_none() {
                return;
            }
            run(
                BulkAction::Assign,
                BulkParams {
                    user_id,
                    team_id,
                    ..BulkParams::default()
                },
            );
        }
        Some(Mode::Status) => {
            let s = status.get_untracked();
            if s.is_empty() {
                return;
            }
            run(
                BulkAction::SetStatus,
                BulkParams {
                    status: Some(s),
                    ..BulkParams::default()
                },
            );
        }
        None => {}
    };

    let delete = Callback::new(move |_| run(BulkAction::Delete, BulkParams::default()));

    // Merge: 2 to 10 ticked records (not "all matching").
    let merge_open = RwSignal::new(false);
    let merge_ids = RwSignal::new(Vec::<Uuid>::new());
    let open_merge = move || {
        let target = selection.with_untracked(|s| {
            loaded.with_untracked(|(ids, complete)| s.bulk_target(ids, *complete))
        });
        match target {
            Some(BulkTarget::Ids(ids)) if (2..=10).contains(&ids.len()) => {
                merge_ids.set(ids);
                merge_open.set(true);
            }
            _ => ctx.toasts.ok(Text::MergeNeedsTwo),
        }
    };
    let merged = Callback::new(move |_: Option<Uuid>| {
        selection.update(Selection::clear);
        on_changed.run(());
    });

    let on_tag_input = move |ev| {
        let v = event_target_value(&ev);
        tag.set(v.clone());
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        pending.set_value(
            set_timeout_with_handle(move || suggest(v, suggestions), Duration::from_millis(200))
                .ok(),
        );
    };

    let action_button = move |m: Mode, id: &'static str, label: Text| {
        view! {
            <button type="button" class="btn" id=id
                class:active=move || mode.get() == Some(m)
                disabled=move || busy.get()
                on:click=move |_| open(m)>{i.tr(label)}</button>
        }
    };

    // The three kinds of options are always there, the ones not asked for hidden: one static
    // structure is far less wasm than a view per mode.
    let is_tag = move || matches!(mode.get(), Some(Mode::Tag | Mode::Untag));
    let options = view! {
        <input type="text" id="bulk-tag-input" list="bulk-tag-suggestions" hidden=move || !is_tag()
            placeholder=i.tr(Text::TagName)
            prop:value=tag on:input=on_tag_input
            on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); apply(); }/>
        <datalist id="bulk-tag-suggestions">
            <OptionList options=Signal::derive(move || suggestions.get().into_iter().map(|s| (s.clone(), s)).collect::<Vec<_>>())/>
        </datalist>
        <select id="bulk-owner" hidden=move || mode.get() != Some(Mode::Owner)
            on:change=move |ev| owner.set(event_target_value(&ev))>
            <option value="" selected=true>{i.tr(Text::ChooseOwner)}</option>
            <optgroup label=i.tr(Text::Users)>
                <OptionList options=Signal::derive(move || ctx.refs.users.get().into_iter()
                    .filter(|u| u.active).map(|u| (format!("u:{}", u.id), u.name)).collect::<Vec<_>>())/>
            </optgroup>
            <optgroup label=i.tr(Text::TeamsByRule)>
                <OptionList options=Signal::derive(move || ctx.refs.teams.get().into_iter()
                    .map(|t| (format!("t:{}", t.id), t.name)).collect::<Vec<_>>())/>
            </optgroup>
        </select>
        <select id="bulk-status" hidden=move || mode.get() != Some(Mode::Status)
            on:change=move |ev| status.set(event_target_value(&ev))>
            <option value="" selected=true>{i.tr(Text::ChooseStatus)}</option>
            <OptionList options=Signal::derive(move || ctx.refs.status_options(kind, i.lang()))/>
        </select>
    };

    view! {
        <div class="bulk-bar" id="bulk-bar" hidden=move || selection.with(Selection::is_empty)>
            <div class="bulk-actions">
                {action_button(Mode::Tag, "bulk-tag", Text::BulkTag)}
                {action_button(Mode::Untag, "bulk-untag", Text::BulkUntag)}
                {action_button(Mode::Owner, "bulk-owner-open", Text::BulkOwner)}
                {action_button(Mode::Status, "bulk-status-open", Text::BulkStatus)}
                <button type="button" class="btn" id="bulk-merge" disabled=move || busy.get()
                    on:click=move |_| open_merge()>{i.tr(Text::Merge)}</button>
                <button type="button" class="btn danger" id="bulk-delete" disabled=move || busy.get()
                    on:click=move |_| confirm_delete.set(true)>{i.tr(Text::Delete)}</button>
            </div>
            <div class="bulk-options" hidden=move || mode.with(Option::is_none)>
                {options}
                <button type="button" class="btn primary" id="bulk-apply" disabled=move || busy.get()
                    on:click=move |_| apply()>{i.tr(Text::Apply)}</button>
                <button type="button" class="btn link" on:click=move |_| mode.set(None)>{i.tr(Text::Cancel)}</button>
            </div>
            {move || progress.get().map(|p| {
                // Whole percents: no float formatting in the app.
                let pct = (p * 100.0).round().clamp(0.0, 100.0) as u32;
                view! {
                    <div class="bulk-progress" id="bulk-progress">
                        <progress max="100" value=pct.to_string()></progress>
                        <span>{format!("{pct}%")}</span>
                    </div>
                }
            }).into_any()}
            <ProblemBox error id="bulk-error"/>
            <ConfirmDialog
                open=confirm_delete
                message=Signal::derive(move || format!("{} {}?", i.t(Text::BulkDeleteQuestion), count.get()))
                confirm=Text::ConfirmDelete
                on_confirm=delete
            />
        </div>
        {move || merge_open.get().then(|| view! {
            <MergeDialog kind ids=merge_ids.get_untracked() open=merge_open on_changed=merged/>
        }).into_any()}
    }
}

fn suggest(q: String, into: RwSignal<Vec<String>>) {
    spawn_local(async move {
        if let Ok(list) = api::tags::list(&q, 10).await {
            into.set(list.items.into_iter().map(|t| t.name).collect());
        }
    });
}

/// "Done: changed / matched", with an undo button that reverts the operation.
fn offer_undo(
    toasts: crate::state::Toasts,
    action: BulkAction,
    r: &BulkResult,
    on_changed: Callback<()>,
) {
    let text = match action {
        BulkAction::AddTags => Text::BulkTagged,
        BulkAction::RemoveTags => Text::BulkUntagged,
        BulkAction::Assign => Text::BulkAssigned,
        BulkAction::SetStatus => Text::BulkStatusSet,
        BulkAction::Delete => Text::BulkDeleted,
    };
    let mut counts = format!("{} / {}", r.changed, r.matched);
    if r.skipped_forbidden > 0 {
        counts.push_str(&format!(" (−{})", r.skipped_forbidden));
    }
    let op = r.operation_id;
    toasts.with_action(ToastText::TextWith(text, counts), Text::Undo, move || {
        spawn_local(async move {
            match api::bulk::undo(op).await {
                Ok(u) => {
                    toasts.ok_with(Text::BulkUndone, u.restored.to_string());
                    // The list may be gone (another screen): then there is nothing to reload.
                    let _ = on_changed.try_run(());
                }
                Err(e) => toasts.error(e),
            }
        });
    });
}
