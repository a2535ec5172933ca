//! A list of one kind: search, filters, columns, sort, keyset "load more", live count and
//! selection. The rows are in `RecordTable` (virtualised).

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::record::{Record, RecordKind, RecordSearch};

use crate::api::{self, ApiError};
use crate::components::{
    BulkBar, ColumnChooser, ErrorText, FilterPanel, Link, RecordTable, SearchBox, SelectionBar,
    ViewTabs,
};
use crate::format;
use crate::i18n::{Text, kind_plural, kind_singular, use_i18n};
use crate::model::columns;
use crate::model::list_filter::ListFilter;
use crate::model::saved_views;
use crate::model::selection::Selection;
use crate::perf;
use crate::router;
use crate::state::use_app;

const PAGE: u64 = 100;

#[component]
pub fn ListPage(kind: RecordKind) -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    ctx.refs.ensure_kind(kind);

    let q = RwSignal::new(String::new());
    let filter = RwSignal::new(ListFilter::default());
    let sort = RwSignal::new(saved_views::DEFAULT_SORT.to_owned());
    let columns = RwSignal::new(columns::load(kind));
    let filter_open = RwSignal::new(false);

    let items = RwSignal::new(Vec::<Record>::new());
    let next_cursor = RwSignal::new(None::<String>);
    let total = RwSignal::new((0_u64, false));
    let state = RwSignal::new("loading");
    let error = RwSignal::new(None::<ApiError>);
    let selection = RwSignal::new(Selection::default());
    // Counts first pages, so the table scrolls back to the top for each new query.
    let first_pages = RwSignal::new(0_u64);
    // Answers to an older query are dropped.
    let generation = StoredValue::new(0_u64);

    let search_for = move |cursor: Option<String>| RecordSearch {
        filter: filter.with_untracked(|f| f.to_filter(&q.get_untracked())),
        sort: Some(sort.get_untracked()),
        limit: Some(PAGE),
        cursor,
    };
    let fetch = move |cursor: Option<String>| {
        let more = cursor.is_some();
        let generation_now = generation.get_value() + u64::from(!more);
        generation.set_value(generation_now);
        state.set("loading");
        let search = search_for(cursor);
        spawn_local(async move {
            let res = api::records::search(kind, &search).await;
            if generation.try_get_value() != Some(generation_now) {
                return;
            }
            match res {
                Ok(page) => {
                    if more {
                        items.update(|v| v.extend(page.items));
                    } else {
                        items.set(page.items);
                        first_pages.update(|n| *n += 1);
                    }
                    next_cursor.set(page.next_cursor);
                    total.set((page.total, page.total_is_estimate));
                    error.set(None);
                    state.set("ready");
                    perf::list_ready();
                }
                Err(e) => {
                    error.set(Some(e));
                    state.set("error");
                }
            }
        });
    };
    // A new query: first page again; a selection of "all matching" meant the old filter.
    Effect::new(move |_| {
        q.track();
        filter.track();
        sort.track();
        selection.update(|s| {
            if s.is_all_matching() {
                s.clear();
            }
        });
        fetch(None);
    });

    let load_more = move || {
        if state.get_untracked() != "loading"
            && let Some(cursor) = next_cursor.get_untracked()
        {
            fetch(Some(cursor));
        }
    };
    let on_near_end = Callback::new(move |_| load_more());
    let count_text = move || {
        let (t, est) = total.get();
        format!("{} {}", format::total(i.lang(), t, est), i.t(Text::Records))
    };
    let loaded_text = move || {
        let (t, est) = total.get();
        format!(
            "{} {} / {}",
            i.t(Text::Loaded),
            format::count(i.lang(), items.with(Vec::len) as u64),
            format::total(i.lang(), t, est)
        )
    };
    let filter_label = move || match filter.with(ListFilter::active) {
        0 => i.t(Text::Filters).to_owned(),
        n => format!("{} ({n})", i.t(Text::Filters)),
    };
    // Owned by the page, so an undo pressed later (in a toast) still reloads it.
    let reload = Callback::new(move |_| fetch(None));
    let bulk_filter = Signal::derive(move || filter.with(|f| f.to_filter(&q.get())));
    let loaded_ids = Signal::derive(move || {
        (
            items.with(|v| v.iter().map(|r| r.id).collect::<Vec<_>>()),
            next_cursor.with(Option::is_none),
        )
    });
    let selected_count = Signal::derive(move || {
        let (t, est) = total.get();
        let n = selection.with(|s| s.count(t));
        if selection.with(Selection::is_all_matching) {
            format::total(i.lang(), n, est)
        } else {
            format::count(i.lang(), n)
        }
    });
    view! {
        <section class="list-page" data-kind=kind.plural() data-state=move || state.get()
            data-loaded=move || items.with(Vec::len)>
            <div class="list-head">
                <h2 id="list-title">{move || kind_plural(i.lang(), kind)}</h2>
                <span id="list-count" class="count" aria-live="polite">{count_text}</span>
                {(kind == RecordKind::Opportunity).then(|| view! {
                    <Link href=router::PIPELINE_PATH class="btn" id="pipeline-open">{i.tr(Text::PipelineBoard)}</Link>
                })}
                <Link href=router::import_path(kind) class="btn" id="import-open">{i.tr(Text::ImportOpen)}</Link>
                <Link href=format!("{}/new", router::list_path(kind)) class="btn primary" id="create-record">
                    {move || format!("{} {}", i.t(Text::New), kind_singular(i.lang(), kind))}
                </Link>
            </div>
            <ViewTabs kind q filter sort columns/>
            <div class="toolbar">
                <SearchBox value=q placeholder=Text::SearchPlaceholder/>
                <button type="button" class="btn" id="filter-toggle"
                    aria-expanded=move || filter_open.get().to_string()
                    on:click=move |_| filter_open.update(|o| *o = !*o)>{filter_label}</button>
                <ColumnChooser kind columns/>
            </div>
            <FilterPanel kind filter open=filter_open/>
            <SelectionBar selection total/>
            <BulkBar kind selection filter=bulk_filter loaded=loaded_ids count=selected_count
                on_changed=reload/>
            <ErrorText error/>
                <p hidden=move || !(state.get() == "ready" && items.with(Vec::is_empty)) class="empty-state" id="list-empty">{i.tr(Text::NoRecords)}</p>
            <RecordTable kind items columns sort selection reset=first_pages on_near_end/>
            <div class="list-foot">
                <span class="muted">{loaded_text}</span>
                    <button hidden=move || next_cursor.with(Option::is_none) type="button" class="btn" id="load-more" disabled=move || state.get() == "loading"
                        on:click=move |_| load_more()>{i.tr(Text::LoadMore)}</button>
            </div>
        </section>
    }
}
