//! API keys: create (the key is shown this once), revoke.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::api_key::ApiKey;
use uuid::Uuid;
use web_sys::SubmitEvent;

use crate::api;
use crate::format;
use crate::i18n::{Text, use_i18n};
use crate::state::use_app;

#[component]
pub fn ApiKeys() -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let keys = RwSignal::new(Vec::<ApiKey>::new());
    let name = RwSignal::new(String::new());
    let fresh = RwSignal::new(None::<String>);
    let reload = move || {
        spawn_local(async move {
            match api::api_keys::list().await {
                Ok(l) => keys.set(l.items),
                Err(e) => ctx.toasts.error(e),
            }
        });
    };
    reload();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_owned();
        spawn_local(async move {
            match api::api_keys::create(&n).await {
                Ok(created) => {
                    fresh.set(Some(created.key));
                    name.set(String::new());
                    reload();
                }
                Err(e) => ctx.toasts.error(e),
            }
        });
    };
    let revoke = move |id: Uuid| {
        if !window()
            .confirm_with_message(i.t(Text::ConfirmRevoke))
            .unwrap_or(false)
        {
            return;
        }
        spawn_local(async move {
            match api::api_keys::revoke(id).await {
                Ok(()) => reload(),
                Err(e) => ctx.toasts.error(e),
            }
        });
    };
    view! {
        <section class="card" id="settings-api-keys">
            <h3>{i.tr(Text::ApiKeys)}</h3>
            <form class="inline-form" id="api-key-form" on:submit=submit>
                <input type="text" name="key_name" required placeholder=i.tr(Text::KeyName)
                    prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                <button type="submit" class="btn primary">{i.tr(Text::CreateKey)}</button>
            </form>
            {move || fresh.get().map(|k| view! {
                <div class="banner ok" id="new-api-key" role="status">
                    <p>{i.tr(Text::KeyShownOnce)}</p>
                    <code class="secret">{k}</code>
                    <button type="button" class="btn small" on:click=move |_| fresh.set(None)>{i.tr(Text::Close)}</button>
                </div>
            }).into_any()}
            <table class="simple" id="api-key-list">
                <thead><tr>
                    <th>{i.tr(Text::Name)}</th><th>{i.tr(Text::Prefix)}</th><th>{i.tr(Text::CreatedAt)}</th>
                    <th>{i.tr(Text::LastUsed)}</th><th></th>
                </tr></thead>
                <tbody>
                    <For each=move || keys.get() key=|k| (k.id, k.revoked_at) let:k>
                        {
                            let id = k.id;
                            let revoked = k.revoked_at.is_some();
                            let (created, used) = (k.created_at, k.last_used_at);
                            view! {
                                <tr class:inactive=revoked>
                                    <td>{k.name.clone()}</td>
                                    <td><code>{k.prefix.clone()}</code></td>
                                    <td>{move || format::datetime(i.lang(), &created)}</td>
                                    <td>{move || used.map(|t| format::datetime(i.lang(), &t)).unwrap_or_default()}</td>
                                    <td>
                                        {if revoked {
                                            view! { <span class="muted">{i.tr(Text::Revoked)}</span> }.into_any()
                                        } else {
                                            view! { <button type="button" class="btn small danger" on:click=move |_| revoke(id)>{i.tr(Text::Revoke)}</button> }.into_any()
                                        }}
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
