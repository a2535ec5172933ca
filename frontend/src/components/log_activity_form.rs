//! "Log a call / note / meeting" on a record.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::activity::{Activity, ActivityCreate, ActivityKind};
use sen_api_types::record::RecordKind;
use uuid::Uuid;
use web_sys::SubmitEvent;

use crate::api;
use crate::i18n::{Text, use_i18n};
use crate::state::use_app;

const KINDS: [(ActivityKind, &str, Text); 3] = [
    (ActivityKind::Call, "call", Text::LogCall),
    (ActivityKind::Note, "note", Text::LogNote),
    (ActivityKind::Meeting, "meeting", Text::LogMeeting),
];

#[component]
pub fn LogActivityForm(kind: RecordKind, id: Uuid, on_logged: Callback<Activity>) -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let activity = RwSignal::new(ActivityKind::Call);
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let s = subject.get_untracked().trim().to_owned();
        let b = body.get_untracked().trim().to_owned();
        if s.is_empty() && b.is_empty() {
            return;
        }
        busy.set(true);
        let req = ActivityCreate {
            kind: activity.get_untracked(),
            subject: (!s.is_empty()).then_some(s),
            body: (!b.is_empty()).then_some(b),
            occurred_at: None,
        };
        spawn_local(async move {
            match api::records::log_activity(kind, id, &req).await {
                Ok(a) => {
                    subject.set(String::new());
                    body.set(String::new());
                    on_logged.run(a);
                }
                Err(e) => ctx.toasts.error(e),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="log-activity" id="log-activity" on:submit=submit>
            <div class="tabs" role="tablist">
                {KINDS
                    .into_iter()
                    .map(|(k, key, label)| view! {
                        <button type="button" role="tab" class="tab" data-activity-kind=key
                            aria-selected=move || (activity.get() == k).to_string()
                            on:click=move |_| activity.set(k)>{i.tr(label)}</button>
                    })
                    .collect_view()}
            </div>
            <input type="text" id="activity-subject" placeholder=i.tr(Text::Subject)
                prop:value=subject on:input=move |ev| subject.set(event_target_value(&ev))/>
            <textarea id="activity-body" rows="2" placeholder=i.tr(Text::Body)
                prop:value=body on:input=move |ev| body.set(event_target_value(&ev))></textarea>
            <button type="submit" id="activity-submit" class="btn primary" disabled=move || busy.get()>
                {i.tr(Text::LogIt)}
            </button>
        </form>
    }
}
