//! What the detail and create screens share about fields: which input edits a field, how its
//! value reads, and custom field values between JSON and text.

use leptos::prelude::*;
use sen_api_types::record::RecordKind;
use sen_api_types::settings::{CustomField, FieldType};
use serde_json::Value;

use crate::components::InputKind;
use crate::i18n::{Lang, Text, t};
use crate::model::fields::{Editor, Field, GENDERS};
use crate::state::AppCtx;

/// The input for a built-in field (links have their own picker).
pub fn input_kind(ctx: AppCtx, kind: RecordKind, f: Field) -> InputKind {
    let lang = ctx.lang;
    match f.editor() {
        Editor::Text | Editor::Link(_) => InputKind::Text,
        Editor::Textarea => InputKind::Textarea,
        Editor::Date => InputKind::Date,
        Editor::Number => InputKind::Number,
        Editor::Status => InputKind::Select(
            Signal::derive(move || ctx.refs.status_options(kind, lang.get())),
            false,
        ),
        Editor::Gender => InputKind::Select(
            Signal::derive(move || {
                GENDERS
                    .iter()
                    .map(|(k, l)| ((*k).to_owned(), t(lang.get(), *l).to_owned()))
                    .collect()
            }),
            true,
        ),
        Editor::Picklist(name) => InputKind::Select(
            Signal::derive(move || ctx.refs.picklist_options(name, lang.get())),
            true,
        ),
    }
}

/// A stored value as people read it (labels for keys).
pub fn display(ctx: AppCtx, kind: RecordKind, f: Field, value: Option<&str>, lang: Lang) -> String {
    let Some(v) = value else { return String::new() };
    match f.editor() {
        Editor::Status => ctx.refs.status_label(kind, v, lang),
        Editor::Picklist(name) => ctx.refs.picklist_label(name, v, lang),
        Editor::Gender => GENDERS
            .iter()
            .find(|(k, _)| *k == v)
            .map_or_else(|| v.to_owned(), |(_, l)| t(lang, *l).to_owned()),
        _ => v.to_owned(),
    }
}

pub fn custom_label(cf: &CustomField, lang: Lang) -> String {
    match lang {
        Lang::Vi => cf.label_vi.clone(),
        Lang::En => cf.label_en.clone(),
    }
}

pub fn custom_input_kind(cf: &CustomField, lang: RwSignal<Lang>) -> InputKind {
    let options = cf.options.clone();
    let opts = move || {
        options
            .iter()
            .map(|c| {
                let l = match lang.get() {
                    Lang::Vi => c.label_vi.clone(),
                    Lang::En => c.label_en.clone(),
                };
                (c.key.clone(), l)
            })
            .collect::<Vec<_>>()
    };
    match cf.field_type {
        FieldType::Text => InputKind::Text,
        FieldType::Number => InputKind::Number,
        FieldType::Date => InputKind::Date,
        FieldType::Bool => InputKind::Select(
            Signal::derive(move || {
                vec![
                    ("true".to_owned(), t(lang.get(), Text::Yes).to_owned()),
                    ("false".to_owned(), t(lang.get(), Text::No).to_owned()),
                ]
            }),
            true,
        ),
        FieldType::Select => InputKind::Select(Signal::derive(opts), true),
        FieldType::MultiSelect => InputKind::Multi(Signal::derive(opts)),
    }
}

/// A custom value as the input edits it.
pub fn custom_to_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => Some(
            a.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(","),
        ),
        other => Some(other.to_string()),
    }
}

/// Text from an input as the JSON the field holds; what does not parse goes as text, for the
/// API to reject by name.
pub fn custom_from_text(cf: &CustomField, text: Option<String>) -> Value {
    let Some(text) = text.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()) else {
        return Value::Null;
    };
    match cf.field_type {
        FieldType::Number => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::String(text), Value::Number),
        FieldType::Bool => match text.as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(text),
        },
        FieldType::MultiSelect => Value::Array(
            text.split(',')
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_owned()))
                .collect(),
        ),
        _ => Value::String(text),
    }
}

/// A custom value as people read it.
pub fn custom_display(cf: &CustomField, v: Option<&Value>, lang: Lang) -> String {
    let label = |key: &str| {
        cf.options.iter().find(|c| c.key == key).map_or_else(
            || key.to_owned(),
            |c| match lang {
                Lang::Vi => c.label_vi.clone(),
                Lang::En => c.label_en.clone(),
            },
        )
    };
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::Bool(b)) => t(lang, if *b { Text::Yes } else { Text::No }).to_owned(),
        Some(Value::String(s)) if cf.field_type == FieldType::Select => label(s),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(label)
            .collect::<Vec<_>>()
            .join(", "),
        other => custom_to_text(other).unwrap_or_default(),
    }
}
