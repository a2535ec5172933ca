//! A record's timeline, newest first, with the form to log a call, note or meeting. Reloads
//! when the record changes, to show the system entries the change wrote.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::activity::{Activity, ActivityKind};
use sen_api_types::record::RecordKind;
use uuid::Uuid;

use super::LogActivityForm;
use crate::api;
use crate::format;
use crate::i18n::{Text, activity_event, use_i18n};
use crate::state::use_app;

#[component]
pub fn Timeline(kind: RecordKind, id: Uuid, #[prop(into)] version: Signal<i64>) -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let items = RwSignal::new(Vec::<Activity>::new());
    Effect::new(move |_| {
        version.track();
        spawn_local(async move {
            if let Ok(list) = api::records::activities(kind, id).await {
                items.set(list.items);
            }
        });
    });
    let on_logged = Callback::new(move |a: Activity| items.update(|v| v.insert(0, a)));
    let entry = move |a: Activity| {
        let kind_key = match a.kind {
            ActivityKind::Call => "call",
            ActivityKind::Note => "note",
            ActivityKind::Meeting => "meeting",
            ActivityKind::System => "system",
        };
        let title = {
            let a = a.clone();
            move || {
                let lang = i.lang();
                match (a.kind, &a.subject) {
                    (ActivityKind::System, _) => {
                        activity_event(lang, a.event.as_deref().unwrap_or_default())
                    }
                    (k, Some(s)) => format!("{}: {s}", i.t(kind_text(k))),
                    (k, None) => i.t(kind_text(k)).to_owned(),
                }
            }
        };
        let actor = a.actor_id.map(|u| move || ctx.refs.user_name(u));
        let when = a.occurred_at;
        view! {
            <li class="activity" data-kind=kind_key>
                <div class="activity-title">{title}</div>
                {a.body.clone().map(|b| view! { <p class="activity-body">{b}</p> })}
                <div class="activity-meta muted">
                    {actor}
                    " · "
                    {move || format::datetime(i.lang(), &when)}
                </div>
            </li>
        }
    };
    view! {
        <section class="card timeline-card">
            <h3>{i.tr(Text::Timeline)}</h3>
            <LogActivityForm kind id on_logged/>
            <ol id="timeline" class="timeline">
                <For each=move || items.get() key=|a| a.id children=entry/>
            </ol>
        </section>
    }
}

fn kind_text(k: ActivityKind) -> Text {
    match k {
        ActivityKind::Call => Text::Call,
        ActivityKind::Note => Text::Note,
        ActivityKind::Meeting => Text::Meeting,
        ActivityKind::System => Text::SystemEvent,
    }
}
