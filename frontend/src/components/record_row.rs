//! One row of a record list: its check box and the chosen columns.

use std::sync::Arc;

use leptos::prelude::*;
use sen_api_types::record::{Record, RecordKind};
use sen_api_types::settings::PicklistName;

use super::Link;
use crate::format;
use crate::i18n::{Lang, Text, use_i18n};
use crate::model::columns::Column;
use crate::model::selection::Selection;
use crate::router;
use crate::state::{Refs, use_app};

#[component]
pub fn RecordRow(
    kind: RecordKind,
    record: Record,
    #[prop(into)] columns: Signal<Vec<Column>>,
    selection: RwSignal<Selection>,
) -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let id = record.id;
    let rec = Arc::new(record);
    let cells = move || {
        let lang = i.lang();
        columns
            .get()
            .into_iter()
            .map(|c| {
                if c == Column::Name {
                    let name = rec.display_name.clone();
                    view! {
                        <td class="c-name">
                            <Link href=router::detail_path(kind, id)>{name}</Link>
                        </td>
                    }
                    .into_any()
                } else {
                    view! { <td class=format!("c-{}", c.key())>{cell_text(c, &rec, kind, ctx.refs, lang)}</td> }
                        .into_any()
                }
            })
            .collect_view()
    };
    view! {
        <tr class="row" data-id=id.to_string()>
            <td class="sel">
                <input
                    type="checkbox"
                    aria-label=i.tr(Text::Select)
                    prop:checked=move || selection.with(|s| s.contains(id))
                    on:change=move |_| selection.update(|s| s.toggle(id))
                />
            </td>
            {move || cells().into_any()}
        </tr>
    }
}

fn cell_text(c: Column, r: &Record, kind: RecordKind, refs: Refs, lang: Lang) -> String {
    let pick = |name, v: &Option<String>| {
        v.as_deref()
            .map(|k| refs.picklist_label(name, k, lang))
            .unwrap_or_default()
    };
    match c {
        Column::Name => r.display_name.clone(),
        Column::Status => refs.status_label(kind, &r.status, lang),
        Column::Phone => r
            .phones
            .first()
            .map(|p| format::phone(&p.number))
            .unwrap_or_default(),
        Column::Email => r
            .emails
            .first()
            .map(|e| e.address.clone())
            .unwrap_or_default(),
        Column::Company => r.company_name.clone().unwrap_or_default(),
        Column::Owner => refs.user_name(r.owner_id),
        Column::Source => pick(PicklistName::Source, &r.source),
        Column::Industry => pick(PicklistName::Industry, &r.industry),
        Column::Tags => r.tags.join(", "),
        Column::City => r
            .addresses
            .first()
            .and_then(|a| a.city.clone())
            .unwrap_or_default(),
        Column::Amount => match (&r.amount, &r.currency) {
            (Some(a), Some(c)) => format!("{a} {c}"),
            (Some(a), None) => a.clone(),
            _ => String::new(),
        },
        Column::CreatedAt => format::date(lang, &r.created_at),
        Column::UpdatedAt => format::date(lang, &r.updated_at),
    }
}
