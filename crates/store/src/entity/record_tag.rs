//! `record_tags`: which tags a record carries.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "record_tags")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub workspace_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub record_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub tag_id: Uuid,
    // A copy of the record's list keys, kept in step by triggers (m0014): the tag index is
    // keyed by them, so a list's total is counted from it alone.
    /// The record's kind.
    pub kind: Option<String>,
    /// The record's status while it is live; NULL once trashed or merged away.
    pub live_status: Option<String>,
    /// The record's sharing mode.
    pub sharing_mode: Option<String>,
    /// The record's owner.
    pub owner_id: Option<Uuid>,
    /// The record's creator.
    pub created_by: Option<Uuid>,
}

/// The copy of `r`'s list keys a tag row of it carries.
pub fn copy_of(r: &super::record::Model) -> (String, Option<String>, String, Uuid, Uuid) {
    let live = r.deleted_at.is_none() && r.merged_into.is_none();
    (
        r.kind.clone(),
        live.then(|| r.status.clone()),
        r.sharing_mode.clone(),
        r.owner_id,
        r.created_by,
    )
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
