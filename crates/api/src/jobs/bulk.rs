//! A large bulk action, chunk by chunk: the selection's ids are read once, in id order; each
//! chunk of them is one transaction that applies the action to those ids, adds to the counts
//! and records the chunk's last id with the heartbeat — so a job taken over after a crash
//! re-reads the selection after its last chunk and resumes exactly there.

use std::sync::atomic::Ordering;

use sen_api_types::bulk::BulkResult;
use sen_store::entity::job::Model;
use sen_store::repo::bulk::{self as store_bulk, Bounds};
use sen_store::repo::{jobs, now, operations};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::routes::bulk::exec;
use crate::routes::bulk::plan::Plan;
use crate::state::AppState;

/// Records per transaction (at most the synchronous limit).
const CHUNK: u64 = 5_000;

fn num(counts: &Value, key: &str) -> u64 {
    counts[key].as_u64().unwrap_or(0)
}

/// Runs (or resumes) a bulk job that `worker` holds. When it fails, the operation is closed
/// all the same: what its committed chunks changed can be undone.
pub async fn run(state: &AppState, worker: &str, job: Model) -> anyhow::Result<()> {
    let plan: Plan = serde_json::from_value(job.params.clone())?;
    let (ws, matched) = (job.workspace_id, num(&job.counts, "matched"));
    let outcome = run_plan(state, worker, job, &plan).await;
    if outcome.is_err() {
        operations::finish(state.db.conn(), ws, plan.operation_id, matched, now()).await?;
    }
    outcome
}

async fn run_plan(state: &AppState, worker: &str, job: Model, plan: &Plan) -> anyhow::Result<()> {
    let ctx = super::starter_ctx(state, job.workspace_id, plan.actor_id).await?;
    let filter = exec::store_filter(state.db.conn(), &ctx, &plan.selection)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let chunk = CHUNK.min(state.bulk_sync_limit.load(Ordering::Relaxed).max(1));
    let mut counts = job.counts.clone();
    let mut after: Option<Uuid> = counts["last_id"].as_str().and_then(|s| s.parse().ok());
    let total = num(&counts, "total");
    // The selection is read once (what matched when the job started, or after its last
    // committed chunk when resuming); each chunk then acts on its slice of those ids.
    let rest = store_bulk::candidates(
        state.db.db_backend(),
        &ctx.viewer,
        plan.kind.as_str(),
        &filter,
        Bounds { after, upto: None },
    );
    let remaining = store_bulk::ids_in_order(state.db.conn(), rest).await?;
    let mut chunks = remaining
        .chunks(usize::try_from(chunk).unwrap_or(usize::MAX))
        .peekable();
    loop {
        let ids: &[Uuid] = chunks.next().unwrap_or(&[]);
        let end = if chunks.peek().is_some() {
            ids.last().copied()
        } else {
            None
        };
        let tx = state.db.begin().await?;
        let bounds = Bounds { after, upto: end };
        let changed = if ids.is_empty() {
            0
        } else {
            let listed = store_bulk::listed(job.workspace_id, ids);
            exec::apply_chunk(&tx, &ctx, plan, listed, bounds)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
        };
        let processed = match end {
            Some(_) => (num(&counts, "processed") + chunk).min(total),
            None => total,
        };
        counts["processed"] = json!(processed);
        counts["changed"] = json!(num(&counts, "changed") + changed);
        counts["last_id"] = json!(end);
        let progress = if total == 0 {
            1.0
        } else {
            processed as f64 / total as f64
        };
        if !jobs::progress(&tx, job.id, worker, progress, counts.clone(), now()).await? {
            // Taken over by another instance: its run continues from the last commit.
            sen_store::rollback(tx).await?;
            return Ok(());
        }
        if end.is_none() {
            let result = BulkResult {
                operation_id: plan.operation_id,
                matched: num(&counts, "matched"),
                changed: num(&counts, "changed"),
                skipped_forbidden: num(&counts, "skipped_forbidden"),
                failed: num(&counts, "failed"),
            };
            exec::finish(&tx, &ctx, plan, &result)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            jobs::finish(
                &tx,
                job.id,
                worker,
                Ok(serde_json::to_value(&result)?),
                now(),
            )
            .await?;
            sen_store::commit(tx).await?;
            return Ok(());
        }
        sen_store::commit(tx).await?;
        after = end;
    }
}
