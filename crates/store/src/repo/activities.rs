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
    for_records(db, ws, &[record], limit).await
}

/// The timelines of several records as one, newest first (a contact's with those of the lead
/// and prospect it was converted from). A record an import created has its "imported" entry
/// told by its own row (m0020), not stored.
pub async fn for_records(
    db: &impl ConnectionTrait,
    ws: Uuid,
    records: &[Uuid],
    limit: u64,
) -> StoreResult<Vec<Model>> {
    let mut out = Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::RecordId.is_in(records.iter().copied()))
        .order_by_desc(Column::OccurredAt)
        .order_by_desc(Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    out.extend(imported(db, ws, records).await?);
    out.sort_by_key(|a| std::cmp::Reverse((a.occurred_at, a.id)));
    out.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(out)
}

/// A record's id, import, row, creator and time of creation.
type Provenance = (Uuid, Option<Uuid>, Option<i64>, Uuid, DateTime<Utc>);

/// The "imported" entries of those of `records` an import created, from their rows: dated
/// when the record was, by whoever ran the import, with the import and its row. An entry
/// takes the record's id as its own.
pub async fn imported(
    db: &impl ConnectionTrait,
    ws: Uuid,
    records: &[Uuid],
) -> StoreResult<Vec<Model>> {
    use crate::entity::record::{Column as R, Entity as Records};
    let rows: Vec<Provenance> = Records::find()
        .select_only()
        .columns([R::Id, R::ImportId, R::ImportRow, R::CreatedBy, R::CreatedAt])
        .filter(R::WorkspaceId.eq(ws))
        .filter(R::Id.is_in(records.iter().copied()))
        .filter(R::ImportId.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, import, row, by, at)| Model {
            id,
            workspace_id: ws,
            record_id: id,
            kind: "system".into(),
            event: Some("imported".into()),
            subject: None,
            body: None,
            data: Some(serde_json::json!({"import_id": import, "row": row})),
            actor_id: Some(by),
            occurred_at: at,
            created_at: at,
        })
        .collect())
}
