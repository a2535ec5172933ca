//! The copy of a record's list keys that each of its tag rows carries (m0014): kind, status
//! while live, sharing mode, owner and creator. Bulk actions that add tag rows write it in the
//! statement that reads the records, and on PostgreSQL re-read it once the records are
//! locked.

use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, JoinType, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DatabaseBackend, IdenStatic, Statement};
use uuid::Uuid;

use crate::entity::{operation_tag as ot, record, record_tag};
use crate::error::StoreResult;

/// `pair` (the key columns of `record_tags`) followed by its copied columns, in the order
/// [`copy_of`] selects them.
pub(super) fn with_pair(pair: [record_tag::Column; 3]) -> Vec<record_tag::Column> {
    pair.into_iter().chain(COLUMNS).collect()
}

/// The copied columns of `record_tags`, in the order of [`copy_of`].
const COLUMNS: [record_tag::Column; 5] = [
    record_tag::Column::Kind,
    record_tag::Column::LiveStatus,
    record_tag::Column::SharingMode,
    record_tag::Column::OwnerId,
    record_tag::Column::CreatedBy,
];

/// The copy, as SQL over the `records` row named `r`.
fn copy_sql(r: &str) -> [String; 5] {
    [
        format!("\"{r}\".\"kind\""),
        format!(
            "CASE WHEN \"{r}\".\"deleted_at\" IS NULL AND \"{r}\".\"merged_into\" IS NULL \
             THEN \"{r}\".\"status\" END"
        ),
        format!("\"{r}\".\"sharing_mode\""),
        format!("\"{r}\".\"owner_id\""),
        format!("\"{r}\".\"created_by\""),
    ]
}

/// Adds the copy of the `records` row named `r` to `select`'s columns.
pub(super) fn copy_of(select: &mut SelectStatement, r: &str) {
    for sql in copy_sql(r) {
        select.expr(Expr::cust(sql));
    }
}

/// The `(workspace_id, record_id, tag_id)` pairs operation `op_id` logged, within `of_pairs`.
pub(super) fn logged_pairs(ws: Uuid, op_id: Uuid, of_pairs: Condition) -> SelectStatement {
    Query::select()
        .columns([
            (ot::Entity, ot::Column::WorkspaceId),
            (ot::Entity, ot::Column::RecordId),
            (ot::Entity, ot::Column::TagId),
        ])
        .from(ot::Entity)
        .and_where(Expr::col((ot::Entity, ot::Column::WorkspaceId)).eq(ws))
        .and_where(Expr::col((ot::Entity, ot::Column::OperationId)).eq(op_id))
        .cond_where(of_pairs)
        .to_owned()
}

/// `pairs` (a select of `operation_tags`) joined to each pair's record, with its copy added
/// to the columns.
pub(super) fn with_copy(mut pairs: SelectStatement) -> SelectStatement {
    let r = Alias::new("r");
    pairs.join_as(
        JoinType::InnerJoin,
        record::Entity,
        r.clone(),
        Expr::col((r.clone(), record::Column::WorkspaceId))
            .equals((ot::Entity, ot::Column::WorkspaceId))
            .and(Expr::col((r, record::Column::Id)).equals((ot::Entity, ot::Column::RecordId))),
    );
    copy_of(&mut pairs, "r");
    pairs
}

/// PostgreSQL: the tag rows of the operation's logged pairs within `of_pairs` carry their
/// record's copy as it is now. A pair written before its record was locked holds what was
/// read then; a change committed in between (its trigger could not see the uncommitted
/// pair) would leave it stale, and the record out of the lists filtered by that tag. Run
/// once this transaction holds the records' row locks (after their own update): nothing
/// moves until it commits. SQLite runs one writer at a time.
pub(super) async fn resync_copies(
    db: &impl ConnectionTrait,
    ws: Uuid,
    op_id: Uuid,
    of_pairs: Condition,
) -> StoreResult<()> {
    if db.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    let pairs =
        logged_pairs(ws, op_id, of_pairs).to_string(sea_orm::sea_query::PostgresQueryBuilder);
    let names = COLUMNS.map(|c| c.as_str());
    let set: Vec<String> = names
        .iter()
        .zip(copy_sql("r"))
        .map(|(c, v)| format!("{c} = {v}"))
        .collect();
    let differs: Vec<String> = names
        .iter()
        .zip(copy_sql("r"))
        .map(|(c, v)| format!("rt.{c} IS DISTINCT FROM {v}"))
        .collect();
    let sql = format!(
        "UPDATE record_tags rt SET {} FROM records r \
         WHERE r.workspace_id = rt.workspace_id AND r.id = rt.record_id \
         AND (rt.workspace_id, rt.record_id, rt.tag_id) IN ({pairs}) AND ({})",
        set.join(", "),
        differs.join(" OR ")
    );
    db.execute_raw(Statement::from_string(DatabaseBackend::Postgres, sql))
        .await?;
    Ok(())
}
