//! A record's exact stored state (row and child rows) as JSON, taken before an import changes
//! it, and written back by the import's undo.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::entity::record::{Column, Entity, Model};
use crate::error::{StoreError, StoreResult};
use crate::repo::records::{Children, replace_children};

/// The row as its JSON columns, and its children.
pub fn snapshot(row: &Model, c: &Children) -> Value {
    json!({
        "row": row,
        "phones": c.phones,
        "emails": c.emails,
        "tag_ids": c.tag_ids,
        "share_teams": c.share_teams,
        "share_users": c.share_users,
    })
}

/// Writes `snap` back over record `id` when its version is still `expected`; the restored
/// row gets version `expected + 1`. False when the record changed since.
pub async fn restore(
    db: &impl ConnectionTrait,
    ws: Uuid,
    id: Uuid,
    snap: &Value,
    expected: i64,
    at: chrono::DateTime<chrono::Utc>,
) -> StoreResult<bool> {
    let row: Model = serde_json::from_value(snap["row"].clone())
        .map_err(|e| StoreError::Corrupt(format!("import snapshot of {id}: {e}")))?;
    let mut am = row.into_active_model().reset_all();
    am.version = sea_orm::Set(expected + 1);
    am.updated_at = sea_orm::Set(at);
    let res = Entity::update_many()
        .set(am)
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .filter(Column::Version.eq(expected))
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Ok(false);
    }
    let pairs = |k: &str| serde_json::from_value(snap[k].clone()).unwrap_or_default();
    let ids = |k: &str| serde_json::from_value(snap[k].clone()).unwrap_or_default();
    let c = Children {
        phones: pairs("phones"),
        emails: pairs("emails"),
        tag_ids: ids("tag_ids"),
        tag_names: Vec::new(),
        share_teams: ids("share_teams"),
        share_users: ids("share_users"),
    };
    replace_children(db, ws, id, &c).await?;
    Ok(true)
}
