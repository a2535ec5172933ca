//! The responsible user (Phụ trách): a select of the workspace's active users.

use leptos::prelude::*;
use uuid::Uuid;

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
            {move || {
                let current = owner.get();
                let users = ctx.refs.users.get();
                let known = users.iter().any(|u| u.id == current);
                let unknown = (!known).then(|| {
                    view! { <option value=current.to_string() selected=true>{ctx.refs.user_name(current)}</option> }
                });
                let options = users
                    .into_iter()
                    .filter(|u| u.active || u.id == current)
                    .map(|u| {
                        view! { <option value=u.id.to_string() selected=u.id == current>{u.name}</option> }
                    })
                    .collect_view();
                (unknown, options)
            }}
        </select>
    }
}
