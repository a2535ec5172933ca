//! Refresh tokens: single use, rotated in families; reuse of a spent token revokes its family.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use super::{new_id, now};
use crate::entity::refresh_token::{ActiveModel, Column, Entity, Model};
use crate::error::StoreResult;

/// Stores a new refresh token of `family`.
pub async fn insert(
    db: &impl ConnectionTrait,
    ws: Uuid,
    user: Uuid,
    family: Uuid,
    token_hash: &str,
    expires_at: DateTime<Utc>,
) -> StoreResult<Model> {
    let row = ActiveModel {
        id: Set(new_id()),
        workspace_id: Set(ws),
        user_id: Set(user),
        family_id: Set(family),
        token_hash: Set(token_hash.to_owned()),
        expires_at: Set(expires_at),
        used_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(now()),
    };
    Ok(row.insert(db).await?)
}

/// The token with this hash, spent or not.
pub async fn find(db: &impl ConnectionTrait, token_hash: &str) -> StoreResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::TokenHash.eq(token_hash))
        .one(db)
        .await?)
}

/// Marks the token spent; false when it was already spent or revoked (a concurrent refresh
/// or a replay), so exactly one caller wins.
pub async fn consume(db: &impl ConnectionTrait, id: Uuid) -> StoreResult<bool> {
    let res = Entity::update_many()
        .col_expr(Column::UsedAt, Expr::value(now()))
        .filter(Column::Id.eq(id))
        .filter(Column::UsedAt.is_null())
        .filter(Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Revokes every token of a family (replay detected).
pub async fn revoke_family(db: &impl ConnectionTrait, ws: Uuid, family: Uuid) -> StoreResult<()> {
    Entity::update_many()
        .col_expr(Column::RevokedAt, Expr::value(now()))
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::FamilyId.eq(family))
        .filter(Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Revokes every token of a user (deactivated, or password changed).
pub async fn revoke_user(db: &impl ConnectionTrait, ws: Uuid, user: Uuid) -> StoreResult<()> {
    Entity::update_many()
        .col_expr(Column::RevokedAt, Expr::value(now()))
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::UserId.eq(user))
        .filter(Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
