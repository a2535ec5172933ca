//! An import's rows read and validated ahead, on threads of their own, while the chunk before
//! is planned and written. Read on the planning task, the two took turns on one thread (a run
//! and its preview each run on one of the server's single-threaded runtimes): 100,000 rows
//! spent about 2 s validating there, every statement of the writer waiting behind a burst of
//! validation, while the second core sat idle.
//!
//! A run in `skip` or `create` mode also matches each chunk against the database there, on a
//! snapshot (see `matches`): the writer then only plans and writes under the lock.
//!
//! One thread cuts the file into chunks (remembering the rows an earlier run committed) and
//! hands them in turn to `readers` threads that validate them; the chunks come back in file
//! order, taken from the readers in the same turn. A preview, which writes nothing, keeps
//! both cores busy with two readers; a run, bound by its writes, needs one. Each thread runs
//! a runtime of its own; every channel holds one chunk, so at most `3 × readers + 1` chunks
//! are in memory whatever the size of the file.

use sen_store::DatabaseConnection;
use tokio::sync::mpsc;
use uuid::Uuid;

use super::matches::{Matched, match_on_snapshot};
use super::plan::Reader;
use super::{Chunks, Planner, ReadRow, Resolved, Settings};
use crate::error::{ApiError, ApiResult};
use crate::routes::imports::common::sheet_error;
use crate::routes::records::context::Ctx;
use crate::sheets::RowBatch;

/// A row an earlier run committed, as the file has it, and the record it became.
type Remembered = (u64, Vec<String>, Uuid);

/// One chunk as the file has it, for a reader.
struct Raw {
    remembered: Vec<Remembered>,
    rows: RowBatch,
}

/// One chunk read ahead.
struct Batch {
    /// Rows up to the cursor of an earlier run: remembered, not planned.
    remembered: Vec<Remembered>,
    /// The rows to plan, read and validated (empty at the end of the file), and matched when
    /// the import matches ahead.
    rows: ReadChunk,
}

/// A chunk of rows read ahead.
pub struct ReadChunk {
    /// The rows, read and validated (none at the end of the file).
    pub rows: Vec<ReadRow>,
    /// Their matches, when taken ahead.
    pub matched: Option<Matched>,
}

/// How an import's rows are read ahead.
#[derive(Debug, Clone, Copy)]
pub struct Ahead {
    /// Rows per chunk.
    pub chunk: usize,
    /// Threads validating chunks (at least one).
    pub readers: usize,
    /// Whether each chunk is matched against the database too.
    pub match_ahead: bool,
}

/// The rows of an import, read ahead.
pub struct ReadAhead {
    /// One receiver per reader, taken in turn.
    rx: Vec<mpsc::Receiver<ApiResult<Batch>>>,
    /// The reader whose chunk comes next.
    turn: usize,
    /// The end of the file (or a failure) came.
    done: bool,
}

/// A thread named `name` running `work` to completion on a runtime of its own.
fn spawn<F>(name: &str, work: F) -> ApiResult<()>
where
    F: std::future::Future<Output = ()> + Send + 'static,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| ApiError::Internal(e.into()))?;
    std::thread::Builder::new()
        .name(name.into())
        .spawn(move || runtime.block_on(work))
        .map_err(|e| ApiError::Internal(e.into()))?;
    Ok(())
}

impl ReadAhead {
    /// Starts reading `chunks` as `how` says, mapped by `opts` onto `settings`' kind for
    /// `ctx` (the threads read copies of them).
    pub fn start(
        db: &DatabaseConnection,
        (ctx, settings, opts): (&Ctx, &Settings, &Resolved),
        mut chunks: Chunks,
        how: Ahead,
    ) -> ApiResult<ReadAhead> {
        let readers = how.readers.max(1);
        let mut feeds = Vec::with_capacity(readers);
        let mut outs = Vec::with_capacity(readers);
        for _ in 0..readers {
            let (feed, raw_rx) = mpsc::channel::<Result<Raw, ApiError>>(1);
            let (out, rx) = mpsc::channel(1);
            feeds.push(feed);
            outs.push(rx);
            let (db, ctx, settings, opts) =
                (db.clone(), ctx.clone(), settings.clone(), opts.clone());
            spawn("sen-import-read", async move {
                read_chunks(&db, (&ctx, &settings, &opts), how.match_ahead, raw_rx, out).await;
            })?;
        }
        let chunk = how.chunk;
        spawn("sen-import-cut", async move {
            for turn in 0.. {
                let mut remembered = Vec::new();
                let raw = chunks
                    .next(
                        |n, cells, record| remembered.push((n, cells.to_vec(), record)),
                        chunk,
                    )
                    .await
                    .map_err(sheet_error);
                let last = raw.as_ref().map_or(true, Vec::is_empty);
                let raw = raw.map(|rows| Raw { remembered, rows });
                // A closed channel: the import stopped waiting for rows.
                if feeds[turn % readers].send(raw).await.is_err() || last {
                    return;
                }
            }
        })?;
        Ok(ReadAhead {
            rx: outs,
            turn: 0,
            done: false,
        })
    }

    /// The next chunk's rows, read and validated (none at the end of the file); the rows an
    /// earlier run committed before them are remembered by `planner` first.
    pub async fn next(&mut self, planner: &mut Planner<'_>) -> ApiResult<ReadChunk> {
        let end = ReadChunk {
            rows: Vec::new(),
            matched: None,
        };
        if self.done {
            return Ok(end);
        }
        let n = self.rx.len();
        let Some(batch) = self.rx[self.turn % n].recv().await else {
            self.done = true;
            return Ok(end);
        };
        self.turn += 1;
        let batch = batch.inspect_err(|_| self.done = true)?;
        for (row_no, cells, record) in &batch.remembered {
            planner.remember(*row_no, cells, *record);
        }
        if batch.rows.rows.is_empty() {
            self.done = true;
        }
        Ok(batch.rows)
    }
}

/// A reader's loop: validates (and matches) each chunk it is handed, until the end of the
/// file, a failure or a closed channel.
async fn read_chunks(
    db: &DatabaseConnection,
    (ctx, settings, opts): (&Ctx, &Settings, &Resolved),
    match_ahead: bool,
    mut raw_rx: mpsc::Receiver<Result<Raw, ApiError>>,
    out: mpsc::Sender<ApiResult<Batch>>,
) {
    let reader = Reader::new(ctx, settings, opts);
    let by = (ctx, settings.kind.as_str(), opts.criteria.as_slice());
    while let Some(raw) = raw_rx.recv().await {
        let batch = match raw {
            Ok(Raw { remembered, rows }) => {
                let last = rows.is_empty();
                let read = match reader.read_rows(db, rows).await {
                    Ok(rows) if match_ahead && !rows.is_empty() => match_on_snapshot(db, by, &rows)
                        .await
                        .map(|m| (rows, Some(m))),
                    Ok(rows) => Ok((rows, None)),
                    Err(e) => Err(e),
                };
                read.map(|(rows, matched)| {
                    (
                        last,
                        Batch {
                            remembered,
                            rows: ReadChunk { rows, matched },
                        },
                    )
                })
            }
            Err(e) => Err(e),
        };
        let stop = batch.as_ref().map_or(true, |(last, _)| *last);
        if out.send(batch.map(|(_, b)| b)).await.is_err() || stop {
            return;
        }
    }
}
