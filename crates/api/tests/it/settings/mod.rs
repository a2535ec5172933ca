//! Workspace settings: statuses, picklists, custom fields and tags.

mod access;
mod custom_fields;
mod picklists;
mod statuses;
mod tags;

use serde_json::Value;

/// The `(field, code)` pairs of a 422 body.
pub fn field_errors(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    let text = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
                    (text("field"), text("code"))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The keys of a status list or a picklist answer, in order.
pub fn keys(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap().to_owned())
        .collect()
}
