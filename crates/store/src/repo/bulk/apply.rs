//! Applying a bulk action to one chunk of the selection, in the caller's transaction:
//! 1. log the rows that will change, with their prior state (`INSERT … SELECT`),
//! 2. for team assignments, pick each row's member (`assign`),
//! 3. change tags, then the records themselves (`UPDATE … WHERE id IN (the log)`),
//! 4. one timeline entry per changed row (`INSERT … SELECT`).
//!
//! On PostgreSQL, tags are added and logged in step 1 by one statement (`WITH added AS
//! (INSERT … ON CONFLICT DO NOTHING RETURNING …) INSERT INTO operation_tags …`): an anti-join
//! against `record_tags` would be planned on statistics that predate the operation, and a tag
//! that earlier chunks gave to thousands of rows looks empty to the planner (a nested loop over
//! every earlier pair, seconds per chunk).
//!
//! The selection is read once, in step 1: everything after works from the log, so a filter
//! the action itself affects (remove the tag you filtered by) cannot shift the rows.

use sea_orm::sea_query::{
    Alias, Condition, Expr, ExprTrait, InsertStatement, JoinType, OnConflict, Query,
    SelectStatement,
};
use sea_orm::{ConnectionTrait, DatabaseBackend};
use uuid::Uuid;

use super::select::Bounds;
use super::sql::{built, exec, uuid_literal};
use super::{Action, Assignee, BulkOp, assign, tag_copy, timeline};
use crate::entity::{operation_change as oc, operation_tag as ot, record, record_tag, tag};
use crate::error::StoreResult;
use crate::repo::scalar;

/// Applies `op` to the `candidates` (an id select, already cut to `bounds`); returns how
/// many records changed.
pub async fn apply(
    db: &impl ConnectionTrait,
    op: &BulkOp,
    candidates: SelectStatement,
    bounds: Bounds,
) -> StoreResult<u64> {
    let added_up_front = adds_while_logging(db, op);
    match &op.action {
        Action::AddTags(tags) | Action::RemoveTags(tags) => {
            if tags.is_empty() {
                return Ok(0);
            }
            if added_up_front {
                add_and_log_pairs(db, op, candidates.clone(), tags).await?;
            } else {
                log_tag_pairs(db, op, candidates.clone(), tags).await?;
            }
        }
        _ => {}
    }
    let logged = log_changes(db, op, candidates, bounds).await?;
    if logged == 0 {
        return Ok(0);
    }
    if let Action::Assign(who) = &op.action
        && !matches!(who, Assignee::User(_))
    {
        assign::pick_members(db, op, who, bounds, logged).await?;
    }
    if !added_up_front {
        change_tags(db, op, bounds).await?;
    }
    update_records(db, op, bounds).await?;
    if added_up_front {
        tag_copy::resync_copies(
            db,
            op.workspace_id,
            op.operation_id,
            bounds.on(ot::Entity, ot::Column::RecordId),
        )
        .await?;
    }
    timeline::record_events(db, op, bounds).await?;
    // Every logged row changes: the log holds exactly this chunk's changing rows.
    Ok(logged)
}

/// Whether step 1 adds the tags as it logs them (`add_tags` on PostgreSQL).
fn adds_while_logging(db: &impl ConnectionTrait, op: &BulkOp) -> bool {
    matches!(op.action, Action::AddTags(_))
        && db.get_database_backend() == DatabaseBackend::Postgres
}

/// Every `(candidate, tag)` pair: `(workspace_id, record_id, tag_id)` rows of records `r`.
fn candidate_pairs(ws: Uuid, candidates: SelectStatement, tags: &[Uuid]) -> SelectStatement {
    let (r, t) = (Alias::new("r"), Alias::new("t"));
    Query::select()
        .expr(Expr::col((r.clone(), record::Column::WorkspaceId)))
        .expr(Expr::col((r.clone(), record::Column::Id)))
        .expr(Expr::col((t.clone(), tag::Column::Id)))
        .from_as(record::Entity, r.clone())
        .join_as(
            JoinType::InnerJoin,
            tag::Entity,
            t.clone(),
            Expr::col((t.clone(), tag::Column::WorkspaceId))
                .equals((r.clone(), record::Column::WorkspaceId))
                .and(Expr::col((t, tag::Column::Id)).is_in(tags.iter().copied())),
        )
        .and_where(Expr::col((r.clone(), record::Column::WorkspaceId)).eq(ws))
        .and_where(Expr::col((r, record::Column::Id)).in_subquery(candidates))
        .to_owned()
}

