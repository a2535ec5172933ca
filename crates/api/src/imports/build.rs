//! One row's cells read into a record input: only non-empty mapped cells become values, so
//! the same input serves a create, an overwrite (PATCH semantics) and a merge. Picklist and
//! status cells are matched by key or label; an unknown one is left empty with a warning
//! (PRODUCT §7.5). Everything else is validated later exactly like a manual create.

use sen_api_types::error::FieldError;
use sen_api_types::record::{Address, EmailEntry, PhoneEntry, RecordInput};
use sen_domain::custom_field::FieldType;
use sen_domain::import::{ColumnType, FieldSpec, split_list, unquote};
use serde_json::Value;

use super::settings::Settings;

/// A row read into an input.
#[derive(Debug, Clone, Default)]
pub struct BuiltRow {
    /// The values the row gives.
    pub input: RecordInput,
    /// Names of the fields the row gives (for an overwrite's report).
    pub given: Vec<String>,
    /// Values left empty.
    pub warnings: Vec<FieldError>,
    /// Cells that cannot be read at all.
    pub errors: Vec<FieldError>,
}

/// Reads `cells` through `mapping` (column index → field).
pub fn build(settings: &Settings, mapping: &[(usize, FieldSpec)], cells: &[String]) -> BuiltRow {
    let mut out = BuiltRow::default();
    let mut full_name: Option<String> = None;
    for (col, field) in mapping {
        let raw = cells.get(*col).map(String::as_str).unwrap_or("");
        let text = unquote(raw.trim()).trim();
        if text.is_empty() {
            continue;
        }
        if !out.given.contains(&field.name) {
            out.given.push(field.name.clone());
        }
        let s = || Some(Some(text.to_owned()));
        let input = &mut out.input;
        match &field.column {
            ColumnType::FullName => full_name = Some(text.to_owned()),
            ColumnType::Phones => {
                input
                    .phones
                    .get_or_insert_with(Vec::new)
                    .extend(split_list(text).into_iter().map(|number| PhoneEntry {
                        number,
                        label: None,
                    }))
            }
            ColumnType::Emails => {
                input
                    .emails
                    .get_or_insert_with(Vec::new)
                    .extend(split_list(text).into_iter().map(|address| EmailEntry {
                        address,
                        label: None,
                    }))
            }
            ColumnType::Tags => input
                .tags
                .get_or_insert_with(Vec::new)
                .extend(split_list(text)),
            ColumnType::Websites => input
                .websites
                .get_or_insert_with(Vec::new)
                .extend(split_list(text)),
            ColumnType::Street | ColumnType::City => {
                let list = input.addresses.get_or_insert_with(Vec::new);
                if list.is_empty() {
                    list.push(Address::default());
                }
                if field.column == ColumnType::Street {
                    list[0].street = Some(text.to_owned());
                } else {
                    list[0].city = Some(text.to_owned());
                }
            }
            ColumnType::Status => match settings.status(text) {
                Some(key) => input.status = Some(Some(key)),
                None => out.warnings.push(unknown(field, text)),
            },
            ColumnType::Picklist(list) => match settings.pick(list, text) {
                Some(key) => set_text(input, &field.name, Some(Some(key))),
                None => out.warnings.push(unknown(field, text)),
            },
            ColumnType::Word(_) => set_text(input, &field.name, Some(Some(gender_word(text)))),
            ColumnType::Integer => match text.trim_end_matches('%').trim().parse::<f64>() {
                Ok(n) if n.fract() == 0.0 && n.abs() < 1e9 => {
                    input.probability = Some(Some(n as i32));
                }
                _ => out.errors.push(FieldError::new(
                    field.name.clone(),
                    "invalid_number",
                    "write a whole number",
                )),
            },
            ColumnType::Custom(t) => {
                let key = field.name.trim_start_matches("custom.").to_owned();
                match custom_value(settings, &key, *t, text) {
                    Some(v) => {
                        input
                            .custom
                            .get_or_insert_with(Default::default)
                            .insert(key, v);
                    }
                    None => out.warnings.push(unknown(field, text)),
                }
            }
            ColumnType::Text | ColumnType::LongText | ColumnType::Date | ColumnType::Amount => {
                set_text(input, &field.name, s())
            }
        }
    }
    if let Some(full) = full_name {
        split_full_name(&mut out.input, &full);
    }
    out
}

/// "Nguyễn Văn An": the last word is the given name, the rest the family name.
fn split_full_name(input: &mut RecordInput, full: &str) {
    let words: Vec<&str> = full.split_whitespace().collect();
    let Some((first, rest)) = words.split_last() else {
        return;
    };
    if input.first_name.is_none() {
        input.first_name = Some(Some((*first).to_owned()));
        if input.last_name.is_none() && !rest.is_empty() {
            input.last_name = Some(Some(rest.join(" ")));
        }
    }
}

fn set_text(input: &mut RecordInput, name: &str, v: Option<Option<String>>) {
    match name {
        "first_name" => input.first_name = v,
        "last_name" => input.last_name = v,
        "name" => input.name = v,
        "birthday" => input.birthday = v,
        "gender" => input.gender = v,
        "national_id" => input.national_id = v,
        "job_title" => input.job_title = v,
        "company_name" => input.company_name = v,
        "source" => input.source = v,
        "industry" => input.industry = v,
        "org_size" => input.org_size = v,
        "contact_source" => input.contact_source = v,
        "customer_group" => input.customer_group = v,
        "contact_status" => input.contact_status = v,
        "amount" => input.amount = v,
        "currency" => input.currency = v,
        "expected_close_date" => input.expected_close_date = v,
        "notes" => input.notes = v,
        _ => {}
    }
}

/// Vietnamese spellings of the genders.
fn gender_word(text: &str) -> String {
    match sen_domain::value::search_key(text).as_str() {
        "nam" => "male".into(),
        "nu" => "female".into(),
        "khac" => "other".into(),
        "khong ro" => "unknown".into(),
        _ => text.to_lowercase(),
    }
}

/// A custom cell as the JSON the custom-field validator takes; `None` for an unknown option.
fn custom_value(settings: &Settings, key: &str, t: FieldType, text: &str) -> Option<Value> {
    Some(match t {
        FieldType::Select => Value::String(settings.custom_option(key, text)?),
        FieldType::MultiSelect => Value::Array(
            split_list(text)
                .iter()
                .map(|o| settings.custom_option(key, o).map(Value::String))
                .collect::<Option<Vec<_>>>()?,
        ),
        FieldType::Bool => match sen_domain::value::search_key(text).as_str() {
            "co" | "yes" | "true" | "1" | "x" => Value::Bool(true),
            "khong" | "no" | "false" | "0" => Value::Bool(false),
            _ => Value::String(text.to_owned()),
        },
        _ => Value::String(text.to_owned()),
    })
}

fn unknown(field: &FieldSpec, text: &str) -> FieldError {
    FieldError::new(
        field.name.clone(),
        "unknown_option",
        format!("{text:?} is not a value of {}; left empty", field.label_en),
    )
}
