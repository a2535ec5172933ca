//! `POST /operations/{id}/undo`: puts back what a bulk operation changed, where nobody
//! changed it since.

use actix_web::{post, web};
use sen_api_types::bulk::UndoResult;
use sen_api_types::error::{ErrorCode, Problem};
use sen_store::repo::{bulk, now, operations};
use serde_json::json;
use uuid::Uuid;

use crate::audit;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Undoes a bulk operation: the records it changed get their tags, owner, status and trash
/// state back, except those changed since (by version), which are left alone and listed.
/// Only who ran it, or an admin, may undo it; only once.
#[utoipa::path(post, path = "/api/v1/operations/{id}/undo", tag = "bulk", operation_id = "operation_undo",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The operation id of a bulk answer")),
    responses(
        (status = 200, description = "Undone", body = UndoResult),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither yours nor are you an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such operation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already undone, or still running", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/operations/{id}/undo")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn operation_undo(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<Uuid>,
) -> ApiResult<web::Json<UndoResult>> {
    let id = path.into_inner();
    let ws = auth.workspace_id;
    let tx = state.db.begin().await?;
    let op = operations::get(&tx, ws, id)
        .await?
        .ok_or_else(|| ApiError::not_found("operation"))?;
    if op.created_by != auth.id && !auth.is_admin() {
        return Err(ApiError::forbidden(
            "only who ran the operation, or an admin, may undo it",
        ));
    }
    if op.finished_at.is_none() {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "the operation is still running; undo it when its job is done",
        ));
    }
    let at = now();
    if !operations::mark_undone(&tx, ws, id, auth.id, at).await? {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "the operation was already undone",
        ));
    }
    let outcome = bulk::undo(&tx, ws, id, &op.action, auth.id, at).await?;
    let result = UndoResult {
        operation_id: id,
        restored: outcome.restored,
        skipped_changed_since: outcome.skipped,
        skipped_changed_since_count: outcome.skipped_count,
    };
    let after = json!({"result": result});
    audit::record(&tx, &auth, "operation", "undo", id, None, Some(&after)).await?;
    sen_store::commit(tx).await?;
    Ok(web::Json(result))
}
