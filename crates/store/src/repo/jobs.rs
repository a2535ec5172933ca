//! Background jobs in the database: any server instance may claim a queued job; a claim is a
//! conditional UPDATE, so one job never runs twice at once; a running job's heartbeat tells
//! whether its instance is alive, and jobs of dead instances go back to the queue.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::Value;
use uuid::Uuid;

use crate::entity::job::{ActiveModel, Column, Entity, Model};
use crate::error::StoreResult;

/// Waiting for a worker.
pub const QUEUED: &str = "queued";
/// Claimed by a worker.
pub const RUNNING: &str = "running";
/// Finished.
pub const DONE: &str = "done";
/// Gave up; `error` says why.
pub const FAILED: &str = "failed";

/// A job to queue.
#[derive(Debug, Clone)]
pub struct NewJob {
    /// Its id.
    pub id: Uuid,
    /// Workspace.
    pub workspace_id: Uuid,
    /// What to run, e.g. `bulk`.
    pub kind: String,
    /// Everything the worker needs.
    pub params: Value,
    /// Initial counts.
    pub counts: Value,
    /// Who asked for it.
    pub created_by: Uuid,
    /// When.
    pub at: DateTime<Utc>,
}

/// Queues a job.
pub async fn insert(db: &impl ConnectionTrait, new: NewJob) -> StoreResult<Model> {
    let row = ActiveModel {
        id: Set(new.id),
        workspace_id: Set(new.workspace_id),
        kind: Set(new.kind),
        state: Set(QUEUED.into()),
        progress: Set(0.0),
        counts: Set(new.counts),
        params: Set(new.params),
        result: Set(None),
        error: Set(None),
        created_by: Set(new.created_by),
        created_at: Set(new.at),
        updated_at: Set(new.at),
        claimed_by: Set(None),
        heartbeat_at: Set(None),
    };
    Ok(row.insert(db).await?)
}

/// A job of the workspace.
pub async fn get(db: &impl ConnectionTrait, ws: Uuid, id: Uuid) -> StoreResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .one(db)
        .await?)
}

/// Claims the oldest queued job for `worker`; `None` when the queue is empty. Another
/// instance claiming the same job first makes this one try the next.
pub async fn claim_next(
    db: &impl ConnectionTrait,
    worker: &str,
    at: DateTime<Utc>,
) -> StoreResult<Option<Model>> {
    for _ in 0..5 {
        let Some(next) = Entity::find()
            .filter(Column::State.eq(QUEUED))
            .order_by_asc(Column::CreatedAt)
            .limit(1)
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        let res = Entity::update_many()
            .col_expr(Column::State, Expr::value(RUNNING))
            .col_expr(Column::ClaimedBy, Expr::value(Some(worker.to_owned())))
            .col_expr(Column::HeartbeatAt, Expr::value(Some(at)))
            .col_expr(Column::UpdatedAt, Expr::value(at))
            .filter(Column::Id.eq(next.id))
            .filter(Column::State.eq(QUEUED))
            .exec(db)
            .await?;
        if res.rows_affected == 1 {
            return get(db, next.workspace_id, next.id).await;
        }
    }
    Ok(None)
}

/// Puts back in the queue the running jobs whose heartbeat is older than `stale_before`:
/// their instance died (or hung) mid-way. Returns how many.
pub async fn requeue_stale(
    db: &impl ConnectionTrait,
    stale_before: DateTime<Utc>,
) -> StoreResult<u64> {
    // Look first, write only when a job is stale: this runs every few seconds on every
    // instance, and on SQLite each UPDATE waits for the one write lock (up to seconds behind
    // an import or a bulk chunk), then holds it, even when it changes nothing.
    let stale = Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(Column::State.eq(RUNNING))
        .filter(Column::HeartbeatAt.lt(stale_before))
        .into_tuple::<Uuid>()
        .one(db)
        .await?;
    if stale.is_none() {
        return Ok(0);
    }
    let res = Entity::update_many()
        .col_expr(Column::State, Expr::value(QUEUED))
        .col_expr(Column::ClaimedBy, Expr::value(Option::<String>::None))
        .filter(Column::State.eq(RUNNING))
        .filter(Column::HeartbeatAt.lt(stale_before))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// Records progress (and the heartbeat) of a job `worker` holds; false when it no longer
/// holds it (it was re-queued and taken over), and the caller must stop.
pub async fn progress(
    db: &impl ConnectionTrait,
    id: Uuid,
    worker: &str,
    progress: f64,
    counts: Value,
    at: DateTime<Utc>,
) -> StoreResult<bool> {
    let res = Entity::update_many()
        .col_expr(Column::Progress, Expr::value(progress))
        .col_expr(Column::Counts, Expr::value(counts))
        .col_expr(Column::HeartbeatAt, Expr::value(Some(at)))
        .col_expr(Column::UpdatedAt, Expr::value(at))
        .filter(Column::Id.eq(id))
        .filter(Column::State.eq(RUNNING))
        .filter(Column::ClaimedBy.eq(worker))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Ends a job `worker` holds as `done` (with its result) or `failed` (with the error).
pub async fn finish(
    db: &impl ConnectionTrait,
    id: Uuid,
    worker: &str,
    outcome: Result<Value, String>,
    at: DateTime<Utc>,
) -> StoreResult<bool> {
    let (state, result, error, progress) = match outcome {
        Ok(result) => (DONE, Some(result), None, 1.0),
        Err(error) => (FAILED, None, Some(error), 0.0),
    };
    let mut q = Entity::update_many()
        .col_expr(Column::State, Expr::value(state))
        .col_expr(Column::Result, Expr::value(result))
        .col_expr(Column::Error, Expr::value(error))
        .col_expr(Column::UpdatedAt, Expr::value(at))
        .col_expr(Column::HeartbeatAt, Expr::value(Some(at)));
    if state == DONE {
        q = q.col_expr(Column::Progress, Expr::value(progress));
    }
    let res = q
        .filter(Column::Id.eq(id))
        .filter(Column::State.eq(RUNNING))
        .filter(Column::ClaimedBy.eq(worker))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}
