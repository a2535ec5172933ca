//! A workspace-wide duplicate scan in the background: one read, its result stored on the job
//! (a scan taken over after a crash simply runs again).

use sen_api_types::Role;
use sen_store::entity::job::Model;
use sen_store::repo::{jobs, now, users};

use crate::auth::AuthUser;
use crate::routes::duplicates::scan::{ScanParams, scan};
use crate::routes::records::context::Ctx;
use crate::state::AppState;

/// Runs the scan of a job `worker` holds and stores its result.
pub async fn run(state: &AppState, worker: &str, job: Model) -> anyhow::Result<()> {
    let params: ScanParams = serde_json::from_value(job.params.clone())?;
    let user = users::get(state.db.conn(), job.workspace_id, params.actor_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the user who started the scan is gone"))?;
    let auth = AuthUser {
        id: user.id,
        workspace_id: user.workspace_id,
        role: Role::parse(&user.role).unwrap_or(Role::Member),
        api_key_id: None,
    };
    let ctx = Ctx::load(state, auth)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
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
