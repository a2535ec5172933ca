//! API keys, stored as SHA-256 hashes of their secrets.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::{new_id, now};
use crate::entity::api_key::{ActiveModel, Column, Entity, Model};
use crate::error::StoreResult;

/// Stores a new key.
pub async fn insert(
    db: &impl ConnectionTrait,
    ws: Uuid,
    user: Uuid,
    name: &str,
    prefix: &str,
    key_hash: &str,
) -> StoreResult<Model> {
    let row = ActiveModel {
        id: Set(new_id()),
        workspace_id: Set(ws),
        user_id: Set(user),
        name: Set(name.to_owned()),
        prefix: Set(prefix.to_owned()),
        key_hash: Set(key_hash.to_owned()),
        created_at: Set(now()),
        last_used_at: Set(None),
        revoked_at: Set(None),
    };
    Ok(row.insert(db).await?)
}

/// Keys of the workspace, newest first; only `user`'s when given.
pub async fn list(
    db: &impl ConnectionTrait,
    ws: Uuid,
    user: Option<Uuid>,
) -> StoreResult<Vec<Model>> {
    let mut q = Entity::find().filter(Column::WorkspaceId.eq(ws));
    if let Some(user) = user {
        q = q.filter(Column::UserId.eq(user));
    }
    Ok(q.order_by_desc(Column::Id).all(db).await?)
}

/// A key of the workspace.
pub async fn get(db: &impl ConnectionTrait, ws: Uuid, id: Uuid) -> StoreResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .one(db)
        .await?)
}

/// Revokes a key (idempotent: an already revoked key keeps its first revocation time).
pub async fn revoke(db: &impl ConnectionTrait, ws: Uuid, id: Uuid) -> StoreResult<()> {
    Entity::update_many()
        .col_expr(Column::RevokedAt, Expr::value(now()))
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .filter(Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// The unrevoked key with this hash.
pub async fn find_active(db: &impl ConnectionTrait, key_hash: &str) -> StoreResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::KeyHash.eq(key_hash))
        .filter(Column::RevokedAt.is_null())
        .one(db)
        .await?)
}

/// Records that a key was used.
pub async fn touch(db: &impl ConnectionTrait, id: Uuid) -> StoreResult<()> {
    Entity::update_many()
        .col_expr(Column::LastUsedAt, Expr::value(now()))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
