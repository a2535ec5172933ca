//! The committed OpenAPI document must be what the code generates.

#[test]
fn committed_openapi_document_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../openapi/openapi.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = sen_api::openapi::pretty_json().unwrap();
    assert!(
        committed == generated,
        "openapi/openapi.json is stale: run `make openapi` (cargo run --bin gen-openapi) and commit it"
    );
}

#[test]
fn every_operation_has_a_tag_and_a_resource_verb_id() {
    let doc: serde_json::Value =
        serde_json::from_str(&sen_api::openapi::pretty_json().unwrap()).unwrap();
    let mut ids = std::collections::HashSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no id"));
            assert!(ids.insert(id.to_owned()), "duplicate operation id {id}");
            assert!(id.contains('_'), "{id} is not <resource>_<verb>");
            assert!(
                op["tags"].as_array().is_some_and(|t| !t.is_empty()),
                "{id} has no tag"
            );
        }
    }
}
