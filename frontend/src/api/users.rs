//! Workspace members.

use sen_api_types::user::{User, UserCreate, UserList, UserUpdate};
use uuid::Uuid;

use super::ApiResult;
use super::client::Req;

pub async fn list() -> ApiResult<UserList> {
    Req::get("/users").fetch().await
}

pub async fn create(body: &UserCreate) -> ApiResult<User> {
    Req::post("/users").json(body).fetch().await
}

pub async fn update(id: Uuid, body: &UserUpdate) -> ApiResult<User> {
    Req::patch(format!("/users/{id}")).json(body).fetch().await
}
