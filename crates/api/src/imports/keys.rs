//! The duplicate keys of a row: for each criterion, the normalised values that identify the
//! person (`phone` → each E.164 number, `email` → each address, `name` → the folded display
//! name; a combined criterion pairs them). Two rows or a row and a record with one key in
//! common are the same person.

use sen_api_types::record::RecordInput;
use sen_domain::import::Criterion;
use sen_domain::value::{Country, Email, Phone, display_name, search_key};

/// The normalised identifying values of a row.
#[derive(Debug, Clone, Default)]
pub struct Ident {
    /// E.164 numbers.
    pub phones: Vec<String>,
    /// Lower-case addresses.
    pub emails: Vec<String>,
    /// Folded display name (empty when none).
    pub name: String,
}

/// The identifying values of an input.
pub fn ident(input: &RecordInput, country: Country) -> Ident {
    let phones = input
        .phones
        .iter()
        .flatten()
        .filter_map(|p| Phone::parse(&p.number, country).ok())
        .map(|p| p.as_e164().to_owned())
        .collect();
    let emails = input
        .emails
        .iter()
        .flatten()
        .filter_map(|e| Email::parse(&e.address).ok())
        .map(|e| e.as_str().to_owned())
        .collect();
    let text = |v: &Option<Option<String>>| v.clone().flatten().unwrap_or_default();
    let name = match &input.name {
        Some(Some(n)) => n.clone(),
        _ => display_name(&text(&input.last_name), &text(&input.first_name)),
    };
    Ident {
        phones,
        emails,
        name: search_key(&name),
    }
}

/// The keys of `id` under each criterion.
pub fn keys(id: &Ident, criteria: &[Criterion]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, c) in criteria.iter().enumerate() {
        let mut parts: Vec<String> = vec![format!("{i}")];
        if c.name {
            if id.name.is_empty() {
                continue;
            }
            parts = parts.iter().map(|p| format!("{p}|n:{}", id.name)).collect();
        }
        if c.phone {
            parts = cross(&parts, &id.phones, "p");
        }
        if c.email {
            parts = cross(&parts, &id.emails, "e");
        }
        if c.phone || c.email || c.name {
            out.extend(parts);
        }
    }
    out
}

fn cross(parts: &[String], values: &[String], tag: &str) -> Vec<String> {
    parts
        .iter()
        .flat_map(|p| values.iter().map(move |v| format!("{p}|{tag}:{v}")))
        .collect()
}
