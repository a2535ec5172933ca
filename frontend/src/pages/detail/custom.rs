//! The kind's custom fields (admin-defined), each editable in place.

use leptos::prelude::*;
use sen_api_types::record::RecordInput;
use sen_api_types::settings::CustomField;

use super::editor::use_editor;
use crate::components::InlineField;
use crate::i18n::{Text, use_i18n};
use crate::pages::record_inputs::{
    custom_display, custom_from_text, custom_input_kind, custom_label, custom_to_text,
};
use crate::state::use_app;

#[component]
pub fn CustomFields() -> impl IntoView {
    let ctx = use_app();
    let ed = use_editor();
    let i = use_i18n();
    let fields = Memo::new(move |_| {
        ctx.refs.custom_fields.with(|m| {
            m.get(&ed.kind)
                .map(|v| v.iter().map(|f| f.id).collect::<Vec<_>>())
        })
    });
    let row = move |cf: CustomField| {
        let key = cf.key.clone();
        let field = format!("custom.{}", cf.key);
        let value = {
            let key = key.clone();
            Signal::derive(move || {
                ed.rec
                    .with(|r| r.as_ref().and_then(|r| custom_to_text(r.custom.get(&key))))
            })
        };
        let shown = {
            let (key, cf) = (key.clone(), cf.clone());
            Signal::derive(move || {
                ed.rec.with(|r| {
                    custom_display(&cf, r.as_ref().and_then(|r| r.custom.get(&key)), i.lang())
                })
            })
        };
        let label = {
            let cf = cf.clone();
            Signal::derive(move || custom_label(&cf, i.lang()))
        };
        let input = custom_input_kind(&cf, ctx.lang);
        let save = Callback::new(move |v: Option<String>| {
            let mut custom = serde_json::Map::new();
            custom.insert(key.clone(), custom_from_text(&cf, v));
            ed.save(
                RecordInput {
                    custom: Some(custom),
                    ..RecordInput::default()
                },
                vec!["custom"],
            );
        });
        view! { <InlineField field label value display=shown input errors=ed.errors version=ed.version() on_save=save/> }
    };
    view! {
            <section hidden=move || !fields.with(|f| f.as_ref().is_some_and(|f| !f.is_empty())) class="card" id="custom-fields">
                <h3>{i.tr(Text::CustomFields)}</h3>
                <dl class="fields">
                    {move || {
                        fields.track();
                        ctx.refs.custom_fields_of(ed.kind).into_iter().map(row).collect_view()
                    }.into_any()}
                </dl>
            </section>
    }
}
