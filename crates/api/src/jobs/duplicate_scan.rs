//! A workspace-wide duplicate scan in the background: one read, its result stored on the job
//! (a scan taken over after a crash simply runs again).

use sen_store::entity::job::Model;
use sen_store::repo::{jobs, now};

use crate::routes::duplicates::scan::{ScanParams, scan};
use crate::state::AppState;

/// Runs the scan of a job `worker` holds and stores its result.
pub async fn run(state: &AppState, worker: &str, job: Model) -> anyhow::Result<()> {
    let params: ScanParams = serde_json::from_value(job.params.clone())?;
    let ctx = super::starter_ctx(state, job.workspace_id, params.actor_id).await?;
    let result = scan(
        state.db.conn(),
        &ctx.viewer,
        params.kind,
        &params.criteria,
        params.limit,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    jobs::finish(
        state.db.conn(),
        job.id,
        worker,
        Ok(serde_json::to_value(&result)?),
        now(),
    )
    .await?;
    Ok(())
}
