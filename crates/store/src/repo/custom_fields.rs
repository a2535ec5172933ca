//! Custom field definitions per record kind, and the validator's view of them.

mod write;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use sen_domain::custom_field::{CustomFieldDef, FieldType};
use sen_domain::kind::RecordKind;
use uuid::Uuid;

use super::picklists::Choice;
use crate::entity::custom_field::{Column, Entity, Model};
use crate::error::{StoreError, StoreResult};

pub use write::{delete, insert, update};

/// A custom field to create.
#[derive(Debug, Clone)]
pub struct NewCustomField {
    /// The record kind it extends.
    pub kind: RecordKind,
    /// Key under which records keep the value; unique per kind.
    pub key: String,
    /// Vietnamese label.
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// What it holds.
    pub field_type: FieldType,
    /// Whether records must have a value.
    pub required: bool,
    /// Options of select types (empty otherwise).
    pub options: Vec<Choice>,
    /// Place among the kind's fields; none puts it last.
    pub position: Option<i32>,
}

/// Fields to change; `None` leaves a field as it is. Key and type never change.
#[derive(Debug, Clone, Default)]
pub struct CustomFieldPatch {
    /// New Vietnamese label.
    pub label_vi: Option<String>,
    /// New English label.
    pub label_en: Option<String>,
    /// New required flag.
    pub required: Option<bool>,
    /// New options (select types).
    pub options: Option<Vec<Choice>>,
    /// New place.
    pub position: Option<i32>,
}

/// The kind's custom fields, in order.
pub async fn list(
    db: &impl ConnectionTrait,
    ws: Uuid,
    kind: RecordKind,
) -> StoreResult<Vec<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Kind.eq(kind.as_str()))
        .order_by_asc(Column::Position)
        .order_by_asc(Column::Id)
        .all(db)
        .await?)
}

/// One custom field of the kind.
pub async fn get(
    db: &impl ConnectionTrait,
    ws: Uuid,
    kind: RecordKind,
    id: Uuid,
) -> StoreResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Kind.eq(kind.as_str()))
        .filter(Column::Id.eq(id))
        .one(db)
        .await?)
}

/// The kind's fields as `sen_domain::custom_field::validate_custom` takes them.
pub async fn defs(
    db: &impl ConnectionTrait,
    ws: Uuid,
    kind: RecordKind,
) -> StoreResult<Vec<CustomFieldDef>> {
    list(db, ws, kind).await?.iter().map(def).collect()
}

/// The validator's view of one row.
pub fn def(m: &Model) -> StoreResult<CustomFieldDef> {
    let field_type = FieldType::parse(&m.field_type).ok_or_else(|| {
        StoreError::Corrupt(format!("custom field {} type {}", m.id, m.field_type))
    })?;
    Ok(CustomFieldDef {
        key: m.key.clone(),
        field_type,
        required: m.required,
        options: options(m)?.into_iter().map(|o| o.key).collect(),
    })
}

/// The stored options of a row.
pub fn options(m: &Model) -> StoreResult<Vec<Choice>> {
    serde_json::from_value(m.options.clone())
        .map_err(|e| StoreError::Corrupt(format!("custom field {} options: {e}", m.id)))
}
