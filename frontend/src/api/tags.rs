//! Workspace tags.

use sen_api_types::tag::{Tag, TagCreate, TagList, TagUpdate};
use uuid::Uuid;

use super::ApiResult;
use super::client::Req;

/// Tags whose name contains `q` (accents ignored), prefix matches first.
pub async fn list(q: &str, limit: u32) -> ApiResult<TagList> {
    let q = String::from(js_sys::encode_uri_component(q));
    Req::get(format!("/tags?q={q}&limit={limit}")).fetch().await
}

pub async fn create(name: &str) -> ApiResult<Tag> {
    Req::post("/tags")
        .json(&TagCreate {
            name: name.to_owned(),
        })
        .fetch()
        .await
}

pub async fn rename(id: Uuid, name: &str) -> ApiResult<Tag> {
    Req::patch(format!("/tags/{id}"))
        .json(&TagUpdate {
            name: name.to_owned(),
        })
        .fetch()
        .await
}

pub async fn delete(id: Uuid) -> ApiResult<()> {
    Req::delete(format!("/tags/{id}")).run().await
}
