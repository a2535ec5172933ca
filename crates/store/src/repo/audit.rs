//! The audit log: every write records its actor and the row before and after.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::Value;
use uuid::Uuid;

use super::{new_id, now};
use crate::entity::audit_log::{ActiveModel, Column, Entity, Model};
use crate::error::StoreResult;

/// One audited change.
#[derive(Debug, Clone)]
pub struct AuditEntry<'a> {
    /// Workspace of the changed row.
    pub workspace_id: Uuid,
    /// Who changed it (none for the system).
    pub actor_id: Option<Uuid>,
    /// What was done: `create`, `update`, `delete`, `revoke`, …
    pub action: &'a str,
    /// What kind of row: `user`, `team`, `api_key`, …
    pub entity: &'a str,
    /// Which row.
    pub entity_id: Uuid,
    /// The row before (none on create).
    pub before: Option<Value>,
    /// The row after (none on delete).
    pub after: Option<Value>,
}

/// Appends an entry.
pub async fn record(db: &impl ConnectionTrait, entry: AuditEntry<'_>) -> StoreResult<()> {
    let row = ActiveModel {
        id: Set(new_id()),
        workspace_id: Set(entry.workspace_id),
        actor_id: Set(entry.actor_id),
        action: Set(entry.action.to_owned()),
        entity: Set(entry.entity.to_owned()),
        entity_id: Set(entry.entity_id),
        before: Set(entry.before),
        after: Set(entry.after),
        at: Set(now()),
    };
    row.insert(db).await?;
    Ok(())
}

/// The entries about one row, oldest first.
pub async fn for_entity(
    db: &impl ConnectionTrait,
    ws: Uuid,
    entity_id: Uuid,
) -> StoreResult<Vec<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::EntityId.eq(entity_id))
        .order_by_asc(Column::Id)
        .all(db)
        .await?)
}
