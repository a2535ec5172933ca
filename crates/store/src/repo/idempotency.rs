//! Idempotency keys: the first answer to a create is stored and replayed on retries.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::Value;
use uuid::Uuid;

use super::now;
use crate::entity::idempotency_key::{ActiveModel, Column, Entity, Model};
use crate::error::StoreResult;

/// The stored answer for `(user, key)`, if any.
pub async fn find(
    db: &impl ConnectionTrait,
    ws: Uuid,
    user: Uuid,
    key: &str,
) -> StoreResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::UserId.eq(user))
        .filter(Column::Key.eq(key))
        .one(db)
        .await?)
}

/// Stores the answer; a concurrent retry that stored first makes this a `Conflict`.
pub async fn store(
    db: &impl ConnectionTrait,
    ws: Uuid,
    user: Uuid,
    key: &str,
    fingerprint: &str,
    status: u16,
    response: Value,
) -> StoreResult<()> {
    let row = ActiveModel {
        workspace_id: Set(ws),
        user_id: Set(user),
        key: Set(key.to_owned()),
        fingerprint: Set(fingerprint.to_owned()),
        status: Set(i32::from(status)),
        response: Set(response),
        created_at: Set(now()),
    };
    row.insert(db).await?;
    Ok(())
}
