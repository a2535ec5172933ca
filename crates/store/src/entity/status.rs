//! `statuses`: the ordered statuses of each record kind (opportunity stages carry an outcome).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "statuses")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub workspace_id: Uuid,
    /// The record kind, singular (`lead`).
    pub kind: String,
    /// Stable snake_case id that records store.
    pub key: String,
    pub label_vi: String,
    pub label_en: String,
    /// 0-based order within the kind.
    pub position: i32,
    pub is_default: bool,
    /// `open`, `won` or `lost` for opportunity stages; none for other kinds.
    pub outcome: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
