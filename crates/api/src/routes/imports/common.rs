//! What the import handlers share: loading the caller's own import (anyone else's is a
//! 404), its settings, and opening its file's rows with the options checked.

use std::path::PathBuf;

use sen_api_types::error::ErrorCode;
use sen_api_types::import::{Import, ImportCounts, ImportOptions, ImportUndoReport};
use sen_domain::kind::RecordKind;
use sen_store::ConnectionTrait;
use sen_store::entity::import::Model;
use sen_store::repo::imports;
use tokio::sync::mpsc::Receiver;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::imports::options::resolve;
use crate::imports::{Resolved, Settings, store_file};
use crate::routes::records::context::Ctx;
use crate::sheets::{Format, RowBatch, SheetError, stream_rows};
use crate::state::AppState;

/// The import `id` if the caller made it; otherwise 404.
pub async fn own_import(db: &impl ConnectionTrait, ctx: &Ctx, id: Uuid) -> ApiResult<Model> {
    match imports::get(db, ctx.ws(), id).await? {
        Some(m) if m.created_by == ctx.auth.id => Ok(m),
        _ => Err(ApiError::not_found("import")),
    }
}

/// The stored file of an import.
pub fn file_of(state: &AppState, m: &Model) -> PathBuf {
    store_file::path(&state.config.data_dir, m.id, &m.format)
}

/// The import's kind.
pub fn kind_of(m: &Model) -> RecordKind {
    RecordKind::parse(&m.kind).unwrap_or(RecordKind::Lead)
}

/// A sheet error as the client's fault (422 naming the field) or ours.
pub fn sheet_error(err: SheetError) -> ApiError {
    match err {
        SheetError::UnknownSheet(name) => ApiError::field(
            "sheet",
            "unknown_sheet",
            format!("the workbook has no sheet {name:?}"),
        ),
        SheetError::Io(e) => ApiError::Internal(anyhow::Error::new(e)),
        other => ApiError::field("file", "unreadable", other.to_string()),
    }
}

/// The rows of an import's file with `opts` checked against its header row: the resolved
/// options, the headers, and the data rows still to come.
pub async fn open(
    state: &AppState,
    ctx: &Ctx,
    settings: &Settings,
    m: &Model,
    opts: &ImportOptions,
) -> ApiResult<(
    Resolved,
    Vec<String>,
    Receiver<Result<RowBatch, SheetError>>,
    RowBatch,
)> {
    let format = Format::parse(&m.format)
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("import format {}", m.format)))?;
    let from = opts.row_from.unwrap_or(2).max(2);
    let mut rx = stream_rows(
        file_of(state, m),
        format,
        opts.sheet.clone(),
        from,
        opts.row_to,
    );
    let mut headers = Vec::new();
    let mut pending = Vec::new();
    if let Some(first) = rx.recv().await {
        let first = first.map_err(sheet_error)?;
        match first.first() {
            Some((1, cells)) => headers = cells.iter().map(|c| c.trim().to_owned()).collect(),
            _ => pending = first,
        }
    }
    let resolved = resolve(state.db.conn(), ctx, settings, &headers, opts).await?;
    Ok((resolved, headers, rx, pending))
}

/// The API shape of an import.
pub fn present_import(m: &Model) -> Import {
    let counts: ImportCounts = serde_json::from_value(m.counts.clone()).unwrap_or_default();
    let progress = match m.state.as_str() {
        imports::DONE | imports::UNDONE => 1.0,
        _ if counts.total == 0 => 0.0,
        _ => (counts.scanned as f64 / counts.total as f64).min(1.0),
    };
    Import {
        id: m.id,
        kind: kind_of(m),
        state: m.state.clone(),
        file_name: m.file_name.clone(),
        format: m.format.clone(),
        sheet: m.sheet.clone(),
        progress,
        counts,
        job_id: m.job_id,
        undo: m
            .result
            .clone()
            .and_then(|r| serde_json::from_value::<ImportUndoReport>(r).ok()),
        created_at: m.created_at,
        finished_at: m.finished_at,
    }
}

/// 409 unless the import is in one of `states`.
pub fn require_state(m: &Model, states: &[&str], doing: &str) -> ApiResult<()> {
    if states.contains(&m.state.as_str()) {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorCode::Conflict,
            format!("the import is {}; it cannot {doing} now", m.state),
        ))
    }
}
