//! An in-app link: a real `<a href>` (open in new tab works) that navigates without a reload.

use leptos::prelude::*;
use web_sys::MouseEvent;

use crate::router;

#[component]
pub fn Link(
    #[prop(into)] href: String,
    #[prop(optional, into)] class: Option<String>,
    #[prop(optional, into)] id: Option<String>,
    children: Children,
) -> impl IntoView {
    let target = href.clone();
    let on_click = move |ev: MouseEvent| {
        if ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key()) {
            ev.prevent_default();
            router::navigate(&target);
        }
    };
    view! {
        <a href=href class=class id=id on:click=on_click>
            {children()}
        </a>
    }
}
