//! Merging records of one kind: side by side, choose the master and, field by field, the record
//! whose value to keep; preview the result (a dry run), merge, and undo from the toast.

use std::collections::{BTreeMap, HashMap};

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::merge::MergeRequest;
use sen_api_types::record::{Record, RecordKind};
use uuid::Uuid;

use super::ProblemBox;
use crate::api::{self, ApiError};
use crate::format;
use crate::i18n::{Lang, Text, use_i18n};
use crate::model::fields::Field;
use crate::model::merge::{default_pick, overrides};
use crate::pages::record_inputs::{custom_display, custom_label, display};
use crate::state::{AppCtx, ToastText, use_app};

/// One single-valued field: its override key, label, and each record's shown value.
struct Row {
    key: String,
    label: String,
    values: Vec<(Uuid, String)>,
    result: Option<String>,
}

/// The single-valued fields a merge can take from another record (not status or notes: the
/// master's status stays, notes are joined).
fn rows(
    ctx: AppCtx,
    kind: RecordKind,
    recs: &[Record],
    result: Option<&Record>,
    lang: Lang,
) -> Vec<Row> {
    let mut out: Vec<Row> = Field::of(kind)
        .iter()
        .filter(|f| !matches!(f, Field::Status | Field::Notes))
        .map(|f| {
            let show = |r: &Record| display(ctx, kind, *f, f.get(r).as_deref(), lang);
            Row {
                key: f.key().to_owned(),
                label: crate::i18n::t(lang, f.label(kind)).to_owned(),
                values: recs.iter().map(|r| (r.id, show(r))).collect(),
                result: result.map(show),
            }
        })
        .collect();
    for cf in ctx.refs.custom_fields_of(kind) {
        let show = |r: &Record| custom_display(&cf, r.custom.get(&cf.key), lang);
        out.push(Row {
            key: format!("custom.{}", cf.key),
            label: custom_label(&cf, lang),
            values: recs.iter().map(|r| (r.id, show(r))).collect(),
            result: result.map(show),
        });
    }
    out
}

