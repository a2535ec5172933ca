//! Reading one custom value in its field's type, into the form records store.

use serde_json::{Number, Value};

use super::{CustomFieldDef, FieldType, Refusal, TEXT_MAX};
use crate::value::parse_date;

fn wrong_type(expected: &str) -> Refusal {
    ("invalid_type", format!("Expected {expected}."))
}

/// The stored form of one value; `None` when it is empty.
pub(super) fn normalise(def: &CustomFieldDef, value: &Value) -> Result<Option<Value>, Refusal> {
    if value.is_null() {
        return Ok(None);
    }
    match def.field_type {
        FieldType::Text => text(value),
        FieldType::Number => number(value),
        FieldType::Date => date(value),
        FieldType::Bool => match value {
            Value::Bool(b) => Ok(Some(Value::Bool(*b))),
            _ => Err(wrong_type("true or false")),
        },
        FieldType::Select => select(def, value),
        FieldType::MultiSelect => multi_select(def, value),
    }
}

/// The trimmed text of a string value; `None` when blank.
fn trimmed<'a>(value: &'a Value, expected: &str) -> Result<Option<&'a str>, Refusal> {
    let s = value.as_str().ok_or_else(|| wrong_type(expected))?.trim();
    Ok((!s.is_empty()).then_some(s))
}

fn text(value: &Value) -> Result<Option<Value>, Refusal> {
    let Some(s) = trimmed(value, "a text")? else {
        return Ok(None);
    };
    if s.chars().count() > TEXT_MAX {
        return Err(("too_long", format!("Use at most {TEXT_MAX} characters.")));
    }
    Ok(Some(Value::String(s.to_owned())))
}

fn number(value: &Value) -> Result<Option<Value>, Refusal> {
    if value.is_number() {
        return Ok(Some(value.clone()));
    }
    let Some(s) = trimmed(value, "a number")? else {
        return Ok(None);
    };
    // `inf` and `NaN` parse as floats but have no JSON number: `from_f64` refuses them.
    let parsed = match s.parse::<i64>() {
        Ok(i) => Some(Number::from(i)),
        Err(_) => s.parse::<f64>().ok().and_then(Number::from_f64),
    };
    parsed
        .map(|n| Some(Value::Number(n)))
        .ok_or_else(|| wrong_type("a number such as 1500 or 2.5"))
}

fn date(value: &Value) -> Result<Option<Value>, Refusal> {
    let Some(s) = trimmed(value, "a date such as 31/12/2024 or 2024-12-31")? else {
        return Ok(None);
    };
    match parse_date(s) {
        Ok(d) => Ok(Some(Value::String(d.to_iso()))),
        Err(err) => Err((err.code(), err.to_string())),
    }
}

fn option<'a>(def: &CustomFieldDef, key: &'a str) -> Result<&'a str, Refusal> {
    if def.options.iter().any(|o| o == key) {
        Ok(key)
    } else {
        let known = def.options.join(", ");
        Err(("invalid_option", format!("`{key}` is not one of: {known}.")))
    }
}

fn select(def: &CustomFieldDef, value: &Value) -> Result<Option<Value>, Refusal> {
    let Some(key) = trimmed(value, "an option key")? else {
        return Ok(None);
    };
    Ok(Some(Value::String(option(def, key)?.to_owned())))
}

fn multi_select(def: &CustomFieldDef, value: &Value) -> Result<Option<Value>, Refusal> {
    let expected = "a list of option keys";
    let items = value.as_array().ok_or_else(|| wrong_type(expected))?;
    let mut keys: Vec<&str> = Vec::with_capacity(items.len());
    for item in items {
        let key = option(
            def,
            item.as_str().ok_or_else(|| wrong_type(expected))?.trim(),
        )?;
        if keys.contains(&key) {
            return Err(("duplicate_value", format!("`{key}` is chosen twice.")));
        }
        keys.push(key);
    }
    let chosen: Vec<Value> = keys.into_iter().map(|k| Value::String(k.into())).collect();
    Ok((!chosen.is_empty()).then_some(Value::Array(chosen)))
}
