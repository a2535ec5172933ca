//! `activities`: a record's timeline — notes, calls, meetings by hand and system events.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "activities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub record_id: Uuid,
    pub kind: String,
    pub event: Option<String>,
    pub subject: Option<String>,
    pub body: Option<String>,
    pub data: Option<Json>,
    pub actor_id: Option<Uuid>,
    pub occurred_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
