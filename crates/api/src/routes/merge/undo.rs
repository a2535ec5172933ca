//! `POST /merges/{id}/undo`: the master and slaves back exactly as they were, with their
//! children and every reference the merge moved — unless the master changed since.

use actix_web::{post, web};
use sen_api_types::error::{ErrorCode, Problem};
use sen_api_types::merge::MergeUndone;
use sen_store::repo::merges::{self, Snapshot};
use sen_store::repo::{now, records};
use serde_json::json;
use uuid::Uuid;

use crate::audit;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::routes::records::context::Ctx;
use crate::routes::records::read::{present_one, visible_or_404};
use crate::state::AppState;

/// Undoes a merge.
#[utoipa::path(post, path = "/api/v1/merges/{id}/undo", tag = "duplicates", operation_id = "merge_undo",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The merge id a merge answered")),
    responses(
        (status = 200, description = "Master and slaves restored", body = MergeUndone),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only who merged, or an admin, may undo", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such merge visible to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already undone, or the master changed since", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/merges/{id}/undo")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn merge_undo(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<Uuid>,
) -> ApiResult<web::Json<MergeUndone>> {
    let id = path.into_inner();
    let ctx = Ctx::load(&state, auth).await?;
    let ws = ctx.ws();
    let tx = state.db.begin().await?;
    let merge = merges::get(&tx, ws, id)
        .await?
        .ok_or_else(|| ApiError::not_found("merge"))?;
    let master = visible_or_404(&tx, &ctx, &merge.kind, merge.master_id)
        .await
        .map_err(|_| ApiError::not_found("merge"))?;
    if merge.created_by != ctx.auth.id && !ctx.auth.is_admin() {
        return Err(ApiError::forbidden(
            "only who merged, or an admin, may undo a merge",
        ));
    }
    if merge.undone_at.is_some() {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "this merge was already undone",
        ));
    }
    if master.version != merge.version_after {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            format!(
                "the master changed since the merge (version {} → {}); undoing would lose those changes",
                merge.version_after, master.version
            ),
        ));
    }
    let snapshot: Snapshot = serde_json::from_value(merge.snapshot.clone())
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e)))?;
    let slave_ids: Vec<Uuid> = serde_json::from_value(merge.slave_ids.clone())
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e)))?;
    for slave in &slave_ids {
        let now_row = records::get_any(&tx, ws, *slave).await?;
        let was = snapshot.records.iter().find(|r| r.id == *slave);
        let untouched = match (now_row, was) {
            (Some(n), Some(w)) => {
                n.merged_into == Some(merge.master_id) && n.version == w.version + 1
            }
            _ => false,
        };
        if !untouched {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!("record {slave} changed since the merge; it cannot be restored exactly"),
            ));
        }
    }
    let at = now();
    if !merges::mark_undone(&tx, ws, id, ctx.auth.id, at).await? {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "this merge was already undone",
        ));
    }
    merges::restore(&tx, ws, &snapshot).await?;
    let restored = records::get_any(&tx, ws, merge.master_id)
        .await?
        .ok_or_else(|| ApiError::not_found("record"))?;
    let record = present_one(&tx, ws, &restored).await?;
    let after = json!({"merge_id": id, "restored_ids": slave_ids});
    audit::record(
        &tx,
        &ctx.auth,
        "record",
        "merge_undo",
        merge.master_id,
        None,
        Some(&after),
    )
    .await?;
    sen_store::commit(tx).await?;
    Ok(web::Json(MergeUndone {
        merge_id: id,
        record,
        restored_ids: slave_ids,
    }))
}
