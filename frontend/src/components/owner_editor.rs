//! The responsible user (Phụ trách): a select of the workspace's active users.

use leptos::prelude::*;
use uuid::Uuid;

use super::OptionList;
use crate::state::use_app;

#[component]
pub fn OwnerEditor(#[prop(into)] owner: Signal<Uuid>, on_change: Callback<Uuid>) -> impl IntoView {
    let ctx = use_app();
    view! {
        <select
            class="owner-select"
            name="owner_id"
            on:change=move |ev| {
                if let Ok(id) = Uuid::parse_str(&event_target_value(&ev)) {
                    on_change.run(id);
                }
            }
        >
            <OptionList
                options=Signal::derive(move || {
                    let current = owner.get();
                    let users = ctx.refs.users.get();
                    // The owner first when the list does not have them (yet).
                    let unknown = (!users.iter().any(|u| u.id == current))
                        .then(|| (current.to_string(), ctx.refs.user_name(current)));
                    unknown
                        .into_iter()
                        .chain(
                            users
                                .into_iter()
                                .filter(|u| u.active || u.id == current)
                                .map(|u| (u.id.to_string(), u.name)),
                        )
                        .collect::<Vec<_>>()
                })
                selected=Signal::derive(move || owner.get().to_string())/>
        </select>
    }
}
