//! `merges`: one merge of slaves into a master, with the prior state of everything it touched.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "merges")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub kind: String,
    pub master_id: Uuid,
    pub slave_ids: Json,
    /// The prior rows (see `repo::merges::Snapshot`).
    pub snapshot: Json,
    /// The master's version right after the merge; undo refuses once it moved on.
    pub version_after: i64,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub undone_at: Option<DateTimeUtc>,
    pub undone_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
