//! `POST /imports/{id}/preview`: a true dry run — every row of the range is read, validated
//! and matched exactly as the run would, and nothing is written.

use actix_web::{post, web};
use sen_api_types::error::Problem;
use sen_api_types::import::{
    ImportCounts, ImportOptions, ImportOutcome, ImportPreview, ImportRowResult,
};
use uuid::Uuid;

use super::common::{kind_of, open, own_import};
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::imports::plan::RowPlan;
use crate::imports::{Chunks, MatchAhead, Planner, ReadAhead, ReadChunk, Settings};
use crate::routes::records::context::Ctx;
use crate::state::AppState;

/// Rows listed in a preview.
const LISTED: usize = 1_000;
/// Rows planned (and matched against the database) at once.
const CHUNK: usize = 5_000;

/// What a run with these options would do.
#[utoipa::path(post, path = "/api/v1/imports/{id}/preview", tag = "imports", operation_id = "import_preview",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Import id")),
    request_body = ImportOptions,
    responses(
        (status = 200, description = "The planned outcome of every row", body = ImportPreview),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such import of yours", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid options (mapping, sheet, range, criteria…)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/imports/{id}/preview")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn import_preview(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: Json<ImportOptions>,
) -> ApiResult<web::Json<ImportPreview>> {
    let ctx = Ctx::load(&state, auth).await?;
    let m = own_import(state.db.conn(), &ctx, *id).await?;
    let settings = Settings::load(state.db.conn(), ctx.ws(), kind_of(&m)).await?;
    let opts = body.into_inner();
    let (resolved, _, rx, pending) = open(&state, &ctx, &settings, &m, &opts).await?;
    let mut planner = Planner::new(&ctx, &settings, &resolved, true);
    let db = state.db.conn();
    let mut counts = ImportCounts::default();
    let mut rows = Vec::new();
    // Rows are matched against the database a chunk at a time, as the run does; the next
    // chunk is read and validated meanwhile, on a thread of its own, which also matches it
    // when this side is the slower.
    let chunks = Chunks::new(rx, pending);
    let started = std::time::Instant::now();
    let read = (CHUNK, MatchAhead::WhenBusy);
    let mut ahead = ReadAhead::start(db, (&ctx, &settings, &resolved), chunks, read)?;
    let mut ready = ahead.next(&mut planner).await?;
    let (first, mut waited) = (started.elapsed(), std::time::Duration::ZERO);
    while !ready.rows.is_empty() {
        let (plans, left) = match ready.matched {
            Some(m) => planner.plan_matched(db, ready.rows, m.matches).await?,
            None => planner.plan_read(db, ready.rows).await?,
        };
        for p in plans {
            count(&mut counts, p.outcome);
            if rows.len() <= LISTED {
                rows.push(row_result(&p));
            }
        }
        let asked = std::time::Instant::now();
        // A dry run cuts no chunk, so nothing is left over; were it ever, it would go first.
        ready = ReadChunk::after(left, ahead.next(&mut planner).await?);
        waited += asked.elapsed();
    }
    tracing::debug!(
        rows = counts.scanned,
        first_chunk_ms = first.as_millis(),
        waited_for_rows_ms = waited.as_millis(),
        total_ms = started.elapsed().as_millis(),
        "import preview"
    );
    counts.total = counts.scanned;
    let truncated = rows.len() > LISTED;
    rows.truncate(LISTED);
    Ok(web::Json(ImportPreview {
        counts,
        rows,
        rows_truncated: truncated,
    }))
}

/// Adds an outcome to the counts.
pub fn count(c: &mut ImportCounts, o: ImportOutcome) {
    c.scanned += 1;
    match o {
        ImportOutcome::Created => c.created += 1,
        ImportOutcome::Updated => c.updated += 1,
        ImportOutcome::Merged => c.merged += 1,
        ImportOutcome::Skipped => c.skipped += 1,
        ImportOutcome::Failed => c.failed += 1,
    }
}

/// The API shape of a planned row.
pub fn row_result(p: &RowPlan) -> ImportRowResult {
    ImportRowResult {
        row: p.row_no,
        outcome: p.outcome,
        record_id: match p.outcome {
            ImportOutcome::Failed => None,
            // A created record's id exists only once the run writes it.
            ImportOutcome::Created => None,
            _ => p.record_id,
        },
        duplicate_of_row: p.duplicate_of_row,
        fields: p.fields.clone(),
        reasons: p.reasons.clone(),
        warnings: p.warnings.clone(),
    }
}
