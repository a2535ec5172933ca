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

use crate::imports::matches::matches_ahead;
use crate::imports::write::write_chunk;
use crate::imports::{Chunks, Planner, ReadAhead, ReadChunk, ReadRow, Resolved, Settings};
use crate::routes::imports::common::{kind_of, open};
use crate::routes::records::context::Ctx;
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
    let (resolved, _, rx, pending) = open(state, &ctx, &settings, &m, &opts).await.map_err(api)?;
    let mut planner = Planner::new(&ctx, &settings, &resolved, false);
    let cursor = u64::try_from(m.cursor).unwrap_or(0);
    let done = if cursor > 0 {
        done_rows(state, ws, id).await?
    } else {
        HashMap::new()
    };
    let mut counts: ImportCounts = serde_json::from_value(m.counts.clone()).unwrap_or_default();
    let chunk = state
        .import_chunk
        .load(std::sync::atomic::Ordering::Relaxed);
    let chunk = usize::try_from(chunk).unwrap_or(usize::MAX).max(1);
    let rows = Chunks::new(rx, pending).resuming(cursor, done);
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
    // The next chunk is read and validated (CPU work) on a thread of its own while this one
    // is planned and written (database work); in skip and create mode it is matched there
    // too (`imports::matches`).
    let ahead = (chunk, matches_ahead(&resolved));
    let mut ahead = ReadAhead::start(db, (&ctx, &settings, &resolved), rows, ahead).map_err(api)?;
    let mut ready = ahead.next(&mut planner).await.map_err(api)?;
    // `import_writes` as each chunk of this run left it.
    let mut ours = Vec::new();
    while !ready.rows.is_empty() {
        let (who, how) = ((worker, job, id), (&ctx, &resolved));
        let mine = (&mut planner, ours.as_slice());
        let Some((left, wrote)) = write(state, who, how, mine, ready, &mut counts).await? else {
            // Taken over by another instance: it continues from the last commit.
            return Ok(());
        };
        ours.push(wrote);
        ready = ReadChunk::after(left, ahead.next(&mut planner).await.map_err(api)?);
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

/// Plans and writes `ready` in one transaction, advancing the import's cursor with the job's
/// heartbeat; the rows cut off for the next chunk come back, with the workspace's import
/// chunks counted after this one. Matches taken ahead are used when they still hold
/// (`ours`: the counts this run's earlier chunks left). None when another instance took the
/// job over (nothing written).
async fn write(
    state: &AppState,
    (worker, job, id): (&str, &Model, Uuid),
    (ctx, resolved): (&Ctx, &Resolved),
    (planner, ours): (&mut Planner<'_>, &[i64]),
    ready: ReadChunk,
    counts: &mut ImportCounts,
) -> anyhow::Result<Option<(Vec<ReadRow>, i64)>> {
    let ws = job.workspace_id;
    let started = std::time::Instant::now();
    let tx = state.db.begin().await?;
    let begun = started.elapsed();
    let before = imports::lock_workspace(&tx, ws).await?;
    let locked = started.elapsed();
    let matched = ready.matched.filter(|m| m.holds(before, ours));
    let ahead = matched.is_some();
    let (plans, left) = match matched {
        Some(m) => planner.plan_matched(&tx, ready.rows, m.matches).await,
        None => planner.plan_read(&tx, ready.rows).await,
    }
    .map_err(api)?;
    let Some(last) = plans.last().map(|p| p.row_no) else {
        anyhow::bail!("an import chunk planned no row");
    };
    let (planned, rows) = (started.elapsed(), plans.len());
    write_chunk(&tx, ctx, resolved, id, plans, counts)
        .await
        .map_err(api)?;
    let written = started.elapsed();
    let last = i64::try_from(last)?;
    imports::advance(
        &tx,
        ws,
        id,
        last,
        serde_json::to_value(&*counts)?,
        imports::RUNNING,
        now(),
    )
    .await?;
    let progress = if counts.total == 0 {
        0.0
    } else {
        (counts.scanned as f64 / counts.total as f64).min(1.0)
    };
    let heartbeat = serde_json::to_value(&*counts)?;
    if !jobs::progress(&tx, job.id, worker, progress, heartbeat, now()).await? {
        sen_store::rollback(tx).await?;
        return Ok(None);
    }
    sen_store::commit(tx).await?;
    tracing::debug!(
        rows,
        matched_ahead = ahead,
        begun_ms = begun.as_millis(),
        locked_ms = (locked - begun).as_millis(),
        planned_ms = (planned - locked).as_millis(),
        written_ms = (written - planned).as_millis(),
        committed_ms = (started.elapsed() - written).as_millis(),
        "import chunk"
    );
    Ok(Some((left, before + 1)))
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
