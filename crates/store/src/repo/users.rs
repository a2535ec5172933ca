//! Users of a workspace.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use sen_domain::role::Role;
use uuid::Uuid;

use super::{new_id, now};
use crate::entity::user::{ActiveModel, Column, Entity, Model};
use crate::error::{StoreError, StoreResult};

/// A user to create.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    /// Their workspace.
    pub workspace_id: Uuid,
    /// Normalised (lower-case) email.
    pub email: &'a str,
    /// Display name.
    pub name: &'a str,
    /// argon2id PHC string.
    pub password_hash: &'a str,
    /// Role.
    pub role: Role,
}

/// Fields to change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct UserPatch {
    /// New display name.
    pub name: Option<String>,
    /// New role.
    pub role: Option<Role>,
    /// New active flag.
    pub active: Option<bool>,
    /// New password hash.
    pub password_hash: Option<String>,
}

/// Creates a user; a taken email in the workspace is [`StoreError::Conflict`].
pub async fn insert(db: &impl ConnectionTrait, new: NewUser<'_>) -> StoreResult<Model> {
    let at = now();
    let row = ActiveModel {
        id: Set(new_id()),
        workspace_id: Set(new.workspace_id),
        email: Set(new.email.to_owned()),
        name: Set(new.name.to_owned()),
        password_hash: Set(new.password_hash.to_owned()),
        role: Set(new.role.as_str().to_owned()),
        active: Set(true),
        created_at: Set(at),
        updated_at: Set(at),
    };
    Ok(row.insert(db).await?)
}

/// Every user with this email, in any workspace (login does not know the workspace yet).
pub async fn by_email(db: &impl ConnectionTrait, email: &str) -> StoreResult<Vec<Model>> {
    Ok(Entity::find()
        .filter(Column::Email.eq(email))
        .all(db)
        .await?)
}

/// A user of the workspace.
pub async fn get(db: &impl ConnectionTrait, ws: Uuid, id: Uuid) -> StoreResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .one(db)
        .await?)
}

/// The workspace's users, by name.
pub async fn list(db: &impl ConnectionTrait, ws: Uuid) -> StoreResult<Vec<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .order_by_asc(Column::Name)
        .order_by_asc(Column::Id)
        .all(db)
        .await?)
}

/// How many of `ids` are users of the workspace.
pub async fn count_existing(db: &impl ConnectionTrait, ws: Uuid, ids: &[Uuid]) -> StoreResult<u64> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.is_in(ids.iter().copied()))
        .count(db)
        .await?)
}

/// Applies a patch and returns the new row.
pub async fn update(
    db: &impl ConnectionTrait,
    ws: Uuid,
    id: Uuid,
    patch: UserPatch,
) -> StoreResult<Model> {
    let current = get(db, ws, id).await?.ok_or(StoreError::NotFound)?;
    let mut row: ActiveModel = current.into();
    if let Some(name) = patch.name {
        row.name = Set(name);
    }
    if let Some(role) = patch.role {
        row.role = Set(role.as_str().to_owned());
    }
    if let Some(active) = patch.active {
        row.active = Set(active);
    }
    if let Some(hash) = patch.password_hash {
        row.password_hash = Set(hash);
    }
    row.updated_at = Set(now());
    Ok(row.update(db).await?)
}
