//! The `merge` mode: the row's values fill the existing record's empty fields and its
//! phones, e-mails, addresses and tags are united in (the domain's `fill_and_unite`, as lead
//! conversion uses it). The result is a PATCH input holding only what changed.

use std::collections::BTreeMap;

use sen_api_types::record::{Address, EmailEntry, PhoneEntry, Record, RecordInput};
use sen_domain::merge::{Labelled, Values, fill_and_unite};
use sen_domain::value::Country;
use serde_json::Value;

/// Single-valued fields a merge may fill.
const FIELDS: &[&str] = &[
    "first_name",
    "last_name",
    "name",
    "birthday",
    "gender",
    "national_id",
    "job_title",
    "company_name",
    "source",
    "industry",
    "org_size",
    "contact_source",
    "customer_group",
    "contact_status",
    "notes",
    "amount",
    "currency",
    "expected_close_date",
];

fn record_field(r: &Record, name: &str) -> Option<String> {
    match name {
        "first_name" => r.first_name.clone(),
        "last_name" => r.last_name.clone(),
        "name" => (!r.kind.is_person()).then(|| r.name.clone()),
        "birthday" => r.birthday.clone(),
        "gender" => r.gender.clone(),
        "national_id" => r.national_id.clone(),
        "job_title" => r.job_title.clone(),
        "company_name" => r.company_name.clone(),
        "source" => r.source.clone(),
        "industry" => r.industry.clone(),
        "org_size" => r.org_size.clone(),
        "contact_source" => r.contact_source.clone(),
        "customer_group" => r.customer_group.clone(),
        "contact_status" => r.contact_status.clone(),
        "notes" => r.notes.clone(),
        "amount" => r.amount.clone(),
        "currency" => r.currency.clone(),
        "expected_close_date" => r.expected_close_date.clone(),
        _ => None,
    }
}

fn input_field(i: &RecordInput, name: &str) -> Option<String> {
    let v = match name {
        "first_name" => &i.first_name,
        "last_name" => &i.last_name,
        "name" => &i.name,
        "birthday" => &i.birthday,
        "gender" => &i.gender,
        "national_id" => &i.national_id,
        "job_title" => &i.job_title,
        "company_name" => &i.company_name,
        "source" => &i.source,
        "industry" => &i.industry,
        "org_size" => &i.org_size,
        "contact_source" => &i.contact_source,
        "customer_group" => &i.customer_group,
        "contact_status" => &i.contact_status,
        "notes" => &i.notes,
        "amount" => &i.amount,
        "currency" => &i.currency,
        "expected_close_date" => &i.expected_close_date,
        _ => return None,
    };
    v.clone().flatten()
}

fn set_field(i: &mut RecordInput, name: &str, v: String) {
    let slot = match name {
        "first_name" => &mut i.first_name,
        "last_name" => &mut i.last_name,
        "name" => &mut i.name,
        "birthday" => &mut i.birthday,
        "gender" => &mut i.gender,
        "national_id" => &mut i.national_id,
        "job_title" => &mut i.job_title,
        "company_name" => &mut i.company_name,
        "source" => &mut i.source,
        "industry" => &mut i.industry,
        "org_size" => &mut i.org_size,
        "contact_source" => &mut i.contact_source,
        "customer_group" => &mut i.customer_group,
        "contact_status" => &mut i.contact_status,
        "notes" => &mut i.notes,
        "amount" => &mut i.amount,
        "currency" => &mut i.currency,
        "expected_close_date" => &mut i.expected_close_date,
        _ => return,
    };
    *slot = Some(Some(v));
}

fn addresses_json(list: &[Address]) -> Vec<Value> {
    list.iter()
        .filter_map(|a| serde_json::to_value(a).ok())
        .collect()
}

