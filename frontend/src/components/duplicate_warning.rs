//! "This looks like a record that exists": the candidates a duplicate rule matched, each to
//! open, and — when the rule only warns — a button to save anyway.

use leptos::prelude::*;
use sen_api_types::duplicate::DuplicateCandidate;
use sen_api_types::record::RecordKind;

use super::CandidateItem;
use crate::i18n::{Text, use_i18n};

#[component]
pub fn DuplicateWarning(
    /// The candidates; nothing is shown while empty.
    #[prop(into)]
    candidates: Signal<Vec<DuplicateCandidate>>,
    /// A `block` rule: saving anyway is not possible.
    #[prop(into)]
    blocked: Signal<bool>,
    /// The kind being saved (a candidate of another kind means "convert instead").
    kind: RecordKind,
    on_save_anyway: Callback<()>,
    /// Called before opening a candidate (e.g. to close a dialog).
    #[prop(optional)]
    on_open: Option<Callback<()>>,
) -> impl IntoView {
    let i = use_i18n();
    let rows = move || {
        candidates
            .get()
            .into_iter()
            .map(|candidate| view! { <CandidateItem candidate kind on_open=on_open.unwrap_or(Callback::new(|_| ()))/> })
            .collect_view()
    };
    let converts = move || candidates.with(|cs| cs.iter().any(|c| c.kind != kind));
    view! {
            <div hidden=move || candidates.with(Vec::is_empty) class="dup-warning banner warn" id="dup-warning" role="alert" data-blocked=move || blocked.get().to_string()>
                <strong>{move || i.t(if blocked.get() { Text::DuplicateBlocked } else { Text::DuplicateWarn })}</strong>
                <ul class="dup-list">{move || rows().into_any()}</ul>
                    <p hidden=move || !converts() class="muted">{i.tr(Text::ConvertInstead)}</p>
                    <button hidden=move || blocked.get() type="button" class="btn" id="save-anyway" on:click=move |_| on_save_anyway.run(())>
                        {i.tr(Text::SaveAnyway)}
                    </button>
            </div>
    }
}