/// PostgreSQL: adds the absent `(record, tag)` pairs and logs exactly those, in one statement.
async fn add_and_log_pairs(
    db: &impl ConnectionTrait,
    op: &BulkOp,
    candidates: SelectStatement,
    tags: &[Uuid],
) -> StoreResult<u64> {
    let mut pairs = candidate_pairs(op.workspace_id, candidates, tags);
    tag_copy::copy_of(&mut pairs, "r");
    let mut insert = add_pairs_statement(pairs)?;
    insert.returning(
        Query::returning().columns([record_tag::Column::RecordId, record_tag::Column::TagId]),
    );
    let mut stmt = db.get_database_backend().build(&insert);
    stmt.sql = format!(
        "WITH added AS ({}) INSERT INTO operation_tags (workspace_id, operation_id, record_id, \
         tag_id) SELECT {}::uuid, {}::uuid, record_id, tag_id FROM added",
        stmt.sql,
        uuid_literal(op.workspace_id),
        uuid_literal(op.operation_id)
    );
    Ok(db.execute_raw(stmt).await?.rows_affected())
}

/// `(record, tag)` pairs the action adds (absent ones) or removes (present ones).
async fn log_tag_pairs(
    db: &impl ConnectionTrait,
    op: &BulkOp,
    candidates: SelectStatement,
    tags: &[Uuid],
) -> StoreResult<u64> {
    let ws = op.workspace_id;
    let (r, t) = (Alias::new("r"), Alias::new("t"));
    let has_tag = Query::select()
        .expr(Expr::val(1))
        .from(record_tag::Entity)
        .and_where(Expr::col((record_tag::Entity, record_tag::Column::WorkspaceId)).eq(ws))
        .and_where(
            Expr::col((record_tag::Entity, record_tag::Column::RecordId))
                .equals((r, record::Column::Id)),
        )
        .and_where(
            Expr::col((record_tag::Entity, record_tag::Column::TagId)).equals((t, tag::Column::Id)),
        )
        .to_owned();
    let presence = if matches!(op.action, Action::AddTags(_)) {
        Expr::not_exists(has_tag)
    } else {
        Expr::exists(has_tag)
    };
    let mut pairs = candidate_pairs(ws, candidates, tags);
    pairs.expr(Expr::val(op.operation_id)).and_where(presence);
    let stmt = Query::insert()
        .into_table(ot::Entity)
        .columns([
            ot::Column::WorkspaceId,
            ot::Column::RecordId,
            ot::Column::TagId,
            ot::Column::OperationId,
        ])
        .select_from(pairs)
        .map_err(built)?
        .to_owned();
    exec(db, &stmt).await
}

