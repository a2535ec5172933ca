//! Create a workspace and its owner; the owner is logged in at once.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::auth::{Me, SignupRequest};
use sen_api_types::error::FieldError;
use web_sys::SubmitEvent;

use crate::api;
use crate::components::{ErrorText, FieldErrorText, Link};
use crate::i18n::{Text, use_i18n};
use crate::router;
use crate::state::use_app;

#[component]
pub fn SignupPage() -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let workspace = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let error = RwSignal::new(None::<api::ApiError>);
    let busy = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let req = SignupRequest {
            workspace_name: workspace.get_untracked().trim().to_owned(),
            name: name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        spawn_local(async move {
            match api::auth::signup(&req).await {
                Ok(r) => {
                    ctx.me.set(Some(Me {
                        user: r.user,
                        workspace: r.workspace,
                        teams: Vec::new(),
                    }));
                    ctx.refs.ensure_common();
                    router::navigate("/leads");
                }
                Err(e) => {
                    errors.set(e.field_errors().to_vec());
                    error.set(e.field_errors().is_empty().then_some(e));
                }
            }
            busy.set(false);
        });
    };
    let input =
        move |name_attr: &'static str, ty: &'static str, label: Text, value: RwSignal<String>| {
            view! {
                <label>
                    <span>{i.tr(label)}</span>
                    <input type=ty name=name_attr required prop:value=value
                        on:input=move |ev| value.set(event_target_value(&ev))/>
                    <FieldErrorText errors field=name_attr/>
                </label>
            }
        };
    view! {
        <section class="auth-page">
            <form class="card auth-form" id="signup-form" on:submit=submit>
                <h2>{i.tr(Text::Signup)}</h2>
                {input("workspace_name", "text", Text::WorkspaceName, workspace)}
                {input("name", "text", Text::YourName, name)}
                {input("email", "email", Text::Email, email)}
                {input("password", "password", Text::PasswordMin, password)}
                <ErrorText error/>
                <button type="submit" class="btn primary" id="signup-submit" disabled=move || busy.get()>
                    {i.tr(Text::CreateWorkspace)}
                </button>
                <p class="muted">
                    {i.tr(Text::HaveAccount)}" "
                    <Link href="/login" id="to-login">{i.tr(Text::Login)}</Link>
                </p>
            </form>
        </section>
    }
}
