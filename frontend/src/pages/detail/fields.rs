//! The record's single-valued fields, each editable in place.

use leptos::prelude::*;
use sen_api_types::record::RecordInput;
use uuid::Uuid;

use super::editor::use_editor;
use crate::components::{FieldErrorText, InlineField, RecordPicker};
use crate::i18n::{Text, use_i18n};
use crate::model::fields::{Editor, Field};
use crate::pages::record_inputs::{display, input_kind};
use crate::state::use_app;

#[component]
pub fn FieldsSection() -> impl IntoView {
    let ed = use_editor();
    let i = use_i18n();
    view! {
        <section class="card">
            <h3>{i.tr(Text::Details)}</h3>
            <dl class="fields">
                {Field::of(ed.kind).iter().map(|f| view! { <FieldRow field=*f/> }).collect_view()}
            </dl>
        </section>
    }
}

#[component]
fn FieldRow(field: Field) -> impl IntoView {
    let ctx = use_app();
    let ed = use_editor();
    let i = use_i18n();
    let kind = ed.kind;
    let value = Signal::derive(move || ed.rec.with(|r| r.as_ref().and_then(|r| field.get(r))));
    let save = move |v: Option<String>| {
        let mut input = RecordInput::default();
        field.set(&mut input, v);
        ed.save(input, vec![field.key()]);
    };
    let label = Signal::derive(move || i.t(field.label(kind)).to_owned());
    if let Editor::Link(target) = field.editor() {
        let id = Signal::derive(move || value.get().and_then(|v| Uuid::parse_str(&v).ok()));
        return view! {
            <div class="field" data-field=field.key()>
                <dt>{move || label.get()}</dt>
                <dd>
                    <RecordPicker kind=target value=id name=field.key()
                        on_pick=Callback::new(move |id: Option<Uuid>| save(id.map(|u| u.to_string())))/>
                    <FieldErrorText errors=ed.errors field=field.key()/>
                </dd>
            </div>
        }
        .into_any();
    }
    let shown = Signal::derive(move || display(ctx, kind, field, value.get().as_deref(), i.lang()));
    view! {
        <InlineField
            field=field.key()
            label
            value
            display=shown
            input=input_kind(ctx, kind, field)
            errors=ed.errors
            version=ed.version()
            on_save=Callback::new(save)
        />
    }
    .into_any()
}
