//! The outcome rows of an import.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::entity::import_row::{Column, Entity, Model};
use crate::error::StoreResult;

/// Writes the outcomes of a chunk of rows.
pub async fn insert_rows(db: &impl ConnectionTrait, rows: Vec<Model>) -> StoreResult<()> {
    crate::repo::records::insert_chunked(db, rows).await?;
    Ok(())
}

/// A page of outcomes after row `after`, optionally of one outcome.
pub async fn list_rows(
    db: &impl ConnectionTrait,
    ws: Uuid,
    import: Uuid,
    outcomes: &[&str],
    after: i64,
    limit: u64,
) -> StoreResult<Vec<Model>> {
    let mut q = Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::ImportId.eq(import))
        .filter(Column::RowNo.gt(after));
    if !outcomes.is_empty() {
        q = q.filter(Column::Outcome.is_in(outcomes.iter().copied()));
    }
    Ok(q.order_by_asc(Column::RowNo).limit(limit).all(db).await?)
}

/// The rows that created or changed a record, in row order.
pub async fn rows_with_records(
    db: &impl ConnectionTrait,
    ws: Uuid,
    import: Uuid,
) -> StoreResult<Vec<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::ImportId.eq(import))
        .filter(Column::RecordId.is_not_null())
        .filter(Column::Outcome.is_in(["created", "updated", "merged"]))
        .order_by_asc(Column::RowNo)
        .all(db)
        .await?)
}
