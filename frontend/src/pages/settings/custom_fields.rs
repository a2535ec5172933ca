//! Custom fields per kind: list, add (key, labels, type, required, options), delete.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::error::FieldError;
use sen_api_types::record::RecordKind;
use sen_api_types::settings::{Choice, CustomFieldCreate, CustomFieldUpdate, FieldType};
use web_sys::SubmitEvent;

use super::kind_tabs::KindTabs;
use crate::api;
use crate::components::{ChoiceListEditor, ChoiceRow, FieldErrorText};
use crate::i18n::{Text, field_type_name, use_i18n};
use crate::pages::record_inputs::custom_label;
use crate::state::use_app;

#[component]
pub fn CustomFields() -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let kind = RwSignal::new(RecordKind::Lead);
    Effect::new(move |_| ctx.refs.reload_custom_fields(kind.get()));
    let key = RwSignal::new(String::new());
    let label_vi = RwSignal::new(String::new());
    let label_en = RwSignal::new(String::new());
    let field_type = RwSignal::new(FieldType::Text);
    let required = RwSignal::new(false);
    let options = RwSignal::new(Vec::<ChoiceRow>::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let is_select = move || matches!(field_type.get(), FieldType::Select | FieldType::MultiSelect);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let k = kind.get_untracked();
        let body = CustomFieldCreate {
            key: key.get_untracked().trim().to_owned(),
            label_vi: label_vi.get_untracked().trim().to_owned(),
            label_en: label_en.get_untracked().trim().to_owned(),
            field_type: field_type.get_untracked(),
            required: required.get_untracked(),
            options: if is_select() {
                options
                    .get_untracked()
                    .into_iter()
                    .map(|r| Choice {
                        key: r.key,
                        label_vi: r.label_vi,
                        label_en: r.label_en,
                    })
                    .collect()
            } else {
                Vec::new()
            },
            position: None,
        };
        spawn_local(async move {
            match api::settings::create_custom_field(k, &body).await {
                Ok(_) => {
                    errors.set(Vec::new());
                    key.set(String::new());
                    label_vi.set(String::new());
                    label_en.set(String::new());
                    options.set(Vec::new());
                    ctx.refs.reload_custom_fields(k);
                    ctx.toasts.ok(Text::Saved);
                }
                Err(e) if !e.field_errors().is_empty() => errors.set(e.field_errors().to_vec()),
                Err(e) => ctx.toasts.error(e),
            }
        });
    };
    let remove = move |id| {
        let k = kind.get_untracked();
        spawn_local(async move {
            match api::settings::delete_custom_field(k, id).await {
                Ok(()) => ctx.refs.reload_custom_fields(k),
                Err(e) => ctx.toasts.error(e),
            }
        });
    };
    let set_required = move |id, required: bool| {
        let k = kind.get_untracked();
        let body = CustomFieldUpdate {
            required: Some(required),
            ..CustomFieldUpdate::default()
        };
        spawn_local(async move {
            match api::settings::update_custom_field(k, id, &body).await {
                Ok(_) => ctx.refs.reload_custom_fields(k),
                Err(e) => ctx.toasts.error(e),
            }
        });
    };
    let list = move || {
        let k = kind.get();
        ctx.refs
            .custom_fields_of(k)
            .into_iter()
            .map(|cf| {
                let id = cf.id;
                let label = {
                    let cf = cf.clone();
                    move || custom_label(&cf, i.lang())
                };
                let ft = cf.field_type;
                view! {
                    <tr data-key=cf.key.clone()>
                        <td><code>{cf.key.clone()}</code></td>
                        <td>{label}</td>
                        <td>{move || field_type_name(i.lang(), ft)}</td>
                        <td>
                            <input type="checkbox" aria-label=i.tr(Text::Required) prop:checked=cf.required
                                on:change=move |ev| set_required(id, event_target_checked(&ev))/>
                        </td>
                        <td><button type="button" class="btn small danger" on:click=move |_| remove(id)>{i.tr(Text::Delete)}</button></td>
                    </tr>
                }
            })
            .collect_view()
    };
    let text_input = move |name: &'static str, label: Text, value: RwSignal<String>| {
        view! {
            <label class="form-field">
                <span>{i.tr(label)}</span>
                <input type="text" name=name required prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
                <FieldErrorText errors field=name/>
            </label>
        }
    };
    view! {
        <section class="card" id="settings-custom-fields">
            <h3>{i.tr(Text::CustomFields)}</h3>
            <KindTabs kind/>
            <table class="simple" id="custom-field-list">
                <thead><tr>
                    <th>{i.tr(Text::Key)}</th><th>{i.tr(Text::Label)}</th><th>{i.tr(Text::Type)}</th>
                    <th>{i.tr(Text::Required)}</th><th></th>
                </tr></thead>
                <tbody>{move || list().into_any()}</tbody>
            </table>
            <form class="inline-form" id="custom-field-form" on:submit=submit>
                <h4>{i.tr(Text::AddCustomField)}</h4>
                <div class="form-grid">
                    {text_input("key", Text::Key, key)}
                    {text_input("label_vi", Text::LabelVi, label_vi)}
                    {text_input("label_en", Text::LabelEn, label_en)}
                    <label class="form-field">
                        <span>{i.tr(Text::Type)}</span>
                        <select name="field_type" on:change=move |ev| {
                            if let Some(t) = FieldType::parse(&event_target_value(&ev)) {
                                field_type.set(t);
                            }
                        }>
                            {FieldType::ALL.into_iter().map(|t| view! {
                                <option value=t.as_str() selected=move || field_type.get() == t>{move || field_type_name(i.lang(), t)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="check">
                        <input type="checkbox" name="required" prop:checked=required
                            on:change=move |ev| required.set(event_target_checked(&ev))/>
                        {i.tr(Text::Required)}
                    </label>
                </div>
                <div class="options-editor" hidden=move || !is_select()>
                    <h4>{i.tr(Text::Options)}</h4>
                    <ChoiceListEditor rows=options errors prefix="options"/>
                </div>
                <button type="submit" class="btn primary" id="custom-field-submit">{i.tr(Text::Add)}</button>
            </form>
        </section>
    }
}
