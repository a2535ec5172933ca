//! Links a record to another one (a contact's account, an opportunity's contact): shows the
//! linked record's name, and searches that kind to pick another.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::record::{RecordFilter, RecordKind, RecordSearch};
use uuid::Uuid;

use super::Link;
use crate::api;
use crate::i18n::{Text, use_i18n};
use crate::router;

#[component]
pub fn RecordPicker(
    kind: RecordKind,
    /// The linked record's id.
    #[prop(into)]
    value: Signal<Option<Uuid>>,
    on_pick: Callback<Option<Uuid>>,
    /// The field name, for tests.
    #[prop(into)]
    name: String,
) -> impl IntoView {
    let i = use_i18n();
    let linked_name = RwSignal::new(None::<String>);
    Effect::new(move |_| match value.get() {
        None => linked_name.set(None),
        Some(id) => spawn_local(async move {
            let name = api::records::get(kind, id)
                .await
                .map_or_else(|_| id.to_string(), |r| r.display_name);
            linked_name.set(Some(name));
        }),
    });
    let searching = RwSignal::new(false);
    let q = RwSignal::new(String::new());
    let results = RwSignal::new(Vec::<(Uuid, String)>::new());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let run_search = move |text: String| {
        spawn_local(async move {
            let search = RecordSearch {
                filter: RecordFilter {
                    q: Some(text),
                    ..RecordFilter::default()
                },
                limit: Some(8),
                ..RecordSearch::default()
            };
            if let Ok(page) = api::records::search(kind, &search).await {
                results.set(
                    page.items
                        .into_iter()
                        .map(|r| (r.id, r.display_name))
                        .collect(),
                );
            }
        });
    };
    let on_input = move |ev| {
        let v = event_target_value(&ev);
        q.set(v.clone());
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        pending.set_value(
            set_timeout_with_handle(move || run_search(v), Duration::from_millis(200)).ok(),
        );
    };
    let pick = move |id: Option<Uuid>| {
        searching.set(false);
        q.set(String::new());
        results.set(Vec::new());
        on_pick.run(id);
    };
    view! {
        <div class="record-picker" data-name=name>
            {move || match (value.get(), linked_name.get()) {
                (Some(id), Some(n)) => view! { <Link href=router::detail_path(kind, id)>{n}</Link> }.into_any(),
                (Some(_), None) => view! { <span>"…"</span> }.into_any(),
                _ => view! { <span class="muted">"—"</span> }.into_any(),
            }}
            <button type="button" class="btn small" hidden=move || searching.get() on:click=move |_| {
                searching.set(true);
                run_search(String::new());
            }>{i.tr(Text::Change)}</button>
                <div class="picker-pop" hidden=move || !searching.get()>
                    <input type="search" class="picker-search" placeholder=i.tr(Text::SearchPlaceholder) prop:value=q on:input=on_input/>
                    <ul class="picker-results">
                        <For each=move || results.get() key=|(id, _)| *id let:item>
                            <li>
                                <button type="button" class="btn link" on:click=move |_| pick(Some(item.0))>{item.1.clone()}</button>
                            </li>
                        </For>
                    </ul>
                    <div class="picker-actions">
                        <button type="button" class="btn small" on:click=move |_| pick(None)>{i.tr(Text::Unlink)}</button>
                        <button type="button" class="btn small" on:click=move |_| searching.set(false)>{i.tr(Text::Cancel)}</button>
                    </div>
                </div>
        </div>
    }
}
