//! Undoing a bulk operation, set-based: the rows still at the version the operation left
//! them at get their logged prior state back (owner, status, trash, tags); rows someone
//! changed since are left alone and reported.

use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Query};
use uuid::Uuid;

use super::apply::{add_pairs, logged_value, remove_pairs_where};
use super::select::Bounds;
use super::sql::{exec, json_object, uuid_literal};
use super::tag_copy;
use super::timeline::insert_events;
use super::{Action, BulkOp};
use crate::entity::{operation_change as oc, operation_tag as ot, record, tag};
use crate::error::StoreResult;
use crate::repo::scalar;

/// At most this many skipped ids are listed (all are counted).
pub const SKIPPED_LISTED: u64 = 1_000;

/// What an undo did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UndoOutcome {
    /// Rows given their prior state back.
    pub restored: u64,
    /// Rows changed since the operation, left alone (the first [`SKIPPED_LISTED`], by id).
    pub skipped: Vec<Uuid>,
    /// How many rows were left alone.
    pub skipped_count: u64,
}

/// Undoes operation `op_id` (of `action`, e.g. `add_tags`) in the caller's transaction.
pub async fn undo(
    db: &impl ConnectionTrait,
    ws: Uuid,
    op_id: Uuid,
    action: &str,
    actor: Uuid,
    at: chrono::DateTime<chrono::Utc>,
) -> StoreResult<UndoOutcome> {
    let of_op = || {
        Condition::all()
            .add(Expr::col((oc::Entity, oc::Column::WorkspaceId)).eq(ws))
            .add(Expr::col((oc::Entity, oc::Column::OperationId)).eq(op_id))
    };
    let untouched = Query::select()
        .expr(Expr::val(1))
        .from(record::Entity)
        .and_where(Expr::col((record::Entity, record::Column::WorkspaceId)).eq(ws))
        .and_where(
            Expr::col((record::Entity, record::Column::Id))
                .equals((oc::Entity, oc::Column::RecordId)),
        )
        .and_where(
            Expr::col((record::Entity, record::Column::Version))
                .equals((oc::Entity, oc::Column::VersionAfter)),
        )
        .to_owned();
    let mark = Query::update()
        .table(oc::Entity)
        .value(oc::Column::Restored, Expr::val(true))
        .cond_where(of_op())
        .and_where(Expr::exists(untouched))
        .to_owned();
    let restored = exec(db, &mark).await?;

    let restored_ids = Query::select()
        .column((oc::Entity, oc::Column::RecordId))
        .from(oc::Entity)
        .cond_where(of_op())
        .and_where(Expr::col((oc::Entity, oc::Column::Restored)).eq(true))
        .to_owned();
    if restored > 0 {
        restore_tags(db, ws, op_id, action, restored_ids.clone()).await?;
        let prior = |col| scalar(logged_value(ws, op_id, col));
        let stmt = Query::update()
            .table(record::Entity)
            .value(record::Column::OwnerId, prior(oc::Column::PriorOwnerId))
            .value(record::Column::Status, prior(oc::Column::PriorStatus))
            .value(record::Column::DeletedAt, prior(oc::Column::PriorDeletedAt))
            .value(record::Column::DeletedBy, prior(oc::Column::PriorDeletedBy))
            .value(
                record::Column::Version,
                Expr::col(record::Column::Version).add(1),
            )
            .value(record::Column::UpdatedAt, Expr::val(at))
            .and_where(Expr::col((record::Entity, record::Column::WorkspaceId)).eq(ws))
            .and_where(
                Expr::col((record::Entity, record::Column::Id)).in_subquery(restored_ids.clone()),
            )
            .to_owned();
        exec(db, &stmt).await?;
        if action == "remove_tags" {
            // The tags put back, now that their records are locked (see `resync_copies`).
            let of_restored = Condition::all()
                .add(Expr::col((ot::Entity, ot::Column::RecordId)).in_subquery(restored_ids));
            tag_copy::resync_copies(db, ws, op_id, of_restored).await?;
        }
        let op = BulkOp {
            workspace_id: ws,
            operation_id: op_id,
            actor_id: actor,
            action: Action::Delete,
            at,
        };
        let data = json_object(
            db.get_database_backend(),
            &[("operation_id", uuid_literal(op_id))],
        );
        let only = Condition::all()
            .add(Expr::col((sea_orm::sea_query::Alias::new("oc"), oc::Column::Restored)).eq(true));
        insert_events(db, &op, "bulk_undo", &data, only, Bounds::default()).await?;
    }

    let skipped_q = Query::select()
        .column((oc::Entity, oc::Column::RecordId))
        .from(oc::Entity)
        .cond_where(of_op())
        .and_where(Expr::col((oc::Entity, oc::Column::Restored)).eq(false))
        .to_owned();
    let skipped_count = super::select::count(db, skipped_q.clone()).await?;
    let mut listed = skipped_q;
    listed
        .order_by((oc::Entity, oc::Column::RecordId), sea_orm::Order::Asc)
        .limit(SKIPPED_LISTED);
    let mut skipped = Vec::new();
    for row in db.query_all(&listed).await? {
        skipped.push(row.try_get_by_index::<Uuid>(0)?);
    }
    Ok(UndoOutcome {
        restored,
        skipped,
        skipped_count,
    })
}

/// Takes back the tags an `add_tags` added, or puts back those a `remove_tags` removed
/// (tags deleted since stay deleted), for the restored rows.
async fn restore_tags(
    db: &impl ConnectionTrait,
    ws: Uuid,
    op_id: Uuid,
    action: &str,
    restored_ids: sea_orm::sea_query::SelectStatement,
) -> StoreResult<()> {
    let of_restored = Condition::all()
        .add(Expr::col((ot::Entity, ot::Column::RecordId)).in_subquery(restored_ids));
    match action {
        "add_tags" => remove_pairs_where(db, ws, op_id, of_restored).await,
        "remove_tags" => {
            let live_tags = Query::select()
                .column(tag::Column::Id)
                .from(tag::Entity)
                .and_where(Expr::col((tag::Entity, tag::Column::WorkspaceId)).eq(ws))
                .to_owned();
            let of_live_tags =
                of_restored.add(Expr::col((ot::Entity, ot::Column::TagId)).in_subquery(live_tags));
            let pairs = tag_copy::with_copy(tag_copy::logged_pairs(ws, op_id, of_live_tags));
            add_pairs(db, pairs).await
        }
        _ => Ok(()),
    }
}
