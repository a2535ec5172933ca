//! The `<option>`s of a select from `(value, label)` pairs: one piece of wasm for the many
//! selects built from data (users, teams, statuses, picklists).

use leptos::prelude::*;

#[component]
pub fn OptionList(
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    /// The value shown as chosen, if any.
    #[prop(into, optional)]
    selected: Option<Signal<String>>,
) -> impl IntoView {
    move || {
        let chosen = selected.map(|s| s.get()).unwrap_or_default();
        options
            .get()
            .into_iter()
            .map(|(value, label)| {
                let on = value == chosen;
                view! { <option value=value selected=on>{label}</option> }
            })
            .collect_view()
    }
}
