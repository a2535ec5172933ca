//! `custom_fields`: admin-defined extra fields of a record kind.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "custom_fields")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub workspace_id: Uuid,
    /// The record kind, singular (`lead`).
    pub kind: String,
    /// The key under which records keep the value; immutable.
    pub key: String,
    pub label_vi: String,
    pub label_en: String,
    /// A `FieldType` spelling; immutable.
    pub field_type: String,
    pub required: bool,
    /// `[{key, label_vi, label_en}]` of select types; `[]` otherwise.
    pub options: Json,
    pub position: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
