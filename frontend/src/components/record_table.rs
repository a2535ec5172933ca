//! The record list's table, virtualised: rows have a fixed height and only those in (or near)
//! the scrolled window are in the DOM, so ten thousand loaded rows scroll as smoothly as fifty.

use leptos::prelude::*;
use sen_api_types::record::{Record, RecordKind};

use super::RecordRow;
use crate::i18n::{Text, use_i18n};
use crate::model::columns::Column;
use crate::model::selection::Selection;

/// Must match `tr.row { height }` in style.css.
const ROW_PX: usize = 40;
const ROW_HEIGHT: f64 = ROW_PX as f64;
/// Rows rendered above and below the visible ones, so fast scrolling shows no gaps.
const OVERSCAN: usize = 10;

#[component]
pub fn RecordTable(
    kind: RecordKind,
    items: RwSignal<Vec<Record>>,
    #[prop(into)] columns: Signal<Vec<Column>>,
    sort: RwSignal<String>,
    selection: RwSignal<Selection>,
    /// Changes when a new query's first page arrives: back to the top.
    #[prop(into)]
    reset: Signal<u64>,
    /// Called when the rendered window reaches the last loaded row (infinite scroll).
    #[prop(optional)]
    on_near_end: Option<Callback<()>>,
) -> impl IntoView {
    let i = use_i18n();
    let scroller = NodeRef::<leptos::html::Div>::new();
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport = RwSignal::new(800.0_f64);
    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            scroll_top.set(f64::from(el.scroll_top()));
            viewport.set(f64::from(el.client_height()));
        }
    };
    Effect::new(move |_| {
        if scroller.get().is_some() {
            measure();
        }
    });
    Effect::new(move |_| {
        reset.track();
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
        }
        scroll_top.set(0.0);
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    // (first, end, len): the rendered slice; a Memo, so scrolling within it renders nothing.
    let window = Memo::new(move |_| {
        let len = items.with(Vec::len);
        let top = scroll_top.get();
        let first = ((top / ROW_HEIGHT) as usize)
            .saturating_sub(OVERSCAN)
            .min(len);
        let end = (((top + viewport.get()) / ROW_HEIGHT).ceil() as usize + OVERSCAN).min(len);
        (first, end.max(first), len)
    });
    Effect::new(move |_| {
        let (_, end, len) = window.get();
        if let (true, Some(cb)) = (len > 0 && end == len, on_near_end) {
            cb.run(());
        }
    });
    let visible = move || {
        let (first, end, _) = window.get();
        items.with(|v| {
            v.get(first..end)
                .map(<[Record]>::to_vec)
                .unwrap_or_default()
        })
    };
    // Whole pixels: no float formatting in the app.
    let pad = |rows: usize| format!("{}px", rows * ROW_PX);

    let all_loaded_ticked = move || {
        items.with(|v| !v.is_empty() && selection.with(|s| v.iter().all(|r| s.contains(r.id))))
    };
    let tick_all = move |_| {
        let on = !all_loaded_ticked();
        items.with_untracked(|v| selection.update(|s| s.set_many(v.iter().map(|r| r.id), on)));
    };
    let header = move || {
        let current = sort.get();
        columns
            .get()
            .into_iter()
            .map(|c| match c.sort_key() {
                Some(key) => {
                    let (arrow, next, aria) = if current == key {
                        (" ▲", format!("-{key}"), "ascending")
                    } else if current.strip_prefix('-') == Some(key) {
                        (" ▼", key.to_owned(), "descending")
                    } else {
                        ("", key.to_owned(), "none")
                    };
                    view! {
                        <th class="sortable" data-column=c.key() aria-sort=aria on:click=move |_| sort.set(next.clone())>
                            {i.tr(c.label(kind))}
                            {arrow}
                        </th>
                    }
                    .into_any()
                }
                None => view! { <th data-column=c.key()>{i.tr(c.label(kind))}</th> }.into_any(),
            })
            .collect_view()
    };
    view! {
        <div class="table-scroll" node_ref=scroller on:scroll=move |_| measure()>
            <table class="records" id="records">
                <thead>
                    <tr>
                        <th class="sel">
                            <input type="checkbox" id="tick-all" aria-label=i.tr(Text::TickAllOnScreen)
                                title=i.tr(Text::TickAllOnScreen)
                                prop:checked=all_loaded_ticked on:change=tick_all/>
                        </th>
                        {move || header().into_any()}
                    </tr>
                </thead>
                <tbody>
                    <tr class="spacer" aria-hidden="true" style:height=move || pad(window.get().0)></tr>
                    <For
                        each=visible
                        key=|r| (r.id, r.version)
                        children=move |r| view! { <RecordRow kind record=r columns selection/> }
                    />
                    <tr class="spacer" aria-hidden="true" style:height=move || {
                        let (_, end, len) = window.get();
                        pad(len - end)
                    }></tr>
                </tbody>
            </table>
        </div>
    }
}
