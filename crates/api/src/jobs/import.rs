//! An import's run, chunk by chunk: each chunk is one transaction that (under a workspace
//! lock, so concurrent imports dedupe against each other) plans its rows against the
//! database, writes the records and every row's outcome, and advances the import's cursor
//! with the job's heartbeat. A crash loses at most the uncommitted chunk; the job taken over
//! resumes after the cursor, having re-read the earlier rows only to remember their keys.

use std::collections::HashMap;

use sen_api_types::import::{ImportCounts, ImportOptions};
use sen_store::entity::job::Model;
use sen_store::repo::{imports, jobs, now};
use uuid::Uuid;

use crate::config::import_chunk_from_env;
use crate::imports::write::write_chunk;
use crate::imports::{Planner, Settings};
use crate::routes::imports::common::{kind_of, open};
use crate::sheets::RowBatch;
use crate::state::AppState;

fn api(e: crate::error::ApiError) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}

/// Runs (or resumes) an import job that `worker` holds; a failure marks the import failed.
pub async fn run(state: &AppState, worker: &str, job: Model) -> anyhow::Result<()> {
    let ws = job.workspace_id;
    let id: Uuid = job.params["import_id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| anyhow::anyhow!("import job without an import id"))?;
    let outcome = run_import(state, worker, &job, id).await;
    if outcome.is_err() {
        imports::fail(state.db.conn(), ws, id, now()).await?;
    }
    outcome
}

async fn run_import(state: &AppState, worker: &str, job: &Model, id: Uuid) -> anyhow::Result<()> {
    let db = state.db.conn();
    let ws = job.workspace_id;
    let m = imports::get(db, ws, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("import {id} is gone"))?;
    let ctx = super::starter_ctx(state, ws, m.created_by).await?;
    let settings = Settings::load(db, ws, kind_of(&m)).await.map_err(api)?;
    let opts: ImportOptions = serde_json::from_value(m.options.clone().unwrap_or_default())?;
    let (resolved, _, mut rx, mut pending) =
        open(state, &ctx, &settings, &m, &opts).await.map_err(api)?;
    let mut planner = Planner::new(&ctx, &settings, &resolved, false);
    let cursor = u64::try_from(m.cursor).unwrap_or(0);
    let done = if cursor > 0 {
        done_rows(state, ws, id).await?
    } else {
        HashMap::new()
    };
    let mut counts: ImportCounts = serde_json::from_value(m.counts.clone()).unwrap_or_default();
    let chunk = import_chunk_from_env();
    let mut buf: RowBatch = Vec::new();
    let mut finished_reading = false;
    imports::advance(
        db,
        ws,
        id,
        m.cursor,
        serde_json::to_value(&counts)?,
        imports::RUNNING,
        now(),
    )
    .await?;
    loop {
        while buf.len() < chunk && !finished_reading {
            if pending.is_empty() {
                match rx.recv().await {
                    Some(batch) => pending = batch.map_err(|e| anyhow::anyhow!("{e}"))?,
                    None => finished_reading = true,
                }
                continue;
            }
            let take = (chunk - buf.len()).min(pending.len());
            for (row_no, cells) in pending.drain(..take) {
                if row_no <= cursor {
                    if let Some(record) = done.get(&row_no) {
                        planner.remember(row_no, &cells, *record);
                    }
                } else {
                    buf.push((row_no, cells));
                }
            }
        }
        if buf.is_empty() {
            break;
        }
        let tx = state.db.begin().await?;
        imports::lock_workspace(&tx, ws).await?;
        let (plans, left) = planner
            .plan(&tx, std::mem::take(&mut buf))
            .await
            .map_err(api)?;
        let Some(last) = plans.last().map(|p| p.row_no) else {
            anyhow::bail!("an import chunk planned no row");
        };
        write_chunk(&tx, &ctx, &resolved, id, plans, &mut counts)
            .await
            .map_err(api)?;
        let last = i64::try_from(last)?;
        imports::advance(
            &tx,
            ws,
            id,
            last,
            serde_json::to_value(&counts)?,
            imports::RUNNING,
            now(),
        )
        .await?;
        let progress = if counts.total == 0 {
            0.0
        } else {
            (counts.scanned as f64 / counts.total as f64).min(1.0)
        };
        if !jobs::progress(
            &tx,
            job.id,
            worker,
            progress,
            serde_json::to_value(&counts)?,
            now(),
        )
        .await?
        {
            // Taken over by another instance: it continues from the last commit.
            sen_store::rollback(tx).await?;
            return Ok(());
        }
        sen_store::commit(tx).await?;
        buf = left;
    }
    counts.total = counts.scanned;
    let tx = state.db.begin().await?;
    let cursor = imports::get(&tx, ws, id).await?.map_or(0, |m| m.cursor);
    imports::advance(
        &tx,
        ws,
        id,
        cursor,
        serde_json::to_value(&counts)?,
        imports::DONE,
        now(),
    )
    .await?;
    crate::audit::record(
        &tx,
        &ctx.auth,
        "import",
        "run",
        id,
        None::<&ImportCounts>,
        Some(&counts),
    )
    .await
    .map_err(api)?;
    jobs::finish(
        &tx,
        job.id,
        worker,
        Ok(serde_json::to_value(&counts)?),
        now(),
    )
    .await?;
    sen_store::commit(tx).await?;
    Ok(())
}

/// Rows an earlier run committed that stand for a record (resuming).
async fn done_rows(state: &AppState, ws: Uuid, id: Uuid) -> anyhow::Result<HashMap<u64, Uuid>> {
    let mut out = HashMap::new();
    let mut after = 0;
    loop {
        let page = imports::list_rows(state.db.conn(), ws, id, &[], after, 10_000).await?;
        let Some(last) = page.last() else { break };
        after = last.row_no;
        for r in page {
            if let (Some(record), true) = (r.record_id, r.outcome != "failed") {
                out.insert(u64::try_from(r.row_no).unwrap_or(0), record);
            }
        }
    }
    Ok(out)
}
