//! The background job runner: a loop started with the server that claims queued jobs from
//! the database, one at a time. A claim is a conditional UPDATE, so several instances never
//! run one job at once; each committed chunk beats the job's heartbeat, and jobs whose
//! heartbeat went stale (their instance died) are put back in the queue — at start-up and
//! every few seconds — and resume after their last committed chunk.

mod bulk;
mod duplicate_scan;
mod import;

use std::time::Duration;

use sen_store::repo::{jobs, now};
use uuid::Uuid;

use crate::state::AppState;

/// How often an idle worker looks for work.
const POLL: Duration = Duration::from_millis(200);

/// How often a worker looks for orphaned jobs. Re-queueing is a write: on SQLite every poll
/// took the write lock (and waited seconds for it behind a large import or bulk chunk).
fn requeue_every() -> Duration {
    stale_after().min(Duration::from_secs(10)) / 2
}

/// A running job whose heartbeat is older than this is taken to be orphaned (default 30 s;
/// `SEN_JOB_STALE_SECS` shortens it, e.g. for the crash test).
fn stale_after() -> Duration {
    let secs = std::env::var("SEN_JOB_STALE_SECS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(30);
    Duration::from_secs(secs)
}

/// Re-queues orphaned jobs, then starts the worker loop on the current runtime.
pub async fn start(state: AppState) {
    let worker = format!("sen-{}", Uuid::now_v7().simple());
    if let Err(err) = requeue_stale(&state).await {
        tracing::warn!(error = %err, "could not re-queue orphaned jobs");
    }
    tokio::spawn(async move {
        let mut requeued = std::time::Instant::now();
        loop {
            if state.db.is_closed() {
                // The server shut down and closed the pool: nothing left to run jobs on.
                tracing::info!("job worker stops: the database pool is closed");
                break;
            }
            if requeued.elapsed() >= requeue_every() {
                requeued = std::time::Instant::now();
                if let Err(err) = requeue_stale(&state).await {
                    tracing::warn!(error = %err, "could not re-queue orphaned jobs");
                }
            }
            if let Err(err) = tick(&state, &worker).await {
                tracing::warn!(error = %err, "job worker");
            }
            // A poll also finds jobs other instances queued, and stale ones to take over.
            tokio::select! {
                () = tokio::time::sleep(POLL) => {}
                () = state.jobs_wake.notified() => {}
            }
        }
    });
}

async fn requeue_stale(state: &AppState) -> anyhow::Result<u64> {
    let stale = chrono::Duration::from_std(stale_after())?;
    let n = jobs::requeue_stale(state.db.conn(), now() - stale).await?;
    if n > 0 {
        tracing::info!(jobs = n, "re-queued orphaned jobs");
    }
    Ok(n)
}

/// Runs every job in the queue.
async fn tick(state: &AppState, worker: &str) -> anyhow::Result<()> {
    while let Some(job) = jobs::claim_next(state.db.conn(), worker, now()).await? {
        let id = job.id;
        let outcome = match job.kind.as_str() {
            "bulk" => bulk::run(state, worker, job).await,
            "duplicate_scan" => duplicate_scan::run(state, worker, job).await,
            "import" => import::run(state, worker, job).await,
            other => Err(anyhow::anyhow!("unknown job kind {other:?}")),
        };
        if let Err(err) = outcome {
            tracing::error!(job = %id, error = ?err, "job failed");
            jobs::finish(state.db.conn(), id, worker, Err(err.to_string()), now()).await?;
        }
    }
    Ok(())
}

/// The view of the records of the user who started a job: a job sees, and changes, only
/// what its starter may.
pub(crate) async fn starter_ctx(
    state: &AppState,
    workspace_id: Uuid,
    user_id: Uuid,
) -> anyhow::Result<crate::routes::records::context::Ctx> {
    let user = sen_store::repo::users::get(state.db.conn(), workspace_id, user_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the user who started the job is gone"))?;
    let auth = crate::auth::AuthUser {
        id: user.id,
        workspace_id,
        role: sen_api_types::Role::parse(&user.role).unwrap_or(sen_api_types::Role::Member),
        api_key_id: None,
    };
    crate::routes::records::context::Ctx::load(state, auth)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
}
