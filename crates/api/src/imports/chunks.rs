//! The rows of an uploaded file a chunk at a time, as the sheet reader streams them — for the
//! preview and for the run, which resumes after the rows an earlier run committed.

use std::collections::HashMap;

use tokio::sync::mpsc::Receiver;
use uuid::Uuid;

use crate::sheets::{RowBatch, SheetError};

/// The file's rows still to plan.
pub struct Chunks {
    rx: Receiver<Result<RowBatch, SheetError>>,
    pending: RowBatch,
    finished: bool,
    /// Rows up to this one were committed by an earlier run.
    cursor: u64,
    /// What those rows became.
    done: HashMap<u64, Uuid>,
}

impl Chunks {
    /// The rows the reader sends on `rx`, after those it already sent (`pending`).
    pub fn new(rx: Receiver<Result<RowBatch, SheetError>>, pending: RowBatch) -> Chunks {
        Chunks {
            rx,
            pending,
            finished: false,
            cursor: 0,
            done: HashMap::new(),
        }
    }

    /// Rows up to `cursor` were committed by an earlier run, as `done` says: they are only
    /// remembered, not planned again.
    pub fn resuming(mut self, cursor: u64, done: HashMap<u64, Uuid>) -> Chunks {
        self.cursor = cursor;
        self.done = done;
        self
    }

    /// Up to `chunk` rows after the cursor (empty at the end of the file); each row up to
    /// the cursor that an earlier run turned into a record goes to `remember`.
    pub async fn next(
        &mut self,
        mut remember: impl FnMut(u64, &[String], Uuid),
        chunk: usize,
    ) -> Result<RowBatch, SheetError> {
        let mut buf: RowBatch = Vec::new();
        while buf.len() < chunk && !self.finished {
            if self.pending.is_empty() {
                match self.rx.recv().await {
                    Some(batch) => self.pending = batch?,
                    None => self.finished = true,
                }
                continue;
            }
            let take = (chunk - buf.len()).min(self.pending.len());
            for (row_no, cells) in self.pending.drain(..take) {
                if row_no <= self.cursor {
                    if let Some(record) = self.done.get(&row_no) {
                        remember(row_no, &cells, *record);
                    }
                } else {
                    buf.push((row_no, cells));
                }
            }
        }
        Ok(buf)
    }
}
