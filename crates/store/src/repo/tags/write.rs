//! Creating, renaming and deleting tags; `ensure` is what tagging a record calls.

use std::collections::HashMap;

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sen_domain::value::normalise_text;
use uuid::Uuid;

use super::{by_keys, get, key_of};
use crate::entity::record_tag;
use crate::entity::tag::{ActiveModel, Column, Entity, Model};
use crate::error::{StoreError, StoreResult};
use crate::repo::{new_id, now};

/// Inserts the tags of `wanted` (key, name) that do not exist yet; a concurrent insert of the
/// same key wins quietly. Returns how many rows this call inserted.
async fn insert_absent(
    db: &impl ConnectionTrait,
    ws: Uuid,
    wanted: &[(String, String)],
) -> StoreResult<u64> {
    if wanted.is_empty() {
        return Ok(0);
    }
    let at = now();
    let rows = wanted.iter().map(|(key, name)| ActiveModel {
        id: Set(new_id()),
        workspace_id: Set(ws),
        name: Set(name.clone()),
        key: Set(key.clone()),
        created_at: Set(at),
        updated_at: Set(at),
    });
    let res = Entity::insert_many(rows)
        .on_conflict_do_nothing_on([Column::WorkspaceId, Column::Key])
        .exec_without_returning(db)
        .await?;
    Ok(match res {
        sea_orm::TryInsertResult::Inserted(n) => n,
        _ => 0,
    })
}

/// The tags named `names`, created when missing, in input order and one per key (the first
/// spelling of a new key becomes its name). Names that fold to nothing (`"!!"`) are skipped.
/// Safe to call concurrently: inserts are insert-if-absent, then everything is read back.
pub async fn ensure(
    db: &impl ConnectionTrait,
    ws: Uuid,
    names: &[String],
) -> StoreResult<Vec<Model>> {
    let mut wanted: Vec<(String, String)> = Vec::with_capacity(names.len());
    for name in names {
        let key = key_of(name);
        if !key.is_empty() && !wanted.iter().any(|(k, _)| *k == key) {
            wanted.push((key, normalise_text(name)));
        }
    }
    let keys: Vec<String> = wanted.iter().map(|(k, _)| k.clone()).collect();
    let mut found: HashMap<String, Model> = by_keys(db, ws, &keys)
        .await?
        .into_iter()
        .map(|t| (t.key.clone(), t))
        .collect();
    let missing: Vec<(String, String)> = wanted
        .iter()
        .filter(|(k, _)| !found.contains_key(k))
        .cloned()
        .collect();
    if !missing.is_empty() {
        insert_absent(db, ws, &missing).await?;
        let fresh: Vec<String> = missing.into_iter().map(|(k, _)| k).collect();
        found.extend(
            by_keys(db, ws, &fresh)
                .await?
                .into_iter()
                .map(|t| (t.key.clone(), t)),
        );
    }
    Ok(keys.iter().filter_map(|k| found.remove(k)).collect())
}

/// The tag named `name`, and whether this call created it. The name must fold to a key.
pub async fn create(db: &impl ConnectionTrait, ws: Uuid, name: &str) -> StoreResult<(Model, bool)> {
    let key = key_of(name);
    if let Some(tag) = by_keys(db, ws, std::slice::from_ref(&key)).await?.pop() {
        return Ok((tag, false));
    }
    let inserted = insert_absent(db, ws, &[(key.clone(), normalise_text(name))]).await?;
    let tag = by_keys(db, ws, &[key])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)?;
    Ok((tag, inserted > 0))
}

/// Renames a tag; a name whose key belongs to another tag is [`StoreError::Conflict`].
pub async fn rename(
    db: &impl ConnectionTrait,
    ws: Uuid,
    id: Uuid,
    name: &str,
) -> StoreResult<Model> {
    let current = get(db, ws, id).await?.ok_or(StoreError::NotFound)?;
    let key = key_of(name);
    let clash = by_keys(db, ws, std::slice::from_ref(&key)).await?;
    if clash.iter().any(|t| t.id != id) {
        return Err(StoreError::Conflict(format!("tag key {key}")));
    }
    let mut row: ActiveModel = current.into();
    row.name = Set(normalise_text(name));
    row.key = Set(key);
    row.updated_at = Set(now());
    Ok(row.update(db).await?)
}

/// Deletes a tag and takes it off every record; false when there was none.
pub async fn delete(db: &impl ConnectionTrait, ws: Uuid, id: Uuid) -> StoreResult<bool> {
    record_tag::Entity::delete_many()
        .filter(record_tag::Column::WorkspaceId.eq(ws))
        .filter(record_tag::Column::TagId.eq(id))
        .exec(db)
        .await?;
    let res = Entity::delete_many()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(res.rows_affected > 0)
}
