//! Customer records of the five kinds, and their timelines.

use sen_api_types::activity::{Activity, ActivityCreate, ActivityList};
use sen_api_types::record::{Record, RecordInput, RecordKind, RecordPage, RecordSearch};
use serde_json::Value;
use uuid::Uuid;

use super::ApiResult;
use super::client::Req;

fn base(kind: RecordKind) -> String {
    format!("/{}", kind.plural())
}

/// One page of records matching a filter, sorted.
pub async fn search(kind: RecordKind, search: &RecordSearch) -> ApiResult<RecordPage> {
    Req::post(format!("{}/search", base(kind)))
        .json(search)
        .fetch()
        .await
}

pub async fn get(kind: RecordKind, id: Uuid) -> ApiResult<Record> {
    Req::get(format!("{}/{id}", base(kind))).fetch().await
}

/// Creates a record. A `warn` duplicate rule answers 409 `duplicate` with the candidates
/// unless `allow_duplicate` (the user chose to save anyway).
pub async fn create(
    kind: RecordKind,
    input: &RecordInput,
    allow_duplicate: bool,
) -> ApiResult<Record> {
    // Absent fields must stay absent (`null` would be an explicit empty value).
    let mut body = to_object(input);
    body.retain(|_, v| !v.is_null());
    let query = if allow_duplicate {
        "?allow_duplicate=true"
    } else {
        ""
    };
    Req::post(format!("{}{query}", base(kind)))
        .json_value(&Value::Object(body))
        .fetch()
        .await
}

/// Changes the `touched` fields of `input` (and only those: `RecordInput` serialises an absent
/// field as `null`, which would clear it), guarded by the version the user saw. A change that
/// makes the record match a `warn` duplicate rule is refused (409) unless `allow_duplicate`.
pub async fn update(
    kind: RecordKind,
    id: Uuid,
    version: i64,
    input: &RecordInput,
    touched: &[&str],
    allow_duplicate: bool,
) -> ApiResult<Record> {
    let mut body = to_object(input);
    body.retain(|k, _| touched.contains(&k.as_str()));
    body.insert("version".to_owned(), Value::from(version));
    let query = if allow_duplicate {
        "?allow_duplicate=true"
    } else {
        ""
    };
    Req::patch(format!("{}/{id}{query}", base(kind)))
        .if_match(version)
        .json_value(&Value::Object(body))
        .fetch()
        .await
}

fn to_object(input: &RecordInput) -> serde_json::Map<String, Value> {
    match serde_json::to_value(input) {
        Ok(Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    }
}

/// Moves a record to the trash.
pub async fn delete(kind: RecordKind, id: Uuid) -> ApiResult<()> {
    Req::delete(format!("{}/{id}", base(kind))).run().await
}

/// Takes a record back out of the trash.
pub async fn restore(kind: RecordKind, id: Uuid) -> ApiResult<Record> {
    Req::post(format!("{}/{id}/restore", base(kind)))
        .fetch()
        .await
}

pub async fn activities(kind: RecordKind, id: Uuid) -> ApiResult<ActivityList> {
    Req::get(format!("{}/{id}/activities", base(kind)))
        .fetch()
        .await
}

pub async fn log_activity(kind: RecordKind, id: Uuid, a: &ActivityCreate) -> ApiResult<Activity> {
    Req::post(format!("{}/{id}/activities", base(kind)))
        .json(a)
        .fetch()
        .await
}
