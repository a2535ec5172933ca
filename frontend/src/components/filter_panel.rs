//! The list's filters: status, tags, owner, source, created date range, has phone / email.
//! Every change applies at once.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::record::RecordKind;
use sen_api_types::settings::PicklistName;
use uuid::Uuid;

use super::OptionList;
use crate::api;
use crate::i18n::{Text, use_i18n};
use crate::model::list_filter::{ListFilter, toggle};
use crate::state::use_app;

fn tri(v: Option<bool>) -> &'static str {
    match v {
        None => "",
        Some(true) => "yes",
        Some(false) => "no",
    }
}

fn parse_tri(s: &str) -> Option<bool> {
    match s {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

#[component]
pub fn FilterPanel(
    kind: RecordKind,
    filter: RwSignal<ListFilter>,
    /// Whether the panel shows; the workspace's tags load each time it opens.
    #[prop(into)]
    open: Signal<bool>,
) -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let tags = RwSignal::new(Vec::<String>::new());
    Effect::new(move |_| {
        if open.get() {
            spawn_local(async move {
                if let Ok(l) = api::tags::list("", 100).await {
                    tags.set(l.items.into_iter().map(|t| t.name).collect());
                }
            });
        }
    });
    let checks = move |options: Vec<(String, String)>,
                       get: fn(&ListFilter) -> &Vec<String>,
                       set: fn(&mut ListFilter) -> &mut Vec<String>| {
        options
            .into_iter()
            .map(|(key, label)| {
                let k = key.clone();
                view! {
                    <label class="check">
                        <input type="checkbox" value=key.clone()
                            prop:checked=move || filter.with(|f| get(f).contains(&k))
                            on:change=move |_| filter.update(|f| toggle(set(f), &key))/>
                        {label}
                    </label>
                }
            })
            .collect_view()
    };
    let statuses = move || {
        checks(
            ctx.refs.status_options(kind, i.lang()),
            |f| &f.status,
            |f| &mut f.status,
        )
    };
    let sources = move || {
        checks(
            ctx.refs.picklist_options(PicklistName::Source, i.lang()),
            |f| &f.source,
            |f| &mut f.source,
        )
    };
    let tag_checks = move || {
        let opts = tags.get().into_iter().map(|t| (t.clone(), t)).collect();
        checks(opts, |f| &f.tags, |f| &mut f.tags)
    };
    let yes_no = move |name: &'static str,
                       get: fn(&ListFilter) -> Option<bool>,
                       set: fn(&mut ListFilter, Option<bool>)| {
        view! {
            <select name=name on:change=move |ev| filter.update(|f| set(f, parse_tri(&event_target_value(&ev))))>
                {[("", Text::Any), ("yes", Text::Yes), ("no", Text::No)].into_iter().map(|(v, l)| view! {
                    <option value=v selected=move || filter.with(|f| tri(get(f)) == v)>{i.tr(l)}</option>
                }).collect_view()}
            </select>
        }
    };
    view! {
        <aside class="filter-panel" id="filter-panel" hidden=move || !open.get()>
            <fieldset data-filter="status">
                <legend>{i.tr(if kind == RecordKind::Opportunity { Text::Stage } else { Text::Status })}</legend>
                {move || statuses().into_any()}
            </fieldset>
            <fieldset data-filter="tags">
                <legend>{i.tr(Text::Tags)}</legend>
                {move || tag_checks().into_any()}
            </fieldset>
            <fieldset data-filter="owner">
                <legend>{i.tr(Text::Owner)}</legend>
                <select name="owner" on:change=move |ev| {
                    let v = Uuid::parse_str(&event_target_value(&ev)).ok();
                    filter.update(|f| f.owner = v);
                }>
                    <option value="">{i.tr(Text::Any)}</option>
                    <OptionList
                        options=Signal::derive(move || ctx.refs.users.get().into_iter().map(|u| (u.id.to_string(), u.name)).collect::<Vec<_>>())
                        selected=Signal::derive(move || filter.with(|f| f.owner.map(|u| u.to_string()).unwrap_or_default()))/>
                </select>
            </fieldset>
            <fieldset data-filter="team">
                <legend>{i.tr(Text::TeamFilter)}</legend>
                <select name="team" on:change=move |ev| {
                    let v = Uuid::parse_str(&event_target_value(&ev)).ok();
                    filter.update(|f| f.team = v);
                }>
                    <option value="">{i.tr(Text::Any)}</option>
                    <OptionList
                        options=Signal::derive(move || ctx.refs.teams.get().into_iter().map(|t| (t.id.to_string(), t.name)).collect::<Vec<_>>())
                        selected=Signal::derive(move || filter.with(|f| f.team.map(|t| t.to_string()).unwrap_or_default()))/>
                </select>
            </fieldset>
            <fieldset data-filter="source">
                <legend>{i.tr(Text::Source)}</legend>
                {move || sources().into_any()}
            </fieldset>
            <fieldset data-filter="created">
                <legend>{i.tr(Text::CreatedAt)}</legend>
                <label class="inline">
                    <span>{i.tr(Text::From)}</span>
                    <input type="date" name="created_from" prop:value=move || filter.with(|f| f.created_from.clone())
                        on:change=move |ev| filter.update(|f| f.created_from = event_target_value(&ev))/>
                </label>
                <label class="inline">
                    <span>{i.tr(Text::To)}</span>
                    <input type="date" name="created_to" prop:value=move || filter.with(|f| f.created_to.clone())
                        on:change=move |ev| filter.update(|f| f.created_to = event_target_value(&ev))/>
                </label>
            </fieldset>
            <fieldset data-filter="contact">
                <legend>{i.tr(Text::HasContactInfo)}</legend>
                <label class="inline">
                    <span>{i.tr(Text::Phone)}</span>
                    {yes_no("has_phone", |f| f.has_phone, |f, v| f.has_phone = v)}
                </label>
                <label class="inline">
                    <span>{i.tr(Text::Email)}</span>
                    {yes_no("has_email", |f| f.has_email, |f, v| f.has_email = v)}
                </label>
            </fieldset>
            <button type="button" class="btn small" id="filter-reset" on:click=move |_| filter.set(ListFilter::default())>
                {i.tr(Text::ClearFilters)}
            </button>
        </aside>
    }
}
