//! Workspace tags: add, rename, delete, with how many records carry each.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::error::FieldError;
use sen_api_types::tag::Tag;
use uuid::Uuid;
use web_sys::SubmitEvent;

use crate::api;
use crate::components::FieldErrorText;
use crate::format;
use crate::i18n::{Text, use_i18n};
use crate::state::use_app;

#[component]
pub fn Tags() -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let tags = RwSignal::new(Vec::<Tag>::new());
    let name = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let reload = move || {
        spawn_local(async move {
            match api::tags::list("", 500).await {
                Ok(l) => tags.set(l.items),
                Err(e) => ctx.toasts.error(e),
            }
        });
    };
    reload();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_owned();
        if n.is_empty() {
            return;
        }
        spawn_local(async move {
            match api::tags::create(&n).await {
                Ok(_) => {
                    name.set(String::new());
                    errors.set(Vec::new());
                    reload();
                }
                Err(e) if !e.field_errors().is_empty() => errors.set(e.field_errors().to_vec()),
                Err(e) => ctx.toasts.error(e),
            }
        });
    };
    let rename = move |id: Uuid, current: String| {
        let Some(n) = window()
            .prompt_with_message_and_default(i.t(Text::NewName), &current)
            .ok()
            .flatten()
        else {
            return;
        };
        spawn_local(async move {
            match api::tags::rename(id, n.trim()).await {
                Ok(_) => reload(),
                Err(e) => ctx.toasts.error(e),
            }
        });
    };
    let remove = move |id: Uuid| {
        if !window()
            .confirm_with_message(i.t(Text::ConfirmDeleteTag))
            .unwrap_or(false)
        {
            return;
        }
        spawn_local(async move {
            match api::tags::delete(id).await {
                Ok(()) => reload(),
                Err(e) => ctx.toasts.error(e),
            }
        });
    };
    view! {
        <section class="card" id="settings-tags">
            <h3>{i.tr(Text::Tags)}</h3>
            <form class="inline-form" id="tag-form" on:submit=submit>
                <input type="text" name="tag_name" placeholder=i.tr(Text::TagName) required
                    prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                <button type="submit" class="btn primary" id="tag-submit">{i.tr(Text::Add)}</button>
                <FieldErrorText errors field="name"/>
            </form>
            <table class="simple" id="tag-list">
                <thead><tr><th>{i.tr(Text::Name)}</th><th>{i.tr(Text::Records)}</th><th></th></tr></thead>
                <tbody>
                    <For each=move || tags.get() key=|t| (t.id, t.name.clone(), t.record_count) let:t>
                        {
                            let (id, n) = (t.id, t.name.clone());
                            view! {
                                <tr data-tag=t.name.clone()>
                                    <td>{t.name.clone()}</td>
                                    <td>{move || format::count(i.lang(), t.record_count)}</td>
                                    <td class="row-actions">
                                        <button type="button" class="btn small" on:click=move |_| rename(id, n.clone())>{i.tr(Text::Rename)}</button>
                                        <button type="button" class="btn small danger" on:click=move |_| remove(id)>{i.tr(Text::Delete)}</button>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </section>
    }
}
