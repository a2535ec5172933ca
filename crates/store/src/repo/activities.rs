//! A record's timeline.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::Value;
use uuid::Uuid;

use super::{new_id, now};
use crate::entity::activity::{ActiveModel, Column, Entity, Model};
use crate::error::StoreResult;

/// An entry to add to a timeline.
#[derive(Debug, Clone)]
pub struct NewActivity {
    /// The record.
    pub record_id: Uuid,
    /// `note`, `call`, `meeting` (by hand) or `system`.
    pub kind: String,
    /// For system entries: `created`, `updated`, `status_changed`, `owner_changed`, …
    pub event: Option<String>,
    /// Short title.
    pub subject: Option<String>,
    /// Free text.
    pub body: Option<String>,
    /// Details (e.g. the changed fields).
    pub data: Option<Value>,
    /// Who did it.
    pub actor_id: Option<Uuid>,
    /// When it happened (a call logged afterwards keeps its own time).
    pub occurred_at: Option<DateTime<Utc>>,
}

/// Adds an entry to a record's timeline.
pub async fn add(db: &impl ConnectionTrait, ws: Uuid, a: NewActivity) -> StoreResult<Model> {
    let at = now();
    let row = ActiveModel {
        id: Set(new_id()),
        workspace_id: Set(ws),
        record_id: Set(a.record_id),
        kind: Set(a.kind),
        event: Set(a.event),
        subject: Set(a.subject),
        body: Set(a.body),
        data: Set(a.data),
        actor_id: Set(a.actor_id),
        occurred_at: Set(a.occurred_at.unwrap_or(at)),
        created_at: Set(at),
    };
    Ok(row.insert(db).await?)
}

/// A record's timeline, newest first.
pub async fn for_record(
    db: &impl ConnectionTrait,
    ws: Uuid,
    record: Uuid,
    limit: u64,
) -> StoreResult<Vec<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::RecordId.eq(record))
        .order_by_desc(Column::OccurredAt)
        .order_by_desc(Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// The timelines of several records as one, newest first (a contact's with those of the lead
/// and prospect it was converted from).
pub async fn for_records(
    db: &impl ConnectionTrait,
    ws: Uuid,
    records: &[Uuid],
    limit: u64,
) -> StoreResult<Vec<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::RecordId.is_in(records.iter().copied()))
        .order_by_desc(Column::OccurredAt)
        .order_by_desc(Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}
