//! API keys: the secret is in the create answer only.

use sen_api_types::api_key::{ApiKeyCreate, ApiKeyCreated, ApiKeyList};
use uuid::Uuid;

use super::ApiResult;
use super::client::Req;

pub async fn list() -> ApiResult<ApiKeyList> {
    Req::get("/api-keys").fetch().await
}

pub async fn create(name: &str) -> ApiResult<ApiKeyCreated> {
    Req::post("/api-keys")
        .json(&ApiKeyCreate {
            name: name.to_owned(),
        })
        .fetch()
        .await
}

/// Revokes a key.
pub async fn revoke(id: Uuid) -> ApiResult<()> {
    Req::delete(format!("/api-keys/{id}")).run().await
}
