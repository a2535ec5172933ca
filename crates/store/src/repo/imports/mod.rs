//! Imports: the uploaded file's metadata and progress, the outcome of each row it ran, the
//! set-based lookups that match a chunk of rows against existing records, and the writes
//! that undo it.

mod export;
mod matching;
mod rows;
mod snapshot;
mod undo;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
};
use serde_json::Value;
use uuid::Uuid;

pub use export::export_page;
pub use matching::{Candidate, by_emails, by_names, by_phones};
pub use rows::{insert_rows, keep_created_rows, list_rows, rows_with_records};
pub use snapshot::{restore, snapshot};
pub use undo::{Event, add_events, delete_records, take_turns, unchanged_since_import};

use crate::entity::import::{Column, Entity, Model};
use crate::entity::workspace;
use crate::error::StoreResult;
use crate::repo::scalar_i64;

/// Uploaded, waiting for options.
pub const UPLOADED: &str = "uploaded";
/// Queued for its job.
pub const QUEUED: &str = "queued";
/// Its job is running.
pub const RUNNING: &str = "running";
/// Finished.
pub const DONE: &str = "done";
/// Its job gave up.
pub const FAILED: &str = "failed";
/// Undone.
pub const UNDONE: &str = "undone";

/// Stores a new import.
pub async fn insert(db: &impl ConnectionTrait, row: Model) -> StoreResult<Model> {
    Ok(row.into_active_model().reset_all().insert(db).await?)
}

/// The import `id` of workspace `ws` (whoever made it).
pub async fn get(db: &impl ConnectionTrait, ws: Uuid, id: Uuid) -> StoreResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .one(db)
        .await?)
}

/// Writes every column of `row` (the caller changed some).
pub async fn save(db: &impl ConnectionTrait, row: &Model) -> StoreResult<()> {
    Entity::update_many()
        .set(row.clone().into_active_model().reset_all())
        .filter(Column::WorkspaceId.eq(row.workspace_id))
        .filter(Column::Id.eq(row.id))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a committed chunk: the cursor (last row done), counts and state.
pub async fn advance(
    db: &impl ConnectionTrait,
    ws: Uuid,
    id: Uuid,
    cursor: i64,
    counts: Value,
    state: &str,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let mut q = Entity::update_many()
        .col_expr(Column::Cursor, Expr::value(cursor))
        .col_expr(Column::Counts, Expr::value(counts))
        .col_expr(Column::State, Expr::value(state))
        .col_expr(Column::UpdatedAt, Expr::value(at));
    if state == DONE || state == FAILED {
        q = q.col_expr(Column::FinishedAt, Expr::value(Some(at)));
    }
    q.filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks a running import failed (its job gave up).
pub async fn fail(
    db: &impl ConnectionTrait,
    ws: Uuid,
    id: Uuid,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    Entity::update_many()
        .col_expr(Column::State, Expr::value(FAILED))
        .col_expr(Column::UpdatedAt, Expr::value(at))
        .col_expr(Column::FinishedAt, Expr::value(Some(at)))
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .filter(Column::State.is_in([QUEUED, RUNNING]))
        .exec(db)
        .await?;
    Ok(())
}

/// Serialises the dedupe-and-write of import chunks within a workspace, so two imports of
/// overlapping files cannot both create the same person, and counts the chunk (m0019).
/// PostgreSQL: the update locks the workspace row until commit. SQLite: writers are
/// serialised already (`BEGIN IMMEDIATE`). Returns the chunks committed before this one.
pub async fn lock_workspace(db: &impl ConnectionTrait, ws: Uuid) -> StoreResult<i64> {
    let count = Query::update()
        .table(workspace::Entity)
        .value(
            import_writes_column(),
            Expr::col(import_writes_column()).add(1),
        )
        .and_where(Expr::col(workspace::Column::Id).eq(ws))
        .returning_col(import_writes_column())
        .to_owned();
    // No row (no such workspace) reads as 0, as the count before a first chunk.
    Ok(std::cmp::max(scalar_i64(db, &count).await? - 1, 0))
}

/// The import chunks committed in the workspace, as the transaction `db` sees them: read
/// with the matches of a chunk read ahead, and compared under the lock before it is written.
pub async fn import_writes(db: &impl ConnectionTrait, ws: Uuid) -> StoreResult<i64> {
    let read = Query::select()
        .column(import_writes_column())
        .from(workspace::Entity)
        .and_where(Expr::col(workspace::Column::Id).eq(ws))
        .to_owned();
    scalar_i64(db, &read).await
}

/// `workspaces.import_writes` (m0019). Not a field of the workspace entity: it is only ever
/// counted and compared here.
fn import_writes_column() -> Alias {
    Alias::new("import_writes")
}

/// Marks a finished (or failed) import undone, with the undo's report.
pub async fn set_undone(
    db: &impl ConnectionTrait,
    ws: Uuid,
    id: Uuid,
    report: Value,
    at: DateTime<Utc>,
) -> StoreResult<bool> {
    let res = Entity::update_many()
        .col_expr(Column::State, Expr::value(UNDONE))
        .col_expr(Column::Result, Expr::value(Some(report)))
        .col_expr(Column::UndoneAt, Expr::value(Some(at)))
        .col_expr(Column::UpdatedAt, Expr::value(at))
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .filter(Column::State.is_in([DONE, FAILED]))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}
