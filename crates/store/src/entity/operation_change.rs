//! `operation_changes`: a row a bulk operation changed, its state before, and the version the
//! operation left it at (undo restores only rows still at that version).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "operation_changes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub workspace_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub operation_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub record_id: Uuid,
    pub seq: i64,
    pub prior_owner_id: Uuid,
    pub new_owner_id: Option<Uuid>,
    pub prior_status: String,
    pub new_status: Option<String>,
    pub prior_deleted_at: Option<DateTimeUtc>,
    pub prior_deleted_by: Option<Uuid>,
    pub version_after: i64,
    pub restored: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
