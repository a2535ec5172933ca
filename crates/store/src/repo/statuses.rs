//! The ordered statuses of each record kind; exactly one of them is the kind's default.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use sen_domain::kind::RecordKind;
use uuid::Uuid;

use super::new_id;
use crate::entity::status::{ActiveModel, Column, Entity, Model};
use crate::error::StoreResult;

/// A status to store; its position is its index in the list given to [`replace`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStatus {
    /// Stable snake_case id that records store.
    pub key: String,
    /// Vietnamese label.
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// Whether new records start in this status.
    pub is_default: bool,
    /// `open`, `won` or `lost` for opportunity stages; none for other kinds.
    pub outcome: Option<String>,
}

/// The kind's statuses, in order.
pub async fn list(
    db: &impl ConnectionTrait,
    ws: Uuid,
    kind: RecordKind,
) -> StoreResult<Vec<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Kind.eq(kind.as_str()))
        .order_by_asc(Column::Position)
        .all(db)
        .await?)
}

/// One status of the kind, by key: records check the status they are given with it.
pub async fn get(
    db: &impl ConnectionTrait,
    ws: Uuid,
    kind: RecordKind,
    key: &str,
) -> StoreResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Kind.eq(kind.as_str()))
        .filter(Column::Key.eq(key))
        .one(db)
        .await?)
}

/// The kind's default status, where new records start.
pub async fn default_of(
    db: &impl ConnectionTrait,
    ws: Uuid,
    kind: RecordKind,
) -> StoreResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Kind.eq(kind.as_str()))
        .filter(Column::IsDefault.eq(true))
        .order_by_asc(Column::Position)
        .one(db)
        .await?)
}

/// Replaces the kind's statuses with `items`, in that order, and returns them. Callers check
/// the list first (unique keys, one default) and run this inside a transaction.
pub async fn replace(
    db: &impl ConnectionTrait,
    ws: Uuid,
    kind: RecordKind,
    items: &[NewStatus],
) -> StoreResult<Vec<Model>> {
    Entity::delete_many()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Kind.eq(kind.as_str()))
        .exec(db)
        .await?;
    let rows = items.iter().enumerate().map(|(i, s)| ActiveModel {
        id: Set(new_id()),
        workspace_id: Set(ws),
        kind: Set(kind.as_str().to_owned()),
        key: Set(s.key.clone()),
        label_vi: Set(s.label_vi.clone()),
        label_en: Set(s.label_en.clone()),
        position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
        is_default: Set(s.is_default),
        outcome: Set(s.outcome.clone()),
    });
    if !items.is_empty() {
        Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    list(db, ws, kind).await
}
