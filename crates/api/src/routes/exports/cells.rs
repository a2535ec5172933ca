//! A record's value for an export column, written the way the import reads it back: lists
//! joined by ", ", phones in the workspace's national format, dates `dd/mm/yyyy`, and text a
//! spreadsheet would run as a formula neutralised.

use sen_api_types::record::Record;
use sen_domain::import::{ColumnType, FieldSpec, neutralise};
use sen_domain::value::Country;

/// A stored (E.164) number of the home country written nationally (`+84912345678` →
/// `0912345678`, which the import reads back as the same number); other countries' numbers
/// stay international. No full parse: an export writes a phone per record.
fn national(e164: &str, country: Country) -> String {
    let prefix = format!("+{}", country.calling_code());
    match e164.strip_prefix(&prefix) {
        Some(rest) if !rest.is_empty() => format!("0{rest}"),
        _ => e164.to_owned(),
    }
}

/// The cell of `field` for record `r`.
pub fn cell(r: &Record, field: &FieldSpec, country: Country) -> String {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let text = match (&field.column, field.name.as_str()) {
        (ColumnType::FullName, _) => r.display_name.clone(),
        (ColumnType::Phones, _) => r
            .phones
            .iter()
            .map(|p| national(&p.number, country))
            .collect::<Vec<_>>()
            .join(", "),
        (ColumnType::Emails, _) => r
            .emails
            .iter()
            .map(|e| e.address.clone())
            .collect::<Vec<_>>()
            .join(", "),
        (ColumnType::Tags, _) => r.tags.join(", "),
        (ColumnType::Websites, _) => r.websites.join(", "),
        (ColumnType::Street, _) => r
            .addresses
            .first()
            .and_then(|a| a.street.clone())
            .unwrap_or_default(),
        (ColumnType::City, _) => r
            .addresses
            .first()
            .and_then(|a| a.city.clone())
            .unwrap_or_default(),
        (ColumnType::Date, _) => {
            let v = if field.name == "birthday" {
                &r.birthday
            } else {
                &r.expected_close_date
            };
            opt(v).split('-').rev().collect::<Vec<_>>().join("/")
        }
        (ColumnType::Custom(_), name) => {
            let key = name.trim_start_matches("custom.");
            match r.custom.get(key) {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Array(a)) => a
                    .iter()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                    .collect::<Vec<_>>()
                    .join(", "),
                Some(serde_json::Value::Null) | None => String::new(),
                Some(other) => other.to_string(),
            }
        }
        (ColumnType::Integer, _) => r.probability.map(|p| p.to_string()).unwrap_or_default(),
        (_, "first_name") => opt(&r.first_name),
        (_, "last_name") => opt(&r.last_name),
        (_, "name") => r.name.clone(),
        (_, "gender") => opt(&r.gender),
        (_, "national_id") => opt(&r.national_id),
        (_, "job_title") => opt(&r.job_title),
        (_, "company_name") => opt(&r.company_name),
        (_, "status") => r.status.clone(),
        (_, "source") => opt(&r.source),
        (_, "industry") => opt(&r.industry),
        (_, "org_size") => opt(&r.org_size),
        (_, "contact_source") => opt(&r.contact_source),
        (_, "customer_group") => opt(&r.customer_group),
        (_, "contact_status") => opt(&r.contact_status),
        (_, "amount") => opt(&r.amount),
        (_, "currency") => opt(&r.currency),
        (_, "notes") => opt(&r.notes),
        _ => String::new(),
    };
    neutralise(&text)
}
