//! Teams: members, assignment rule, data-owner flag.

use sen_api_types::team::{Team, TeamCreate, TeamList, TeamUpdate};
use uuid::Uuid;

use super::ApiResult;
use super::client::Req;

pub async fn list() -> ApiResult<TeamList> {
    Req::get("/teams").fetch().await
}

pub async fn create(body: &TeamCreate) -> ApiResult<Team> {
    Req::post("/teams").json(body).fetch().await
}

pub async fn update(id: Uuid, body: &TeamUpdate) -> ApiResult<Team> {
    Req::patch(format!("/teams/{id}")).json(body).fetch().await
}

pub async fn delete(id: Uuid) -> ApiResult<()> {
    Req::delete(format!("/teams/{id}")).run().await
}
