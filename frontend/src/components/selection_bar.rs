//! How many records are ticked, "select all N matching", and "clear selection". Bulk actions
//! arrive with the bulk API.

use leptos::prelude::*;

use crate::format;
use crate::i18n::{Text, use_i18n};
use crate::model::selection::Selection;

#[component]
pub fn SelectionBar(
    selection: RwSignal<Selection>,
    /// The list's total (and whether it is an estimate).
    #[prop(into)]
    total: Signal<(u64, bool)>,
) -> impl IntoView {
    let i = use_i18n();
    let count = move || {
        let (t, est) = total.get();
        let n = selection.with(|s| s.count(t));
        let shown = if selection.with(Selection::is_all_matching) {
            format::total(i.lang(), n, est)
        } else {
            format::count(i.lang(), n)
        };
        format!("{} {shown}", i.t(Text::SelectedCount))
    };
    let can_select_all = move || {
        let (t, _) = total.get();
        selection.with(|s| !s.is_all_matching() && s.count(t) < t)
    };
    view! {
            <div hidden=move || selection.with(Selection::is_empty) class="selection-bar" id="selection-bar" role="status">
                <span id="selection-count">{count}</span>
                    <button hidden=move || !can_select_all() type="button" class="btn link" id="select-all-matching"
                        on:click=move |_| selection.update(Selection::select_all_matching)>
                        {move || {
                            let (t, est) = total.get();
                            format!("{} ({})", i.t(Text::SelectAllMatching), format::total(i.lang(), t, est))
                        }}
                    </button>
                <button type="button" class="btn link" id="clear-selection"
                    on:click=move |_| selection.update(Selection::clear)>
                    {i.tr(Text::ClearSelection)}
                </button>
            </div>
    }
}
