//! Creating, changing and deleting custom field definitions.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
};
use sen_domain::kind::RecordKind;
use uuid::Uuid;

use super::{CustomFieldPatch, NewCustomField, get};
use crate::entity::custom_field::{ActiveModel, Column, Entity, Model};
use crate::error::{StoreError, StoreResult};
use crate::repo::picklists::Choice;
use crate::repo::{new_id, now};

/// Creates a custom field; a key taken in the kind is [`StoreError::Conflict`].
pub async fn insert(
    db: &impl ConnectionTrait,
    ws: Uuid,
    new: NewCustomField,
) -> StoreResult<Model> {
    let position = match new.position {
        Some(p) => p,
        None => next_position(db, ws, new.kind).await?,
    };
    let at = now();
    let row = ActiveModel {
        id: Set(new_id()),
        workspace_id: Set(ws),
        kind: Set(new.kind.as_str().to_owned()),
        key: Set(new.key),
        label_vi: Set(new.label_vi),
        label_en: Set(new.label_en),
        field_type: Set(new.field_type.as_str().to_owned()),
        required: Set(new.required),
        options: Set(options_json(&new.options)?),
        position: Set(position),
        created_at: Set(at),
        updated_at: Set(at),
    };
    Ok(row.insert(db).await?)
}

/// One past the kind's last position.
async fn next_position(db: &impl ConnectionTrait, ws: Uuid, kind: RecordKind) -> StoreResult<i32> {
    let last: Option<Option<i32>> = Entity::find()
        .select_only()
        .column_as(Column::Position.max(), "max")
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Kind.eq(kind.as_str()))
        .into_tuple()
        .one(db)
        .await?;
    Ok(last.flatten().map_or(0, |p| p.saturating_add(1)))
}

/// Applies a patch and returns the new row.
pub async fn update(
    db: &impl ConnectionTrait,
    ws: Uuid,
    kind: RecordKind,
    id: Uuid,
    patch: CustomFieldPatch,
) -> StoreResult<Model> {
    let current = get(db, ws, kind, id).await?.ok_or(StoreError::NotFound)?;
    let mut row: ActiveModel = current.into();
    if let Some(label) = patch.label_vi {
        row.label_vi = Set(label);
    }
    if let Some(label) = patch.label_en {
        row.label_en = Set(label);
    }
    if let Some(required) = patch.required {
        row.required = Set(required);
    }
    if let Some(options) = patch.options {
        row.options = Set(options_json(&options)?);
    }
    if let Some(position) = patch.position {
        row.position = Set(position);
    }
    row.updated_at = Set(now());
    Ok(row.update(db).await?)
}

/// Deletes a custom field; false when there was none. Records keep their stored values.
pub async fn delete(
    db: &impl ConnectionTrait,
    ws: Uuid,
    kind: RecordKind,
    id: Uuid,
) -> StoreResult<bool> {
    let res = Entity::delete_many()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Kind.eq(kind.as_str()))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(res.rows_affected > 0)
}

fn options_json(options: &[Choice]) -> StoreResult<serde_json::Value> {
    serde_json::to_value(options).map_err(|e| StoreError::Corrupt(e.to_string()))
}
