//! One duplicate candidate in a list: name (a link), its kind when it differs, phones and
//! e-mails, what it matched on — and, when picking records to merge, a check box.

use std::collections::HashSet;

use leptos::prelude::*;
use sen_api_types::duplicate::DuplicateCandidate;
use sen_api_types::record::RecordKind;
use uuid::Uuid;

use super::Link;
use crate::format;
use crate::i18n::{Text, criterion_label, kind_singular, use_i18n};
use crate::router;

#[component]
pub fn CandidateItem(
    candidate: DuplicateCandidate,
    /// The kind of the record it looks like.
    kind: RecordKind,
    /// The candidates ticked for a merge (same kind only), when the list picks.
    #[prop(optional)]
    picked: Option<RwSignal<HashSet<Uuid>>>,
    /// Called before the candidate opens (e.g. to close a dialog).
    #[prop(optional)]
    on_open: Option<Callback<()>>,
) -> impl IntoView {
    let i = use_i18n();
    let c = candidate;
    let id = c.id;
    let lang = i.lang();
    let contact = c
        .phones
        .iter()
        .map(|p| format::phone(p))
        .chain(c.emails.iter().cloned())
        .collect::<Vec<_>>()
        .join(" · ");
    let matched = c
        .matched_on
        .iter()
        .map(|m| criterion_label(lang, m))
        .collect::<Vec<_>>()
        .join(", ");
    let same_kind = c.kind == kind;
    let pick = picked.map(|picked| {
        view! {
            <input type="checkbox" class="dup-pick" disabled=!same_kind aria-label=i.tr(Text::Select)
                prop:checked=move || picked.with(|p| p.contains(&id))
                on:change=move |_| picked.update(|p| if !p.remove(&id) { p.insert(id); })/>
        }
    });
    view! {
        <li class="dup-candidate" data-id=id.to_string()>
            {pick}
            <span on:click=move |_| if let Some(cb) = on_open { cb.run(()) }>
                <Link href=router::detail_path(c.kind, id) class="dup-open">{c.name}</Link>
            </span>
            {(!same_kind).then(|| view! { <span class="badge">{kind_singular(lang, c.kind)}</span> })}
            <span class="muted">{contact}</span>
            <span class="badge">{format!("{}: {matched}", i.t(Text::MatchedOn))}</span>
        </li>
    }
}
