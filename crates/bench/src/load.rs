//! Loading the contacts: a generator thread makes batches while the store writes the
//! previous one with `insert_many`, one transaction per batch.

use std::time::{Duration, Instant};

use anyhow::{Context, anyhow};
use chrono::{DateTime, Utc};
use rand::SeedableRng;
use rand::rngs::StdRng;
use sen_store::Db;
use sen_store::entity::record::Model;
use sen_store::repo::records::{Children, insert_many};
use tokio::sync::mpsc;

use crate::facts::Facts;
use crate::generate::{Plan, START, contact};
use crate::setup::Workspace;

/// Contacts per transaction.
const BATCH: u64 = 10_000;

/// How the load went.
#[derive(Debug, Clone, Copy)]
pub struct LoadStats {
    pub rows: u64,
    /// Wall time, generation overlapping the writes.
    pub elapsed: Duration,
    /// Time spent inside `insert_many` and commit.
    pub writing: Duration,
}

impl LoadStats {
    /// Contacts per second, wall time.
    pub fn rate(&self) -> f64 {
        self.rows as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

type Batch = Vec<(Model, Children)>;

/// Generates `rows` contacts from `seed` and writes them.
pub async fn load(
    db: &Db,
    ws: &Workspace,
    rows: u64,
    seed: u64,
) -> anyhow::Result<(Facts, LoadStats)> {
    let started = Instant::now();
    let (tx, mut rx) = mpsc::channel::<Batch>(2);
    let ws_owned = ws.clone();
    let generator = std::thread::spawn(move || generate(&ws_owned, rows, seed, &tx));
    let mut writing = Duration::ZERO;
    let mut written = 0u64;
    while let Some(batch) = rx.recv().await {
        let t = Instant::now();
        let txn = db.begin().await.context("starting a load transaction")?;
        written += insert_many(&txn, &batch).await.context("insert_many")?;
        sen_store::commit(txn)
            .await
            .context("committing a load batch")?;
        writing += t.elapsed();
        if written.is_multiple_of(BATCH * 20) {
            eprintln!("  … {written} contacts");
        }
    }
    let facts = generator
        .join()
        .map_err(|_| anyhow!("the generator thread panicked"))?;
    if written != rows {
        anyhow::bail!("wrote {written} contacts, expected {rows}");
    }
    // As after any large import: refresh the planner's statistics.
    db.analyze().await.context("refreshing statistics")?;
    Ok((
        facts,
        LoadStats {
            rows,
            elapsed: started.elapsed(),
            writing,
        },
    ))
}

/// The generator thread: batches into `tx`, facts returned at the end.
fn generate(ws: &Workspace, rows: u64, seed: u64, tx: &mpsc::Sender<Batch>) -> Facts {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut sampling = StdRng::seed_from_u64(seed ^ 0x5eed_5eed);
    let start: DateTime<Utc> = START.parse().unwrap_or_default();
    let plan = Plan { ws, rows, start };
    let mut facts = Facts {
        keys: Vec::with_capacity(usize::try_from(rows).unwrap_or(0)),
        ..Facts::default()
    };
    let mut batch = Vec::with_capacity(usize::try_from(BATCH).unwrap_or(0));
    for i in 0..rows {
        let (row, children, person) = contact(&mut rng, &plan, i);
        facts.note(&mut sampling, ws, &row, &children, person);
        batch.push((row, children));
        let full = batch.len() as u64 == BATCH || i + 1 == rows;
        if full && tx.blocking_send(std::mem::take(&mut batch)).is_err() {
            break; // The writer gave up; its error is the one to report.
        }
    }
    facts
}
