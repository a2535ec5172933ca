//! `operations`: one bulk action — what it did, to how many rows, and whether it was undone.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "operations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub kind: String,
    pub action: String,
    pub params: Json,
    pub created_by: Uuid,
    pub job_id: Option<Uuid>,
    pub matched: i64,
    pub changed: i64,
    pub skipped_forbidden: i64,
    pub failed: i64,
    pub created_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
    pub undone_at: Option<DateTimeUtc>,
    pub undone_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
