//! The sales life cycle: the opportunity pipeline, and a lead's conversion (with the existing
//! records it matches).

use sen_api_types::lifecycle::{ConvertPreview, LeadConvert, LeadConverted, Pipeline};
use uuid::Uuid;

use super::ApiResult;
use super::client::Req;

/// The opportunities you see, counted and summed per stage.
pub async fn pipeline() -> ApiResult<Pipeline> {
    Req::get("/opportunities/pipeline").fetch().await
}

/// The existing contacts and accounts a lead would match.
pub async fn convert_preview(lead: Uuid) -> ApiResult<ConvertPreview> {
    Req::get(format!("/leads/{lead}/convert/preview"))
        .fetch()
        .await
}

/// Converts a lead into a contact (+ account) (+ opportunity).
pub async fn convert(lead: Uuid, body: &LeadConvert) -> ApiResult<LeadConverted> {
    // Through a JSON value: the records' writer for values is in the app already.
    let value = serde_json::to_value(body).unwrap_or_default();
    Req::post(format!("/leads/{lead}/convert"))
        .json_value(&value)
        .fetch()
        .await
}
