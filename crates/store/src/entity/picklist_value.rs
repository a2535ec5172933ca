//! `picklist_values`: the ordered values of each workspace picklist (`source`, `industry`, …).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "picklist_values")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub workspace_id: Uuid,
    /// The picklist's name (`source`).
    pub list: String,
    /// Stable snake_case id that records store.
    pub key: String,
    pub label_vi: String,
    pub label_en: String,
    /// 0-based order within the list.
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
