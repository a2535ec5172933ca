//! One system timeline entry per changed row, written by one `INSERT … SELECT` from the log.

use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseBackend};
use uuid::Uuid;

use super::select::Bounds;
use super::sql::{built, exec, json_object, new_row_id, uuid_literal, uuid_text};
use super::{Action, BulkOp};
use crate::entity::{activity, operation_change as oc};
use crate::error::StoreResult;

/// The event name and its data (an SQL expression over the log row `oc`) of an action.
fn event_of(backend: DatabaseBackend, action: &Action, op: Uuid) -> (String, String) {
    let op_id = ("operation_id", uuid_literal(op));
    match action {
        // An owner change reads the same on the timeline however it was made.
        Action::Assign(_) => (
            "owner_changed".into(),
            json_object(
                backend,
                &[
                    ("from", uuid_text(backend, "\"oc\".\"prior_owner_id\"")),
                    ("to", uuid_text(backend, "\"oc\".\"new_owner_id\"")),
                    op_id,
                ],
            ),
        ),
        Action::SetStatus(_) => (
            "bulk_set_status".into(),
            json_object(
                backend,
                &[
                    ("from", "\"oc\".\"prior_status\"".into()),
                    ("to", "\"oc\".\"new_status\"".into()),
                    op_id,
                ],
            ),
        ),
        other => (
            format!("bulk_{}", other.name()),
            json_object(backend, &[op_id]),
        ),
    }
}

/// Timeline entries for the rows of this chunk.
pub(super) async fn record_events(
    db: &impl ConnectionTrait,
    op: &BulkOp,
    bounds: Bounds,
) -> StoreResult<u64> {
    let backend = db.get_database_backend();
    let (event, data) = event_of(backend, &op.action, op.operation_id);
    insert_events(db, op, &event, &data, Condition::all(), bounds).await
}

/// `INSERT INTO activities SELECT … FROM operation_changes oc WHERE <op> AND <only>`.
pub(super) async fn insert_events(
    db: &impl ConnectionTrait,
    op: &BulkOp,
    event: &str,
    data: &str,
    only: Condition,
    bounds: Bounds,
) -> StoreResult<u64> {
    let backend = db.get_database_backend();
    let a = Alias::new("oc");
    let rows = Query::select()
        .expr(Expr::cust(new_row_id(
            backend,
            op.operation_id,
            "\"oc\".\"record_id\"",
        )))
        .expr(Expr::col((a.clone(), oc::Column::WorkspaceId)))
        .expr(Expr::col((a.clone(), oc::Column::RecordId)))
        .expr(Expr::val("system"))
        .expr(Expr::val(event.to_owned()))
        .expr(Expr::cust(data.to_owned()))
        .expr(Expr::val(op.actor_id))
        .expr(Expr::val(op.at))
        .expr(Expr::val(op.at))
        .from_as(oc::Entity, a.clone())
        .and_where(Expr::col((a.clone(), oc::Column::WorkspaceId)).eq(op.workspace_id))
        .and_where(Expr::col((a.clone(), oc::Column::OperationId)).eq(op.operation_id))
        .cond_where(bounds.on(a, oc::Column::RecordId))
        .cond_where(only)
        .to_owned();
    let stmt = Query::insert()
        .into_table(activity::Entity)
        .columns([
            activity::Column::Id,
            activity::Column::WorkspaceId,
            activity::Column::RecordId,
            activity::Column::Kind,
            activity::Column::Event,
            activity::Column::Data,
            activity::Column::ActorId,
            activity::Column::OccurredAt,
            activity::Column::CreatedAt,
        ])
        .select_from(rows)
        .map_err(built)?
        .to_owned();
    exec(db, &stmt).await
}
