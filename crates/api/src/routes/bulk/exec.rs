//! Running a plan: counting the selection, and applying the action to it — all at once in
//! the request's transaction, or chunk by chunk in a background job.

use sen_api_types::bulk::BulkResult;
use sen_store::ConnectionTrait;
use sen_store::SelectStatement;
use sen_store::repo::bulk::{self, Bounds, BulkOp};
use sen_store::repo::records::Filter;
use sen_store::repo::{now, operations};
use serde_json::json;

use super::plan::{Plan, Selection};
use crate::audit;
use crate::error::ApiResult;
use crate::routes::records::context::Ctx;
use crate::routes::records::filter::to_store_filter;

/// How big a selection is.
#[derive(Debug, Clone, Copy)]
pub struct Counted {
    /// Selected records that exist (visible or not).
    pub matched: u64,
    /// Those the caller may not see.
    pub skipped_forbidden: u64,
}

/// The store filter of a selection.
pub async fn store_filter(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    selection: &Selection,
) -> ApiResult<Filter> {
    Ok(match selection {
        Selection::Ids(ids) => Filter {
            ids: Some(ids.clone()),
            nothing: ids.is_empty(),
            ..Filter::default()
        },
        Selection::Filter(f) => to_store_filter(db, ctx, f).await?,
    })
}

/// Counts the selection: ids that exist in the workspace and how many of them are hidden
/// from the caller; for a filter, the visible matches.
pub async fn count(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    plan: &Plan,
    filter: &Filter,
) -> ApiResult<Counted> {
    let kind = plan.kind.as_str();
    let visible = bulk::count(
        db,
        bulk::candidates(
            db.get_database_backend(),
            &ctx.viewer,
            kind,
            filter,
            Bounds::default(),
        ),
    )
    .await?;
    Ok(match &plan.selection {
        Selection::Ids(ids) => {
            let existing = bulk::count_existing(db, ctx.ws(), kind, ids).await?;
            Counted {
                matched: existing,
                skipped_forbidden: existing.saturating_sub(visible),
            }
        }
        Selection::Filter(_) => Counted {
            matched: visible,
            skipped_forbidden: 0,
        },
    })
}

/// The store's view of the operation.
pub fn bulk_op(ctx: &Ctx, plan: &Plan) -> BulkOp {
    BulkOp {
        workspace_id: ctx.ws(),
        operation_id: plan.operation_id,
        actor_id: plan.actor_id,
        action: plan.action.to_store(),
        at: now(),
    }
}

/// Applies the plan to `candidates` (an id select: the whole selection, or one chunk of it
/// whose ids lie within `bounds`); how many records changed.
pub async fn apply_chunk(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    plan: &Plan,
    candidates: SelectStatement,
    bounds: Bounds,
) -> ApiResult<u64> {
    let op = bulk_op(ctx, plan);
    let changed = bulk::apply(db, &op, candidates, bounds).await?;
    operations::add_counts(db, ctx.ws(), plan.operation_id, changed, 0).await?;
    Ok(changed)
}

/// Closes the operation: finished (undoable from now on), one audit entry for all of it.
pub async fn finish(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    plan: &Plan,
    result: &BulkResult,
) -> ApiResult<()> {
    operations::finish(db, ctx.ws(), plan.operation_id, result.matched, now()).await?;
    let after = json!({"kind": plan.kind, "selection": plan.selection, "params": plan.action,
                       "result": result});
    let action = format!("bulk_{}", plan.action.to_store().name());
    audit::record(
        db,
        &ctx.auth,
        "operation",
        &action,
        plan.operation_id,
        None,
        Some(&after),
    )
    .await
}

/// Runs the whole plan in the caller's transaction.
pub async fn run_now(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    plan: &Plan,
    filter: &Filter,
    counted: Counted,
) -> ApiResult<BulkResult> {
    let all = Bounds::default();
    let candidates = bulk::candidates(
        db.get_database_backend(),
        &ctx.viewer,
        plan.kind.as_str(),
        filter,
        all,
    );
    let changed = apply_chunk(db, ctx, plan, candidates, all).await?;
    let result = BulkResult {
        operation_id: plan.operation_id,
        matched: counted.matched,
        changed,
        skipped_forbidden: counted.skipped_forbidden,
        failed: 0,
    };
    finish(db, ctx, plan, &result).await?;
    Ok(result)
}
