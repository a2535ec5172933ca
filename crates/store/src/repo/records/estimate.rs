//! SQLite has no planner estimate to ask: a large total is estimated from the share of
//! matching rows among the kind's newest rows, times how many rows the kind has (kept by
//! triggers in `record_kind_counts`). PostgreSQL asks the same sample to confirm an estimate
//! its planner multiplied from several words'.

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, QueryFilter, QuerySelect, QueryTrait, Select,
};
use uuid::Uuid;

use super::total::{count, planner_estimate};
use crate::entity::record::{Column, Entity};
use crate::error::StoreResult;

/// Rows in the sample.
const SAMPLE: u64 = 2_000;

/// Estimated matches of `select` among the workspace's records of `kind`.
pub async fn sampled(
    db: &impl ConnectionTrait,
    select: Select<Entity>,
    ws: Uuid,
    kind: &str,
) -> StoreResult<u64> {
    let sample = Query::select()
        .column(Column::Id)
        .from(Entity)
        .and_where(Column::WorkspaceId.eq(ws))
        .and_where(Column::Kind.eq(kind))
        .order_by(Column::CreatedAt, sea_orm::Order::Desc)
        .limit(SAMPLE)
        .to_owned();
    let in_sample = select
        .filter(Column::Id.in_subquery(sample.clone()))
        .select_only()
        .column(Column::Id)
        .into_query();
    let (matched, sampled, total) = futures_util::future::join3(
        count(db, in_sample),
        count(db, sample),
        kind_rows(db, ws, kind),
    )
    .await;
    let (matched, sampled, total) = (matched?, sampled?, total?);
    if sampled == 0 {
        return Ok(0);
    }
    Ok(((matched as f64 / sampled as f64) * total as f64).round() as u64)
}

/// About how many records of `kind` the workspace has: on SQLite all of them (trashed ones
/// too), as its triggers keep them in `record_kind_counts`, counted from the index when the
/// row is missing; on PostgreSQL the planner's estimate of the live ones.
pub(super) async fn kind_rows(db: &impl ConnectionTrait, ws: Uuid, kind: &str) -> StoreResult<u64> {
    if db.get_database_backend() == DatabaseBackend::Postgres {
        let live = Query::select()
            .column(Column::Id)
            .from(Entity)
            .and_where(Column::WorkspaceId.eq(ws))
            .and_where(Column::Kind.eq(kind))
            .and_where(Column::DeletedAt.is_null())
            .and_where(Column::MergedInto.is_null())
            .to_owned();
        return planner_estimate(db, &live).await;
    }
    let kept = Query::select()
        .column(Alias::new("n"))
        .from(Alias::new("record_kind_counts"))
        .and_where(Expr::col(Alias::new("workspace_id")).eq(ws))
        .and_where(Expr::col(Alias::new("kind")).eq(kind))
        .to_owned();
    if let Some(row) = db.query_one(&kept).await? {
        let n: i64 = row.try_get_by_index(0)?;
        return Ok(u64::try_from(n).unwrap_or(0));
    }
    let all = Query::select()
        .expr(Expr::val(1))
        .from(Entity)
        .and_where(Column::WorkspaceId.eq(ws))
        .and_where(Column::Kind.eq(kind))
        .to_owned();
    count(db, all).await
}
