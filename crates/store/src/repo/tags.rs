//! Tags: created on first use, one per folded key ("VIP", "vip" and "Víp" are one tag).

mod counts;
mod write;

use std::collections::HashMap;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use sen_domain::value::search_key;
use uuid::Uuid;

use crate::entity::tag::{Column, Entity, Model};
use crate::error::StoreResult;

pub use counts::record_counts;
pub use write::{create, delete, ensure, rename};

/// The key a tag name is unique by.
pub fn key_of(name: &str) -> String {
    search_key(name)
}

/// A tag of the workspace.
pub async fn get(db: &impl ConnectionTrait, ws: Uuid, id: Uuid) -> StoreResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .one(db)
        .await?)
}

/// The tag a name stands for, in any case or accents (`?tag=vip` filters).
pub async fn by_name(
    db: &impl ConnectionTrait,
    ws: Uuid,
    name: &str,
) -> StoreResult<Option<Model>> {
    Ok(by_keys(db, ws, &[key_of(name)]).await?.into_iter().next())
}

/// The workspace's tags among `ids`, in the order of `ids`; unknown ids are skipped.
pub async fn by_ids(db: &impl ConnectionTrait, ws: Uuid, ids: &[Uuid]) -> StoreResult<Vec<Model>> {
    let rows = Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let mut by_id: HashMap<Uuid, Model> = rows.into_iter().map(|t| (t.id, t)).collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// The workspace's tags with these keys, in no particular order.
async fn by_keys(db: &impl ConnectionTrait, ws: Uuid, keys: &[String]) -> StoreResult<Vec<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Key.is_in(keys.iter().cloned()))
        .all(db)
        .await?)
}

/// Up to `limit` tags whose key contains the folded `q` (all without one), those starting
/// with it first, then by key; and how many match in all.
pub async fn list(
    db: &impl ConnectionTrait,
    ws: Uuid,
    q: Option<&str>,
    limit: u64,
) -> StoreResult<(Vec<Model>, u64)> {
    let folded = q.map(key_of).unwrap_or_default();
    let mut query = Entity::find().filter(Column::WorkspaceId.eq(ws));
    if !folded.is_empty() {
        // Folded keys hold only letters, digits and spaces: nothing to escape for LIKE.
        query = query.filter(Column::Key.contains(&folded));
    }
    let total = query.clone().count(db).await?;
    if !folded.is_empty() {
        let prefix: Expr = Expr::case(Column::Key.like(format!("{folded}%")), 0)
            .finally(1)
            .into();
        query = query.order_by(prefix, Order::Asc);
    }
    let rows = query.order_by_asc(Column::Key).limit(limit).all(db).await?;
    Ok((rows, total))
}
