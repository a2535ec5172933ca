//! The "+" dialog: a record of any kind from a name and a phone or email, from anywhere.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::duplicate::DuplicateCandidate;
use sen_api_types::error::{ErrorCode, FieldError};
use sen_api_types::record::{EmailEntry, PhoneEntry, RecordInput, RecordKind};
use web_sys::{KeyboardEvent, SubmitEvent};

use super::{DuplicateWarning, FieldErrorText};
use crate::api;
use crate::i18n::{Text, kind_singular, use_i18n};
use crate::model::fields::split_person_name;
use crate::router::{self, Route};
use crate::state::use_app;

#[component]
pub fn QuickCreate() -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let kind = RwSignal::new(RecordKind::Lead);
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let dup = RwSignal::new(Vec::<DuplicateCandidate>::new());
    let dup_blocked = RwSignal::new(false);
    // Opened on a list or record: that kind by default.
    Effect::new(move |_| {
        let open = ctx.quick_create.get();
        if let (true, Route::List(k) | Route::New(k) | Route::Detail(k, _)) =
            (open, ctx.route.get_untracked())
        {
            kind.set(k);
        }
    });
    let close = move || {
        ctx.quick_create.set(false);
        name.set(String::new());
        phone.set(String::new());
        email.set(String::new());
        errors.set(Vec::new());
        dup.set(Vec::new());
    };
    let pending = StoredValue::new(None::<(RecordKind, RecordInput)>);
    let send = move |k: RecordKind, input: RecordInput, allow_duplicate: bool| {
        busy.set(true);
        spawn_local(async move {
            match api::records::create(k, &input, allow_duplicate).await {
                Ok(r) => {
                    close();
                    ctx.toasts.ok_with(Text::Created, r.display_name.clone());
                    router::navigate(&router::detail_path(k, r.id));
                }
                Err(e) if !e.candidates().is_empty() => {
                    dup_blocked.set(e.is(ErrorCode::DuplicateBlocked));
                    dup.set(e.candidates().to_vec());
                    pending.set_value(Some((k, input)));
                }
                Err(e) if !e.field_errors().is_empty() => errors.set(e.field_errors().to_vec()),
                Err(e) => ctx.toasts.error(e),
            }
            busy.set(false);
        });
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let k = kind.get_untracked();
        let mut input = RecordInput::default();
        let full = name.get_untracked();
        if k.is_person() {
            let (last, first) = split_person_name(&full);
            input.last_name = Some(last);
            input.first_name = Some((!first.is_empty()).then_some(first));
        } else {
            let n = full.trim().to_owned();
            input.name = Some((!n.is_empty()).then_some(n));
        }
        let p = phone.get_untracked();
        if !p.trim().is_empty() {
            input.phones = Some(vec![PhoneEntry {
                number: p,
                label: None,
            }]);
        }
        let e = email.get_untracked();
        if !e.trim().is_empty() {
            input.emails = Some(vec![EmailEntry {
                address: e,
                label: None,
            }]);
        }
        dup.set(Vec::new());
        send(k, input, false);
    };
    let save_anyway = Callback::new(move |_| {
        if let Some((k, input)) = pending.get_value() {
            dup.set(Vec::new());
            send(k, input, true);
        }
    });
    view! {
            <div class="modal-backdrop" hidden=move || !ctx.quick_create.get() on:click=move |_| close()>
                <form class="modal" id="quick-create" role="dialog" aria-modal="true"
                    on:keydown=move |ev: KeyboardEvent| if ev.key() == "Escape" { close() }
                    on:submit=submit on:click=|ev| ev.stop_propagation()>
                    <h2>{i.tr(Text::QuickCreate)}</h2>
                    <label>
                        <span>{i.tr(Text::Kind)}</span>
                        <select name="kind" on:change=move |ev| {
                            if let Some(k) = RecordKind::parse(&event_target_value(&ev)) {
                                kind.set(k);
                            }
                        }>
                            {RecordKind::ALL.into_iter().map(|k| view! {
                                <option value=k.as_str() selected=move || kind.get() == k>
                                    {move || kind_singular(i.lang(), k)}
                                </option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label>
                        <span>{move || i.t(if kind.get().is_person() { Text::FullName } else { Text::Name })}</span>
                        <input type="text" name="name" required prop:value=name
                            on:input=move |ev| name.set(event_target_value(&ev))/>
                        <FieldErrorText errors field="first_name"/>
                        <FieldErrorText errors field="last_name"/>
                        <FieldErrorText errors field="name"/>
                    </label>
                    <label>
                        <span>{i.tr(Text::Phone)}</span>
                        <input type="tel" name="phone" prop:value=phone
                            on:input=move |ev| phone.set(event_target_value(&ev))/>
                        <FieldErrorText errors field="phones[0].number"/>
                    </label>
                    <label>
                        <span>{i.tr(Text::Email)}</span>
                        <input type="text" inputmode="email" name="email" prop:value=email
                            on:input=move |ev| email.set(event_target_value(&ev))/>
                        <FieldErrorText errors field="emails[0].address"/>
                    </label>
                    {move || view! {
                        <DuplicateWarning candidates=dup blocked=dup_blocked kind=kind.get() on_save_anyway=save_anyway
                            on_open=Callback::new(move |_| close())/>
                    }.into_any()}
                    <div class="modal-actions">
                        <button type="button" class="btn" id="quick-create-cancel" on:click=move |_| close()>{i.tr(Text::Cancel)}</button>
                        <button type="submit" class="btn primary" id="quick-create-save" disabled=move || busy.get()>
                            {i.tr(Text::Create)}
                        </button>
                    </div>
                </form>
            </div>
    }
}
