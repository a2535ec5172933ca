//! Picklists: named, ordered lists of values (`source`, `industry`, `lost_reason`, …).

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::new_id;
use crate::entity::picklist_value::{ActiveModel, Column, Entity, Model};
use crate::error::StoreResult;

/// A key with its two labels: a picklist value, or an option of a select custom field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Stable snake_case id that records store.
    pub key: String,
    /// Vietnamese label.
    pub label_vi: String,
    /// English label.
    pub label_en: String,
}

/// The values of one picklist, in order.
pub async fn list(db: &impl ConnectionTrait, ws: Uuid, name: &str) -> StoreResult<Vec<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::List.eq(name))
        .order_by_asc(Column::Position)
        .all(db)
        .await?)
}

/// Every value of every picklist of the workspace, by list and then in order.
pub async fn all(db: &impl ConnectionTrait, ws: Uuid) -> StoreResult<Vec<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .order_by_asc(Column::List)
        .order_by_asc(Column::Position)
        .all(db)
        .await?)
}

/// Whether `key` is a value of picklist `name`: records check their `source`, `industry`, …
pub async fn has_key(
    db: &impl ConnectionTrait,
    ws: Uuid,
    name: &str,
    key: &str,
) -> StoreResult<bool> {
    let n = Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::List.eq(name))
        .filter(Column::Key.eq(key))
        .count(db)
        .await?;
    Ok(n > 0)
}

/// Replaces the values of picklist `name` with `values`, in that order, and returns them.
/// Callers check the keys are unique and run this inside a transaction.
pub async fn replace(
    db: &impl ConnectionTrait,
    ws: Uuid,
    name: &str,
    values: &[Choice],
) -> StoreResult<Vec<Model>> {
    Entity::delete_many()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::List.eq(name))
        .exec(db)
        .await?;
    let rows = values.iter().enumerate().map(|(i, v)| ActiveModel {
        id: Set(new_id()),
        workspace_id: Set(ws),
        list: Set(name.to_owned()),
        key: Set(v.key.clone()),
        label_vi: Set(v.label_vi.clone()),
        label_en: Set(v.label_en.clone()),
        position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
    });
    if !values.is_empty() {
        Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    list(db, ws, name).await
}
