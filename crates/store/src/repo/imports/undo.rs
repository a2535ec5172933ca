//! Writes that undo an import, and the team turns an import's assignment takes.

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::entity::{activity, record, team};
use crate::error::StoreResult;

/// Deletes the records `ids` for good, with their timeline (child rows go by cascade).
pub async fn delete_records(db: &impl ConnectionTrait, ws: Uuid, ids: &[Uuid]) -> StoreResult<u64> {
    let mut n = 0;
    for chunk in ids.chunks(5_000) {
        activity::Entity::delete_many()
            .filter(activity::Column::WorkspaceId.eq(ws))
            .filter(activity::Column::RecordId.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
        n += record::Entity::delete_many()
            .filter(record::Column::WorkspaceId.eq(ws))
            .filter(record::Column::Id.is_in(chunk.iter().copied()))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(n)
}

/// Takes `n` consecutive round-robin turns of a team; returns the first turn's number. The
/// UPDATE row-locks the team until commit, so concurrent takers get disjoint ranges.
pub async fn take_turns(
    db: &impl ConnectionTrait,
    ws: Uuid,
    team_id: Uuid,
    n: i64,
) -> StoreResult<i64> {
    let stmt = Query::update()
        .table(team::Entity)
        .value(
            team::Column::RrCursor,
            Expr::col(team::Column::RrCursor).add(n),
        )
        .and_where(Expr::col(team::Column::WorkspaceId).eq(ws))
        .and_where(Expr::col(team::Column::Id).eq(team_id))
        .to_owned();
    db.execute(&stmt).await?;
    let after = team::Entity::find()
        .filter(team::Column::WorkspaceId.eq(ws))
        .filter(team::Column::Id.eq(team_id))
        .one(db)
        .await?
        .map_or(n, |t| t.rr_cursor);
    Ok(after - n)
}

/// One system timeline event of an import.
#[derive(Debug, Clone)]
pub struct Event {
    /// The record.
    pub record_id: Uuid,
    /// `imported`, `import_updated`, `import_merged`.
    pub event: &'static str,
    /// Details.
    pub data: serde_json::Value,
}

/// Writes `events` as system activities of `actor`, in bulk INSERTs.
pub async fn add_events(
    db: &impl ConnectionTrait,
    ws: Uuid,
    actor: Uuid,
    at: chrono::DateTime<chrono::Utc>,
    events: Vec<Event>,
) -> StoreResult<()> {
    use sea_orm::Set;
    let rows: Vec<activity::ActiveModel> = events
        .into_iter()
        .map(|e| activity::ActiveModel {
            id: Set(crate::repo::new_id()),
            workspace_id: Set(ws),
            record_id: Set(e.record_id),
            kind: Set("system".into()),
            event: Set(Some(e.event.into())),
            subject: Set(None),
            body: Set(None),
            data: Set(Some(e.data)),
            actor_id: Set(Some(actor)),
            occurred_at: Set(at),
            created_at: Set(at),
        })
        .collect();
    crate::repo::records::insert_chunked(db, rows).await?;
    Ok(())
}

/// Those of `expected` (record, version) still live at that version: unchanged since the
/// import last wrote them.
pub async fn unchanged_since_import(
    db: &impl ConnectionTrait,
    ws: Uuid,
    expected: &[(Uuid, i64)],
) -> StoreResult<Vec<Uuid>> {
    use sea_orm::QuerySelect;
    let mut out = Vec::new();
    for chunk in expected.chunks(5_000) {
        let rows: Vec<(Uuid, i64)> = record::Entity::find()
            .select_only()
            .column(record::Column::Id)
            .column(record::Column::Version)
            .filter(record::Column::WorkspaceId.eq(ws))
            .filter(record::Column::Id.is_in(chunk.iter().map(|(id, _)| *id)))
            .filter(record::Column::DeletedAt.is_null())
            .into_tuple()
            .all(db)
            .await?;
        let now: std::collections::HashMap<Uuid, i64> = rows.into_iter().collect();
        out.extend(
            chunk
                .iter()
                .filter(|(id, v)| now.get(id) == Some(v))
                .map(|(id, _)| *id),
        );
    }
    Ok(out)
}
