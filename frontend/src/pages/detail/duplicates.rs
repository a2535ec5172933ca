//! "Find duplicates" on a record's page: records like it by the criteria the user ticks, and a
//! merge of the ones chosen with this record.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::duplicate::DuplicateCandidate;
use uuid::Uuid;

use super::editor::use_editor;
use crate::api::{self, ApiError};
use crate::components::{CandidateItem, Check, ErrorText, MergeDialog};
use crate::i18n::{Text, criterion_label, use_i18n};
use crate::router;

const CRITERIA: [&str; 4] = ["phone", "email", "name", "address"];

#[component]
pub fn Duplicates(
    /// Reloads the record (it was the master of a merge, or a merge was undone).
    reload: Callback<()>,
) -> impl IntoView {
    let ed = use_editor();
    let i = use_i18n();
    let kind = ed.kind;
    let id = move || ed.rec.with_untracked(|r| r.as_ref().map(|r| r.id));
    let criteria = RwSignal::new(HashSet::<&'static str>::new());
    let found = RwSignal::new(None::<Vec<DuplicateCandidate>>);
    let picked = RwSignal::new(HashSet::<Uuid>::new());
    let error = RwSignal::new(None::<ApiError>);
    let merge_open = RwSignal::new(false);

    let search = move || {
        let Some(me) = id() else {
            return;
        };
        let crit = criteria.with_untracked(|c| {
            CRITERIA
                .iter()
                .filter(|k| c.contains(*k))
                .copied()
                .collect::<Vec<_>>()
                .join(",")
        });
        error.set(None);
        spawn_local(async move {
            match api::merge::duplicates(kind, me, &crit).await {
                Ok(l) => {
                    picked.set(
                        l.items
                            .iter()
                            .filter(|c| c.kind == kind)
                            .map(|c| c.id)
                            .collect(),
                    );
                    found.set(Some(l.items));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let merged = Callback::new(move |master: Option<Uuid>| {
        found.set(None);
        match master {
            Some(m) if Some(m) != id() => router::navigate(&router::detail_path(kind, m)),
            _ => reload.run(()),
        }
    });
    let merge_ids = move || {
        let mut ids: Vec<Uuid> = id().into_iter().collect();
        ids.extend(picked.get_untracked());
        ids
    };

    let rows = move || {
        found
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|candidate| view! { <CandidateItem candidate kind picked/> })
            .collect_view()
    };

    view! {
        <section class="card" id="duplicates">
            <h3>{i.tr(Text::FindDuplicates)}</h3>
            <div class="dup-criteria">
                <span class="muted">{i.tr(Text::Criteria)}</span>
                {CRITERIA.into_iter().map(|c| view! {
                    <Check name="dup-criterion" value=c
                        label=Signal::derive(move || criterion_label(i.lang(), c))
                        checked=Signal::derive(move || criteria.with(|s| s.contains(c)))
                        on_toggle=Callback::new(move |_| criteria.update(|s| if !s.remove(c) { s.insert(c); }))/>
                }).collect_view()}
                <button type="button" class="btn small" id="find-duplicates" on:click=move |_| search()>
                    {i.tr(Text::FindDuplicates)}
                </button>
            </div>
            <ErrorText error/>
            {move || found.with(|f| f.as_ref().is_some_and(Vec::is_empty)).then(|| view! {
                <p class="muted" id="no-duplicates">{i.tr(Text::NoDuplicates)}</p>
            }).into_any()}
            <ul class="dup-list" id="duplicate-list">{move || rows().into_any()}</ul>
                <button hidden=move || picked.with(HashSet::is_empty) type="button" class="btn primary" id="merge-duplicates"
                    on:click=move |_| merge_open.set(true)>{i.tr(Text::Merge)}</button>
            {move || merge_open.get().then(|| view! {
                <MergeDialog kind ids=merge_ids() open=merge_open on_changed=merged/>
            }).into_any()}
        </section>
    }
}
