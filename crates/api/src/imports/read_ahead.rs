//! An import's rows read and validated a chunk ahead, on a thread of their own, while the
//! chunk before is planned and written. Read on the planning task, the two took turns on one
//! thread (a run and its preview each run on one of the server's single-threaded runtimes):
//! 100,000 rows spent about 2 s validating there, every statement of the writer waiting
//! behind a burst of validation, while the second core sat idle.
//!
//! A run in `skip` or `create` mode also matches each chunk against the database there, on a
//! snapshot (see `matches`): the writer then only plans and writes under the lock.
//!
//! The thread runs a runtime of its own; the channel to it holds one chunk, so at most three
//! chunks are in memory (read, waiting, planned) whatever the size of the file.
//!
//! The first chunk is small and each one after it twice as large, up to the import's chunk
//! size: the writes start soon, and the later chunks are large.

use sen_store::DatabaseConnection;
use tokio::sync::mpsc;
use uuid::Uuid;

use super::matches::{Matched, match_on_snapshot};
use super::plan::Reader;
use super::{Chunks, Planner, ReadRow, Resolved, Settings};
use crate::error::{ApiError, ApiResult};
use crate::routes::imports::common::sheet_error;
use crate::routes::records::context::Ctx;

/// A row an earlier run committed, as the file has it, and the record it became.
type Remembered = (u64, Vec<String>, Uuid);

/// One chunk read ahead.
struct Batch {
    /// Rows up to the cursor of an earlier run: remembered, not planned.
    remembered: Vec<Remembered>,
    /// The rows to plan, read and validated (empty at the end of the file), and matched when
    /// the import matches ahead.
    rows: ReadChunk,
}

/// Which chunks the reading thread also matches against the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchAhead {
    /// None: the planner matches each chunk.
    Never,
    /// Every chunk (a run in `skip` or `create` mode).
    Always,
    /// Those read while the planner is still busy with the chunk before (the preview). Both
    /// sides of a preview are CPU work — validating here, matching and planning on the
    /// request's thread — and whichever had all the matching left the other core idle part
    /// of the time: the planner waited 1.6 s for rows of 100,000 when this thread matched
    /// every other chunk, this thread waited when it matched none.
    WhenBusy,
}

impl MatchAhead {
    /// Whether a chunk read now is matched here; `busy`: the planner has not yet taken the
    /// chunk before.
    fn takes(self, busy: bool) -> bool {
        match self {
            MatchAhead::Never => false,
            MatchAhead::Always => true,
            MatchAhead::WhenBusy => busy,
        }
    }
}

/// A chunk of rows read ahead.
#[derive(Default)]
pub struct ReadChunk {
    /// The rows, read and validated (none at the end of the file).
    pub rows: Vec<ReadRow>,
    /// Their matches, when taken ahead.
    pub matched: Option<Matched>,
}

impl ReadChunk {
    /// The rows a planned chunk cut off (`left`, which go first), then `next`. `next`'s
    /// matches cover its own rows only, so they are kept only when nothing was left over (only
    /// overwrite and merge cut, and they never match ahead).
    pub fn after(left: Vec<ReadRow>, next: ReadChunk) -> ReadChunk {
        if left.is_empty() {
            return next;
        }
        let mut rows = left;
        rows.extend(next.rows);
        ReadChunk {
            rows,
            matched: None,
        }
    }
}

/// The size of the first chunk read: an eighth of `chunk`, each chunk after it twice the
/// one before, up to `chunk`. The planner waits for the whole first chunk to be read and
/// validated; a small one lets the writes start after 1,250 rows of 10,000, while later
/// chunks are large enough that their statements and commits cost little per row.
fn first_size(chunk: usize) -> usize {
    (chunk / 8).max(1)
}

/// The rows of an import, read ahead.
pub struct ReadAhead {
    rx: mpsc::Receiver<ApiResult<Batch>>,
}

impl ReadAhead {
    /// Starts reading `chunks` up to a `chunk` of rows at a time (growing to it: see
    /// [`first_size`]), mapped by `opts` onto `settings`' kind for `ctx` (the thread reads
    /// copies of them); the chunks `match_ahead` takes are matched against the database too.
    pub fn start(
        db: &DatabaseConnection,
        (ctx, settings, opts): (&Ctx, &Settings, &Resolved),
        mut chunks: Chunks,
        (chunk, match_ahead): (usize, MatchAhead),
    ) -> ApiResult<ReadAhead> {
        let (db, ctx, settings, opts) = (db.clone(), ctx.clone(), settings.clone(), opts.clone());
        let (tx, rx) = mpsc::channel(1);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| ApiError::Internal(e.into()))?;
        std::thread::Builder::new()
            .name("sen-import-read".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let reader = Reader::new(&ctx, &settings, &opts);
                    let mut size = first_size(chunk);
                    loop {
                        let mut remembered = Vec::new();
                        let raw = chunks
                            .next(
                                |n, cells, record| remembered.push((n, cells.to_vec(), record)),
                                size,
                            )
                            .await
                            .map_err(sheet_error);
                        size = size.saturating_mul(2).min(chunk);
                        let last = raw.as_ref().map_or(true, Vec::is_empty);
                        let by = (&ctx, settings.kind.as_str(), opts.criteria.as_slice());
                        let read = match raw {
                            Ok(raw) => reader.read_rows(&db, raw).await,
                            Err(e) => Err(e),
                        };
                        let batch = match read {
                            // The channel holds one chunk: full, the planner is still busy.
                            Ok(rows)
                                if !rows.is_empty() && match_ahead.takes(tx.capacity() == 0) =>
                            {
                                match_on_snapshot(&db, by, &rows)
                                    .await
                                    .map(|m| (rows, Some(m)))
                            }
                            Ok(rows) => Ok((rows, None)),
                            Err(e) => Err(e),
                        }
                        .map(|(rows, matched)| Batch {
                            remembered,
                            rows: ReadChunk { rows, matched },
                        });
                        let failed = batch.is_err();
                        // A closed channel: the import stopped waiting for rows.
                        if tx.send(batch).await.is_err() || failed || last {
                            return;
                        }
                    }
                });
            })
            .map_err(|e| ApiError::Internal(e.into()))?;
        Ok(ReadAhead { rx })
    }

    /// The next chunk's rows, read and validated (none at the end of the file); the rows an
    /// earlier run committed before them are remembered by `planner` first.
    pub async fn next(&mut self, planner: &mut Planner<'_>) -> ApiResult<ReadChunk> {
        let Some(batch) = self.rx.recv().await else {
            return Ok(ReadChunk::default());
        };
        let batch = batch?;
        for (row_no, cells, record) in &batch.remembered {
            planner.remember(*row_no, cells, *record);
        }
        Ok(batch.rows)
    }
}
