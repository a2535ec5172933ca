//! The full create form of a kind: its fields, phones, emails, tags and custom fields.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::duplicate::DuplicateCandidate;
use sen_api_types::error::{ErrorCode, FieldError};
use sen_api_types::record::{EmailEntry, PhoneEntry, RecordInput, RecordKind};
use uuid::Uuid;
use web_sys::SubmitEvent;

use super::record_inputs::{custom_from_text, custom_input_kind, custom_label, input_kind};
use crate::api;
use crate::components::{
    DuplicateWarning, EmailsEditor, FieldErrorText, FieldInput, Link, PhonesEditor, RecordPicker,
    TagsEditor,
};
use crate::i18n::{Text, kind_singular, use_i18n};
use crate::model::fields::{Editor, Field};
use crate::router;
use crate::state::use_app;

#[component]
pub fn CreatePage(kind: RecordKind) -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    ctx.refs.ensure_kind(kind);
    let values: Vec<(Field, RwSignal<String>)> = Field::of(kind)
        .iter()
        .map(|f| (*f, RwSignal::new(String::new())))
        .collect();
    let values = StoredValue::new(values);
    let phones = RwSignal::new(vec![PhoneEntry {
        number: String::new(),
        label: None,
    }]);
    let emails = RwSignal::new(vec![EmailEntry {
        address: String::new(),
        label: None,
    }]);
    let tags = RwSignal::new(Vec::<String>::new());
    let custom = RwSignal::new(Vec::<(String, RwSignal<String>)>::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);

    let dup = RwSignal::new(Vec::<DuplicateCandidate>::new());
    let dup_blocked = RwSignal::new(false);
    // The input a duplicate rule stopped, to send again "anyway".
    let pending = StoredValue::new(None::<RecordInput>);

    let send = move |input: RecordInput, allow_duplicate: bool| {
        busy.set(true);
        spawn_local(async move {
            match api::records::create(kind, &input, allow_duplicate).await {
                Ok(r) => {
                    ctx.toasts.ok_with(Text::Created, r.display_name.clone());
                    router::navigate(&router::detail_path(kind, r.id));
                }
                Err(e) => {
                    if !e.candidates().is_empty() {
                        dup_blocked.set(e.is(ErrorCode::DuplicateBlocked));
                        dup.set(e.candidates().to_vec());
                        pending.set_value(Some(input));
                    } else if e.field_errors().is_empty() {
                        ctx.toasts.error(e);
                    } else {
                        errors.set(e.field_errors().to_vec());
                    }
                    // Blank rows were dropped for the request; give the empty lists one back.
                    phones.update(|v| {
                        if v.is_empty() {
                            v.push(PhoneEntry {
                                number: String::new(),
                                label: None,
                            });
                        }
                    });
                    emails.update(|v| {
                        if v.is_empty() {
                            v.push(EmailEntry {
                                address: String::new(),
                                label: None,
                            });
                        }
                    });
                    busy.set(false);
                }
            }
        });
    };

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut input = RecordInput::default();
        values.with_value(|vs| {
            for (f, v) in vs {
                let v = v.get_untracked();
                if !v.trim().is_empty() {
                    f.set(&mut input, Some(v));
                }
            }
        });
        phones.update(|v| v.retain(|p| !p.number.trim().is_empty()));
        emails.update(|v| v.retain(|e| !e.address.trim().is_empty()));
        input.phones = Some(phones.get_untracked());
        input.emails = Some(emails.get_untracked());
        input.tags = Some(tags.get_untracked());
        let mut map = serde_json::Map::new();
        for cf in ctx.refs.custom_fields_of(kind) {
            let text = custom.with_untracked(|c| {
                c.iter()
                    .find(|(k, _)| *k == cf.key)
                    .map(|(_, v)| v.get_untracked())
            });
            let value = custom_from_text(&cf, text);
            if !value.is_null() {
                map.insert(cf.key.clone(), value);
            }
        }
        input.custom = Some(map);
        dup.set(Vec::new());
        send(input, false);
    };
    let save_anyway = Callback::new(move |_| {
        if let Some(input) = pending.get_value() {
            dup.set(Vec::new());
            send(input, true);
        }
    });

    let field_row = move |(f, value): (Field, RwSignal<String>)| {
        let label = move || {
            let star = if f.required() { " *" } else { "" };
            format!("{}{star}", i.t(f.label(kind)))
        };
        let input = match f.editor() {
            Editor::Link(target) => {
                let id = Signal::derive(move || Uuid::parse_str(&value.get()).ok());
                view! {
                    <RecordPicker kind=target value=id name=f.key()
                        on_pick=Callback::new(move |id: Option<Uuid>| value.set(id.map(|u| u.to_string()).unwrap_or_default()))/>
                }
                .into_any()
            }
            _ => {
                view! { <FieldInput kind=input_kind(ctx, kind, f) value name=f.key()/> }.into_any()
            }
        };
        view! {
            <label class="form-field" data-field=f.key()>
                <span>{label}</span>
                {input}
                <FieldErrorText errors field=f.key()/>
            </label>
        }
    };
    let custom_rows = move || {
        let fields = ctx
            .refs
            .custom_fields
            .with(|m| m.get(&kind).cloned().unwrap_or_default());
        custom.set(
            fields
                .iter()
                .map(|cf| (cf.key.clone(), RwSignal::new(String::new())))
                .collect(),
        );
        fields
            .into_iter()
            .map(|cf| {
                let value = custom
                    .with_untracked(|c| c.iter().find(|(k, _)| *k == cf.key).map(|(_, v)| *v));
                let value = value.unwrap_or_else(|| RwSignal::new(String::new()));
                let field = format!("custom.{}", cf.key);
                let label = {
                    let cf = cf.clone();
                    move || custom_label(&cf, i.lang())
                };
                let (data_field, input_name) = (field.clone(), field.clone());
                view! {
                    <label class="form-field" data-field=data_field>
                        <span>{label}</span>
                        <FieldInput kind=custom_input_kind(&cf, ctx.lang) value name=input_name/>
                        <FieldErrorText errors field=field/>
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <section class="create-page" data-kind=kind.plural()>
            <form class="card create-form" id="create-form" on:submit=submit>
                <h2>{move || format!("{} {}", i.t(Text::New), kind_singular(i.lang(), kind))}</h2>
                <div class="form-grid">
                    {values.get_value().into_iter().map(field_row).collect_view()}
                </div>
                <h3>{i.tr(Text::Phones)}</h3>
                <PhonesEditor rows=phones errors/>
                <h3>{i.tr(Text::Emails)}</h3>
                <EmailsEditor rows=emails errors/>
                <h3>{i.tr(Text::Tags)}</h3>
                <TagsEditor tags on_change=Callback::new(move |t| tags.set(t))/>
                <div class="form-grid">{move || custom_rows().into_any()}</div>
                <DuplicateWarning candidates=dup blocked=dup_blocked kind on_save_anyway=save_anyway/>
                <div class="form-actions">
                    <Link href=router::list_path(kind) class="btn">{i.tr(Text::Cancel)}</Link>
                    <button type="submit" class="btn primary" id="create-submit" disabled=move || busy.get()>
                        {i.tr(Text::Save)}
                    </button>
                </div>
            </form>
        </section>
    }
}