/// The log of this chunk's changing rows, with their prior state and the version the
/// operation leaves them at; `seq` numbers them in id order from 0.
async fn log_changes(
    db: &impl ConnectionTrait,
    op: &BulkOp,
    candidates: SelectStatement,
    bounds: Bounds,
) -> StoreResult<u64> {
    let ws = op.workspace_id;
    let r = Alias::new("r");
    let col = |c: record::Column| Expr::col((r.clone(), c));
    let (new_owner, new_status) = match &op.action {
        Action::Assign(Assignee::User(u)) => (Expr::val(Some(*u)), Expr::val(None::<String>)),
        Action::SetStatus(s) => (Expr::val(None::<Uuid>), Expr::val(Some(s.clone()))),
        _ => (Expr::val(None::<Uuid>), Expr::val(None::<String>)),
    };
    let mut rows = Query::select();
    rows.expr(Expr::val(ws))
        .expr(Expr::val(op.operation_id))
        .expr(col(record::Column::Id))
        .expr(Expr::cust("ROW_NUMBER() OVER (ORDER BY \"r\".\"id\") - 1"))
        .expr(col(record::Column::OwnerId))
        .expr(new_owner)
        .expr(col(record::Column::Status))
        .expr(new_status)
        .expr(col(record::Column::DeletedAt))
        .expr(col(record::Column::DeletedBy))
        .expr(col(record::Column::Version).add(1))
        .from_as(record::Entity, r.clone())
        .and_where(col(record::Column::WorkspaceId).eq(ws));
    match &op.action {
        Action::AddTags(_) | Action::RemoveTags(_) => {
            // The rows with a logged tag pair: the pairs were drawn from the candidates.
            let tagged = Query::select()
                .column(ot::Column::RecordId)
                .from(ot::Entity)
                .and_where(Expr::col(ot::Column::WorkspaceId).eq(ws))
                .and_where(Expr::col(ot::Column::OperationId).eq(op.operation_id))
                .cond_where(bounds.on(ot::Entity, ot::Column::RecordId))
                .to_owned();
            rows.and_where(col(record::Column::Id).in_subquery(tagged));
        }
        Action::Assign(Assignee::User(u)) => {
            rows.and_where(col(record::Column::Id).in_subquery(candidates))
                .and_where(col(record::Column::OwnerId).ne(*u));
        }
        Action::SetStatus(s) => {
            rows.and_where(col(record::Column::Id).in_subquery(candidates))
                .and_where(col(record::Column::Status).ne(s.clone()));
        }
        Action::Assign(_) | Action::Delete => {
            rows.and_where(col(record::Column::Id).in_subquery(candidates));
        }
    }
    let stmt = Query::insert()
        .into_table(oc::Entity)
        .columns([
            oc::Column::WorkspaceId,
            oc::Column::OperationId,
            oc::Column::RecordId,
            oc::Column::Seq,
            oc::Column::PriorOwnerId,
            oc::Column::NewOwnerId,
            oc::Column::PriorStatus,
            oc::Column::NewStatus,
            oc::Column::PriorDeletedAt,
            oc::Column::PriorDeletedBy,
            oc::Column::VersionAfter,
        ])
        .select_from(rows)
        .map_err(built)?
        .to_owned();
    exec(db, &stmt).await
}

/// The logged rows of this operation within `bounds`.
pub(super) fn logged_ids(op_ws: Uuid, op_id: Uuid, bounds: Bounds) -> SelectStatement {
    Query::select()
        .column(oc::Column::RecordId)
        .from(oc::Entity)
        .and_where(Expr::col(oc::Column::WorkspaceId).eq(op_ws))
        .and_where(Expr::col(oc::Column::OperationId).eq(op_id))
        .cond_where(bounds.on(oc::Entity, oc::Column::RecordId))
        .to_owned()
}

/// Adds or removes the logged tag pairs.
async fn change_tags(db: &impl ConnectionTrait, op: &BulkOp, bounds: Bounds) -> StoreResult<()> {
    let ws = op.workspace_id;
    let of_chunk = bounds.on(ot::Entity, ot::Column::RecordId);
    let pairs = tag_copy::with_copy(tag_copy::logged_pairs(ws, op.operation_id, of_chunk));
    match op.action {
        Action::AddTags(_) => add_pairs(db, pairs).await,
        Action::RemoveTags(_) => remove_pairs(db, ws, op.operation_id, bounds).await,
        _ => Ok(()),
    }
}

/// Inserts `(workspace_id, record_id, tag_id, <the record's copy>)` rows into `record_tags`
/// (see `tag_copy`), skipping present ones.
pub(super) async fn add_pairs(
    db: &impl ConnectionTrait,
    pairs: SelectStatement,
) -> StoreResult<()> {
    exec(db, &add_pairs_statement(pairs)?).await?;
    Ok(())
}

