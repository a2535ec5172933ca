//! The sales life cycle: the opportunity pipeline, and a lead's conversion (with the existing
//! records it matches).

use sen_api_types::lifecycle::Pipeline;

use super::ApiResult;
use super::client::Req;

/// The opportunities you see, counted and summed per stage.
pub async fn pipeline() -> ApiResult<Pipeline> {
    Req::get("/opportunities/pipeline").fetch().await
}
