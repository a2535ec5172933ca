//! Users: add one with a first password, change the role, deactivate / reactivate.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::Role;
use sen_api_types::error::FieldError;
use sen_api_types::user::{UserCreate, UserUpdate};
use uuid::Uuid;
use web_sys::SubmitEvent;

use crate::api;
use crate::components::FieldErrorText;
use crate::i18n::{Text, role_name, use_i18n};
use crate::state::use_app;

#[component]
pub fn Users() -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    ctx.refs.reload_users();
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Member);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = UserCreate {
            email: email.get_untracked().trim().to_owned(),
            name: name.get_untracked().trim().to_owned(),
            role: role.get_untracked(),
            password: password.get_untracked(),
        };
        spawn_local(async move {
            match api::users::create(&body).await {
                Ok(_) => {
                    email.set(String::new());
                    name.set(String::new());
                    password.set(String::new());
                    errors.set(Vec::new());
                    ctx.refs.reload_users();
                    ctx.toasts.ok(Text::Saved);
                }
                Err(e) if !e.field_errors().is_empty() => errors.set(e.field_errors().to_vec()),
                Err(e) => ctx.toasts.error(e),
            }
        });
    };
    let update = move |id: Uuid, body: UserUpdate| {
        spawn_local(async move {
            match api::users::update(id, &body).await {
                Ok(_) => ctx.refs.reload_users(),
                Err(e) => ctx.toasts.error(e),
            }
        });
    };
    let input = move |n: &'static str, ty: &'static str, label: Text, value: RwSignal<String>| {
        view! {
            <label class="form-field">
                <span>{i.tr(label)}</span>
                <input type=ty name=n required prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
                <FieldErrorText errors field=n/>
            </label>
        }
    };
    view! {
        <section class="card" id="settings-users">
            <h3>{i.tr(Text::Users)}</h3>
            <table class="simple" id="user-list">
                <thead><tr>
                    <th>{i.tr(Text::Name)}</th><th>{i.tr(Text::Email)}</th><th>{i.tr(Text::Role)}</th><th>{i.tr(Text::Active)}</th>
                </tr></thead>
                <tbody>
                    <For each=move || ctx.refs.users.get() key=|u| (u.id, u.updated_at) let:u>
                        {
                            let id = u.id;
                            let current = u.role;
                            let role_cell = if current == Role::Owner {
                                view! { <span>{move || role_name(i.lang(), Role::Owner)}</span> }.into_any()
                            } else {
                                view! {
                                    <select on:change=move |ev| {
                                        let r = if event_target_value(&ev) == "admin" { Role::Admin } else { Role::Member };
                                        update(id, UserUpdate { role: Some(r), ..UserUpdate::default() });
                                    }>
                                        {[Role::Admin, Role::Member].into_iter().map(|r| view! {
                                            <option value=r.as_str() selected=r == current>{move || role_name(i.lang(), r)}</option>
                                        }).collect_view()}
                                    </select>
                                }.into_any()
                            };
                            let active = u.active;
                            view! {
                                <tr data-email=u.email.clone() class:inactive=!active>
                                    <td>{u.name.clone()}</td>
                                    <td>{u.email.clone()}</td>
                                    <td>{role_cell}</td>
                                    <td>
                                        <button type="button" class="btn small" hidden=current == Role::Owner
                                            on:click=move |_| update(id, UserUpdate { active: Some(!active), ..UserUpdate::default() })>
                                            {i.tr(if active { Text::Deactivate } else { Text::Activate })}
                                        </button>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <form class="inline-form" id="user-form" on:submit=submit>
                <h4>{i.tr(Text::AddUser)}</h4>
                <div class="form-grid">
                    {input("email", "email", Text::Email, email)}
                    {input("name", "text", Text::Name, name)}
                    {input("password", "password", Text::FirstPassword, password)}
                    <label class="form-field">
                        <span>{i.tr(Text::Role)}</span>
                        <select name="role" on:change=move |ev| role.set(if event_target_value(&ev) == "admin" { Role::Admin } else { Role::Member })>
                            <option value="member" selected=true>{move || role_name(i.lang(), Role::Member)}</option>
                            <option value="admin">{move || role_name(i.lang(), Role::Admin)}</option>
                        </select>
                    </label>
                </div>
                <button type="submit" class="btn primary">{i.tr(Text::Add)}</button>
            </form>
        </section>
    }
}
