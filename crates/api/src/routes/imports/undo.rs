//! `POST /imports/{id}/undo`: removes the records the import created and writes back the
//! prior state of those it overwrote or merged into — except records changed since, which
//! are left as they are and reported.

use std::collections::{HashMap, HashSet};

use actix_web::{post, web};
use sen_api_types::error::Problem;
use sen_api_types::import::{Import, ImportUndoReport};
use sen_store::repo::{imports, now};
use uuid::Uuid;

use super::common::{own_import, present_import, require_state};
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::routes::records::context::Ctx;
use crate::state::AppState;

/// Undoes a finished import (or what a failed one wrote).
#[utoipa::path(post, path = "/api/v1/imports/{id}/undo", tag = "imports", operation_id = "import_undo",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Import id")),
    responses(
        (status = 200, description = "Undone; `undo` tells what was removed, restored or left", body = Import),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such import of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not finished, or already undone", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/imports/{id}/undo")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn import_undo(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<Import>> {
    let ctx = Ctx::load(&state, auth).await?;
    let m = own_import(state.db.conn(), &ctx, *id).await?;
    require_state(&m, &[imports::DONE, imports::FAILED], "be undone")?;
    let ws = ctx.ws();
    let at = now();
    let tx = state.db.begin().await?;
    let rows = imports::rows_with_records(&tx, ws, m.id).await?;
    let mut report = ImportUndoReport::default();
    // A record changed by several rows goes back to its state before the first of them (or
    // away, when the import created it), provided it is still as the last of them left it.
    let mut order: Vec<Uuid> = Vec::new();
    let mut created: HashSet<Uuid> = HashSet::new();
    let mut first_prior: HashMap<Uuid, &serde_json::Value> = HashMap::new();
    let mut last_version: HashMap<Uuid, i64> = HashMap::new();
    for r in &rows {
        let Some(record) = r.record_id else { continue };
        if !last_version.contains_key(&record) {
            order.push(record);
        }
        if r.outcome == "created" {
            created.insert(record);
            last_version.entry(record).or_insert(1);
            continue;
        }
        let (Some(prior), Some(version)) = (&r.prior, r.version_after) else {
            continue;
        };
        first_prior.entry(record).or_insert(prior);
        let last = last_version.entry(record).or_insert(version);
        *last = (*last).max(version);
    }
    let mut remove = Vec::new();
    for record in order {
        let version = last_version.get(&record).copied().unwrap_or(1);
        if created.contains(&record) {
            remove.push((record, version));
        } else if let Some(prior) = first_prior.get(&record) {
            if imports::restore(&tx, ws, record, prior, version, at).await? {
                report.restored += 1;
            } else {
                report.changed_since.push(record);
            }
        }
    }
    let unchanged = imports::unchanged_since_import(&tx, ws, &remove).await?;
    for (id, _) in &remove {
        if !unchanged.contains(id) {
            report.changed_since.push(*id);
        }
    }
    // The rows the removed records told (created, nothing to report) are written out first,
    // so that the import's rows still list them.
    imports::keep_created_rows(&tx, ws, m.id).await?;
    report.removed = imports::delete_records(&tx, ws, &unchanged).await?;
    let value = serde_json::to_value(&report).map_err(|e| ApiError::Internal(e.into()))?;
    if !imports::set_undone(&tx, ws, m.id, value, at).await? {
        sen_store::rollback(tx).await?;
        return Err(ApiError::new(
            sen_api_types::error::ErrorCode::Conflict,
            "the import was undone meanwhile",
        ));
    }
    crate::audit::record(
        &tx,
        &ctx.auth,
        "import",
        "undo",
        m.id,
        None::<&ImportUndoReport>,
        Some(&report),
    )
    .await?;
    sen_store::commit(tx).await?;
    let after = own_import(state.db.conn(), &ctx, m.id).await?;
    Ok(web::Json(present_import(&after)))
}
