//! Bulk operations: created when a bulk action starts, finished with its counts, undone once.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::Value;
use uuid::Uuid;

use crate::entity::operation::{ActiveModel, Column, Entity, Model};
use crate::error::StoreResult;

/// A new operation.
#[derive(Debug, Clone)]
pub struct NewOperation {
    /// Its id (chosen by the caller: the bulk answer and the job both carry it).
    pub id: Uuid,
    /// Workspace.
    pub workspace_id: Uuid,
    /// Record kind (`lead`, …).
    pub kind: String,
    /// `add_tags`, `remove_tags`, `assign`, `set_status` or `delete`.
    pub action: String,
    /// The resolved parameters (tag ids, assignee, status).
    pub params: Value,
    /// Who started it.
    pub created_by: Uuid,
    /// The job running it, for large selections.
    pub job_id: Option<Uuid>,
    /// Selected rows that exist in the workspace.
    pub matched: u64,
    /// Selected rows the caller may not see.
    pub skipped_forbidden: u64,
    /// When it started.
    pub at: DateTime<Utc>,
}

fn i(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Stores a new, unfinished operation.
pub async fn insert(db: &impl ConnectionTrait, new: NewOperation) -> StoreResult<Model> {
    let row = ActiveModel {
        id: Set(new.id),
        workspace_id: Set(new.workspace_id),
        kind: Set(new.kind),
        action: Set(new.action),
        params: Set(new.params),
        created_by: Set(new.created_by),
        job_id: Set(new.job_id),
        matched: Set(i(new.matched)),
        changed: Set(0),
        skipped_forbidden: Set(i(new.skipped_forbidden)),
        failed: Set(0),
        created_at: Set(new.at),
        finished_at: Set(None),
        undone_at: Set(None),
        undone_by: Set(None),
    };
    Ok(row.insert(db).await?)
}

/// An operation of the workspace.
pub async fn get(db: &impl ConnectionTrait, ws: Uuid, id: Uuid) -> StoreResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .one(db)
        .await?)
}

/// Adds a chunk's counts to the operation.
pub async fn add_counts(
    db: &impl ConnectionTrait,
    ws: Uuid,
    id: Uuid,
    changed: u64,
    failed: u64,
) -> StoreResult<()> {
    Entity::update_many()
        .col_expr(Column::Changed, Expr::col(Column::Changed).add(i(changed)))
        .col_expr(Column::Failed, Expr::col(Column::Failed).add(i(failed)))
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks the operation finished (it may be undone from now on).
pub async fn finish(
    db: &impl ConnectionTrait,
    ws: Uuid,
    id: Uuid,
    matched: u64,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    Entity::update_many()
        .col_expr(Column::Matched, Expr::value(i(matched)))
        .col_expr(Column::FinishedAt, Expr::value(Some(at)))
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks a finished operation undone; false when it already was (or is not finished): the
/// conditional update makes two concurrent undos undo once.
pub async fn mark_undone(
    db: &impl ConnectionTrait,
    ws: Uuid,
    id: Uuid,
    by: Uuid,
    at: DateTime<Utc>,
) -> StoreResult<bool> {
    let res = Entity::update_many()
        .col_expr(Column::UndoneAt, Expr::value(Some(at)))
        .col_expr(Column::UndoneBy, Expr::value(Some(by)))
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .filter(Column::UndoneAt.is_null())
        .filter(Column::FinishedAt.is_not_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}
