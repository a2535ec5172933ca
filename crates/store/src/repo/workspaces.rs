//! Workspaces.

use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};
use uuid::Uuid;

use super::{new_id, now};
use crate::entity::workspace::{ActiveModel, Entity, Model};
use crate::error::StoreResult;

/// Creates a workspace.
pub async fn insert(db: &impl ConnectionTrait, name: &str, country: &str) -> StoreResult<Model> {
    let at = now();
    let row = ActiveModel {
        id: Set(new_id()),
        name: Set(name.to_owned()),
        default_country: Set(country.to_owned()),
        created_at: Set(at),
        updated_at: Set(at),
    };
    Ok(row.insert(db).await?)
}

/// A workspace by id.
pub async fn get(db: &impl ConnectionTrait, id: Uuid) -> StoreResult<Option<Model>> {
    Ok(Entity::find_by_id(id).one(db).await?)
}
