//! Statuses, picklists and custom fields.

use sen_api_types::duplicate::DuplicateRules;
use sen_api_types::record::RecordKind;
use sen_api_types::settings::{
    CustomField, CustomFieldCreate, CustomFieldList, CustomFieldUpdate, Picklist, PicklistList,
    PicklistName, PicklistReplace, StatusList, StatusReplace,
};
use uuid::Uuid;

use super::ApiResult;
use super::client::Req;

pub async fn statuses(kind: RecordKind) -> ApiResult<StatusList> {
    Req::get(format!("/settings/statuses/{}", kind.plural()))
        .fetch()
        .await
}

pub async fn replace_statuses(kind: RecordKind, body: &StatusReplace) -> ApiResult<StatusList> {
    Req::put(format!("/settings/statuses/{}", kind.plural()))
        .json(body)
        .fetch()
        .await
}

pub async fn picklists() -> ApiResult<PicklistList> {
    Req::get("/settings/picklists").fetch().await
}

pub async fn replace_picklist(name: PicklistName, body: &PicklistReplace) -> ApiResult<Picklist> {
    Req::put(format!("/settings/picklists/{}", name.as_str()))
        .json(body)
        .fetch()
        .await
}

pub async fn custom_fields(kind: RecordKind) -> ApiResult<CustomFieldList> {
    Req::get(format!("/settings/custom-fields/{}", kind.plural()))
        .fetch()
        .await
}

pub async fn create_custom_field(
    kind: RecordKind,
    body: &CustomFieldCreate,
) -> ApiResult<CustomField> {
    Req::post(format!("/settings/custom-fields/{}", kind.plural()))
        .json(body)
        .fetch()
        .await
}

pub async fn update_custom_field(
    kind: RecordKind,
    id: Uuid,
    body: &CustomFieldUpdate,
) -> ApiResult<CustomField> {
    Req::patch(format!("/settings/custom-fields/{}/{id}", kind.plural()))
        .json(body)
        .fetch()
        .await
}

pub async fn delete_custom_field(kind: RecordKind, id: Uuid) -> ApiResult<()> {
    Req::delete(format!("/settings/custom-fields/{}/{id}", kind.plural()))
        .run()
        .await
}

/// A kind's duplicate rules, in order.
pub async fn duplicate_rules(kind: RecordKind) -> ApiResult<DuplicateRules> {
    Req::get(format!("/settings/duplicate-rules/{}", kind.plural()))
        .fetch()
        .await
}

pub async fn replace_duplicate_rules(
    kind: RecordKind,
    body: &DuplicateRules,
) -> ApiResult<DuplicateRules> {
    Req::put(format!("/settings/duplicate-rules/{}", kind.plural()))
        .json(body)
        .fetch()
        .await
}