fn values_of_record(r: &Record) -> Values {
    let fields: BTreeMap<String, String> = FIELDS
        .iter()
        .filter_map(|f| record_field(r, f).map(|v| ((*f).to_owned(), v)))
        .collect();
    let mut lists = BTreeMap::new();
    lists.insert("addresses".to_owned(), addresses_json(&r.addresses));
    lists.insert(
        "websites".to_owned(),
        r.websites
            .iter()
            .map(|w| Value::String(w.clone()))
            .collect(),
    );
    Values {
        fields,
        custom: r.custom.clone(),
        phones: r
            .phones
            .iter()
            .map(|p| Labelled::new(p.number.clone(), p.label.clone().unwrap_or_default()))
            .collect(),
        emails: r
            .emails
            .iter()
            .map(|e| Labelled::new(e.address.clone(), e.label.clone().unwrap_or_default()))
            .collect(),
        tags: r.tags.clone(),
        lists,
    }
}

fn values_of_input(i: &RecordInput) -> Values {
    let fields: BTreeMap<String, String> = FIELDS
        .iter()
        .filter_map(|f| input_field(i, f).map(|v| ((*f).to_owned(), v)))
        .collect();
    let mut lists = BTreeMap::new();
    lists.insert(
        "addresses".to_owned(),
        addresses_json(i.addresses.as_deref().unwrap_or(&[])),
    );
    lists.insert(
        "websites".to_owned(),
        i.websites
            .iter()
            .flatten()
            .map(|w| Value::String(w.clone()))
            .collect(),
    );
    Values {
        fields,
        custom: i.custom.clone().unwrap_or_default(),
        phones: i
            .phones
            .iter()
            .flatten()
            .map(|p| Labelled::new(p.number.clone(), p.label.clone().unwrap_or_default()))
            .collect(),
        emails: i
            .emails
            .iter()
            .flatten()
            .map(|e| Labelled::new(e.address.clone(), e.label.clone().unwrap_or_default()))
            .collect(),
        tags: i.tags.clone().unwrap_or_default(),
        lists,
    }
}

/// The PATCH that merges `row` into `existing`, and the names of the fields it changes.
pub fn merge_input(
    existing: &Record,
    row: &RecordInput,
    country: Country,
) -> (RecordInput, Vec<String>) {
    let merged = fill_and_unite(&values_of_record(existing), &values_of_input(row), country);
    let v = merged.values;
    let mut out = RecordInput::default();
    for name in &merged.changed {
        match name.as_str() {
            "phones" => {
                out.phones = Some(
                    v.phones
                        .iter()
                        .map(|p| PhoneEntry {
                            number: p.value.clone(),
                            label: (!p.label.is_empty()).then(|| p.label.clone()),
                        })
                        .collect(),
                );
            }
            "emails" => {
                out.emails = Some(
                    v.emails
                        .iter()
                        .map(|e| EmailEntry {
                            address: e.value.clone(),
                            label: (!e.label.is_empty()).then(|| e.label.clone()),
                        })
                        .collect(),
                );
            }
            "tags" => out.tags = Some(v.tags.clone()),
            "addresses" => {
                out.addresses = Some(
                    v.lists
                        .get("addresses")
                        .into_iter()
                        .flatten()
                        .filter_map(|a| serde_json::from_value(a.clone()).ok())
                        .collect(),
                );
            }
            "websites" => {
                out.websites = Some(
                    v.lists
                        .get("websites")
                        .into_iter()
                        .flatten()
                        .filter_map(|w| w.as_str().map(str::to_owned))
                        .collect(),
                );
            }
            custom if custom.starts_with("custom.") => {
                let key = custom.trim_start_matches("custom.");
                if let Some(value) = v.custom.get(key) {
                    out.custom
                        .get_or_insert_with(Default::default)
                        .insert(key.to_owned(), value.clone());
                }
            }
            field => {
                if let Some(value) = v.fields.get(field) {
                    set_field(&mut out, field, value.clone());
                }
            }
        }
    }
    (out, merged.changed.into_iter().collect())
}