/// The lists a merge unites, as text per record.
fn lists(r: &Record) -> [(Text, String); 3] {
    [
        (
            Text::Phones,
            r.phones
                .iter()
                .map(|p| format::phone(&p.number))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            Text::Emails,
            r.emails
                .iter()
                .map(|e| e.address.clone())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (Text::Tags, r.tags.join(", ")),
    ]
}

#[component]
pub fn MergeDialog(
    kind: RecordKind,
    /// The records to merge (2–10).
    ids: Vec<Uuid>,
    open: RwSignal<bool>,
    /// After the merge (with the master's id) and after its undo (with `None`).
    on_changed: Callback<Option<Uuid>>,
) -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    ctx.refs.ensure_kind(kind);
    let records = RwSignal::new(Vec::<Record>::new());
    let master = RwSignal::new(None::<Uuid>);
    let picks = RwSignal::new(HashMap::<String, Uuid>::new());
    let preview = RwSignal::new(None::<Record>);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    // Every field back to what the merge would do by itself for this master.
    let reset_picks = move |m: Uuid| {
        let lang = i.lang();
        let map = records.with_untracked(|recs| {
            rows(ctx, kind, recs, None, lang)
                .into_iter()
                .map(|row| {
                    let cells: Vec<(Uuid, bool)> = row
                        .values
                        .iter()
                        .map(|(id, v)| (*id, !v.is_empty()))
                        .collect();
                    (row.key, default_pick(&cells, m))
                })
                .collect()
        });
        picks.set(map);
        preview.set(None);
    };

    spawn_local(async move {
        // One after the other (2–10 small reads): less code than a join, and no sort either —
        // the oldest record is the default master.
        let mut recs = Vec::new();
        for id in ids {
            match api::records::get(kind, id).await {
                Ok(r) => recs.push(r),
                Err(e) => error.set(Some(e)),
            }
        }
        let first = recs.iter().min_by_key(|r| r.created_at).map(|r| r.id);
        records.set(recs);
        if let Some(m) = first {
            master.set(Some(m));
            reset_picks(m);
        }
    });

    let request = move |dry_run: bool| -> Option<MergeRequest> {
        let m = master.get_untracked()?;
        let (slave_ids, versions): (Vec<Uuid>, BTreeMap<Uuid, i64>) =
            records.with_untracked(|rs| {
                (
                    rs.iter().map(|r| r.id).filter(|id| *id != m).collect(),
                    rs.iter().map(|r| (r.id, r.version)).collect(),
                )
            });
        Some(MergeRequest {
            master_id: m,
            slave_ids,
            overrides: picks.with_untracked(|p| overrides(p, m)),
            versions,
            dry_run,
        })
    };
    let run = move |dry_run: bool| {
        let Some(req) = request(dry_run) else {
            return;
        };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let res = api::merge::merge(kind, &req).await;
            busy.set(false);
            match res {
                Ok(r) if dry_run => preview.set(Some(r.record)),
                Ok(r) => {
                    open.set(false);
                    let master_id = r.record.id;
                    on_changed.run(Some(master_id));
                    if let Some(merge_id) = r.merge_id {
                        let toasts = ctx.toasts;
                        toasts.with_action(
                            ToastText::TextWith(Text::Merged, r.record.display_name.clone()),
                            Text::Undo,
                            move || {
                                spawn_local(async move {
                                    match api::merge::undo(merge_id).await {
                                        Ok(u) => {
                                            toasts.ok_with(
                                                Text::MergeUndone,
                                                u.record.display_name.clone(),
                                            );
                                            let _ = on_changed.try_run(None);
                                        }
                                        Err(e) => toasts.error(e),
                                    }
                                });
                            },
                        );
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let table = move || {
        let lang = i.lang();
        let m = master.get();
        let recs = records.get();
        let result = preview.get();
        let has_result = result.is_some();
        let head = recs
            .iter()
            .map(|r| {
                let id = r.id;
                view! {
                    <th data-id=id.to_string()>
                        <label class="choice">
                            <input type="radio" name="merge-master" class="merge-master" value=id.to_string()
                                prop:checked=m == Some(id)
                                on:change=move |_| { master.set(Some(id)); reset_picks(id); }/>
                            {i.t(Text::MergeMaster)}
                        </label>
                        <div class="merge-name">{r.display_name.clone()}</div>
                    </th>
                }
            })
            .collect_view();
        let body = rows(ctx, kind, &recs, result.as_ref(), lang)
            .into_iter()
            .filter(|row| row.values.iter().any(|(_, v)| !v.is_empty()))
            .map(|row| {
                let key = row.key.clone();
                let cells = row
                    .values
                    .into_iter()
                    .map(|(id, v)| {
                        let k = key.clone();
                        let k2 = key.clone();
                        let empty = v.is_empty();
                        view! {
                            <td data-id=id.to_string()>
                                <label class="choice">
                                    <input type="radio" name=format!("pick-{key}") value=id.to_string()
                                        disabled=empty
                                        prop:checked=move || picks.with(|p| p.get(&k) == Some(&id))
                                        on:change=move |_| {
                                            picks.update(|p| { p.insert(k2.clone(), id); });
                                            preview.set(None);
                                        }/>
                                    <span>{if empty { "—".to_owned() } else { v }}</span>
                                </label>
                            </td>
                        }
                    })
                    .collect_view();
                view! {
                    <tr data-field=row.key.clone()>
                        <th>{row.label}</th>
                        {cells}
                        {has_result.then(|| view! { <td class="merge-result">{row.result.unwrap_or_default()}</td> })}
                    </tr>
                }
            })
            .collect_view();
        let list_rows = (0..3)
            .map(|n| {
                let label = recs.first().map(|r| lists(r)[n].0).unwrap_or(Text::Tags);
                let cells = recs
                    .iter()
                    .map(|r| view! { <td>{lists(r)[n].1.clone()}</td> })
                    .collect_view();
                let res = result.as_ref().map(|r| lists(r)[n].1.clone());
                view! {
                    <tr class="merge-list" data-list=n>
                        <th>{format!("{} {}", i.t(label), i.t(Text::MergeUnited))}</th>
                        {cells}
                        {res.map(|v| view! { <td class="merge-result">{v}</td> })}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="merge-table" id="merge-table">
                <thead>
                    <tr>
                        <th></th>
                        {head}
                        {has_result.then(|| view! { <th class="merge-result" id="merge-result">{i.t(Text::MergeResult)}</th> })}
                    </tr>
                </thead>
                <tbody>{body}{list_rows}</tbody>
            </table>
        }
    };

    view! {
        <div class="modal-backdrop" on:click=move |_| open.set(false)>
            <div class="modal wide merge" role="dialog" aria-modal="true" id="merge-dialog"
                on:click=|ev| ev.stop_propagation()>
                <h3>{i.tr(Text::MergeRecords)}</h3>
                <p class="muted">{i.tr(Text::MergeHint)}</p>
                <div class="merge-scroll">{move || table().into_any()}</div>
                <ProblemBox error id="merge-error"/>
                <div class="modal-actions">
                    <button type="button" class="btn" on:click=move |_| open.set(false)>{i.tr(Text::Cancel)}</button>
                    <button type="button" class="btn" id="merge-preview" disabled=move || busy.get()
                        on:click=move |_| run(true)>{i.tr(Text::MergePreview)}</button>
                    <button type="button" class="btn primary" id="merge-submit" disabled=move || busy.get()
                        on:click=move |_| run(false)>{i.tr(Text::Merge)}</button>
                </div>
            </div>
        </div>
    }
}