/// `INSERT INTO record_tags … SELECT <pairs> ON CONFLICT DO NOTHING`.
fn add_pairs_statement(pairs: SelectStatement) -> StoreResult<InsertStatement> {
    Ok(Query::insert()
        .into_table(record_tag::Entity)
        .columns(tag_copy::with_pair([
            record_tag::Column::WorkspaceId,
            record_tag::Column::RecordId,
            record_tag::Column::TagId,
        ]))
        .select_from(pairs)
        .map_err(built)?
        .on_conflict(
            OnConflict::columns([
                record_tag::Column::WorkspaceId,
                record_tag::Column::RecordId,
                record_tag::Column::TagId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .to_owned())
}

/// Deletes from `record_tags` the pairs the operation logged for its rows within `bounds`
/// (`restored_only`: only the rows an undo restores).
pub(super) async fn remove_pairs_where(
    db: &impl ConnectionTrait,
    ws: Uuid,
    op_id: Uuid,
    extra: Condition,
) -> StoreResult<()> {
    let logged = Query::select()
        .expr(Expr::val(1))
        .from(ot::Entity)
        .and_where(Expr::col((ot::Entity, ot::Column::WorkspaceId)).eq(ws))
        .and_where(Expr::col((ot::Entity, ot::Column::OperationId)).eq(op_id))
        .and_where(
            Expr::col((ot::Entity, ot::Column::RecordId))
                .equals((record_tag::Entity, record_tag::Column::RecordId)),
        )
        .and_where(
            Expr::col((ot::Entity, ot::Column::TagId))
                .equals((record_tag::Entity, record_tag::Column::TagId)),
        )
        .cond_where(extra)
        .to_owned();
    let stmt = Query::delete()
        .from_table(record_tag::Entity)
        .and_where(Expr::col((record_tag::Entity, record_tag::Column::WorkspaceId)).eq(ws))
        .and_where(Expr::exists(logged))
        .to_owned();
    exec(db, &stmt).await?;
    Ok(())
}

async fn remove_pairs(
    db: &impl ConnectionTrait,
    ws: Uuid,
    op_id: Uuid,
    bounds: Bounds,
) -> StoreResult<()> {
    remove_pairs_where(db, ws, op_id, bounds.on(ot::Entity, ot::Column::RecordId)).await
}

/// The records' own change, with a version bump, for the logged rows.
async fn update_records(db: &impl ConnectionTrait, op: &BulkOp, bounds: Bounds) -> StoreResult<()> {
    let ws = op.workspace_id;
    let mut stmt = Query::update();
    stmt.table(record::Entity)
        .value(
            record::Column::Version,
            Expr::col(record::Column::Version).add(1),
        )
        .value(record::Column::UpdatedAt, Expr::val(op.at));
    match &op.action {
        Action::Assign(_) => {
            stmt.value(
                record::Column::OwnerId,
                scalar(logged_value(ws, op.operation_id, oc::Column::NewOwnerId)),
            );
        }
        Action::SetStatus(s) => {
            stmt.value(record::Column::Status, Expr::val(s.clone()));
        }
        Action::Delete => {
            stmt.value(record::Column::DeletedAt, Expr::val(Some(op.at)))
                .value(record::Column::DeletedBy, Expr::val(Some(op.actor_id)));
        }
        Action::AddTags(_) | Action::RemoveTags(_) => {}
    }
    stmt.and_where(Expr::col((record::Entity, record::Column::WorkspaceId)).eq(ws))
        .and_where(
            Expr::col((record::Entity, record::Column::Id)).in_subquery(logged_ids(
                ws,
                op.operation_id,
                bounds,
            )),
        );
    exec(db, &stmt).await?;
    Ok(())
}

/// `(SELECT <col> FROM operation_changes WHERE … AND record_id = records.id)`: a logged
/// value of the record being updated.
pub(super) fn logged_value(ws: Uuid, op_id: Uuid, col: oc::Column) -> SelectStatement {
    Query::select()
        .column((oc::Entity, col))
        .from(oc::Entity)
        .and_where(Expr::col((oc::Entity, oc::Column::WorkspaceId)).eq(ws))
        .and_where(Expr::col((oc::Entity, oc::Column::OperationId)).eq(op_id))
        .and_where(
            Expr::col((oc::Entity, oc::Column::RecordId))
                .equals((record::Entity, record::Column::Id)),
        )
        .to_owned()
}
