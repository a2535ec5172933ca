//! Log in with email and password.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::auth::LoginRequest;
use web_sys::SubmitEvent;

use crate::api::{self, ApiError};
use crate::components::{ErrorText, Link};
use crate::i18n::{Text, use_i18n};
use crate::router;
use crate::state::use_app;

#[component]
pub fn LoginPage() -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    // Whoever was logged in is not any more.
    ctx.me.set(None);
    ctx.refs.reset();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let req = LoginRequest {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            workspace_id: None,
        };
        spawn_local(async move {
            match api::auth::login(&req).await {
                Ok(()) => router::navigate("/leads"),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="auth-page">
            <form class="card auth-form" id="login-form" on:submit=submit>
                <h2>{i.tr(Text::Login)}</h2>
                <label>
                    <span>{i.tr(Text::Email)}</span>
                    <input type="email" name="email" autocomplete="username" required
                        prop:value=email on:input=move |ev| email.set(event_target_value(&ev))/>
                </label>
                <label>
                    <span>{i.tr(Text::Password)}</span>
                    <input type="password" name="password" autocomplete="current-password" required
                        prop:value=password on:input=move |ev| password.set(event_target_value(&ev))/>
                </label>
                <ErrorText error/>
                <button type="submit" class="btn primary" id="login-submit" disabled=move || busy.get()>
                    {i.tr(Text::Login)}
                </button>
                <p class="muted">
                    {i.tr(Text::NoAccount)}" "
                    <Link href="/signup" id="to-signup">{i.tr(Text::Signup)}</Link>
                </p>
            </form>
        </section>
    }
}
