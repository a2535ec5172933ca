//! A searched page on SQLite. `rowid IN (the FTS matches)` makes SQLite build the whole match
//! list, then look up and sort every match: 125 ms for `nguyen van` at a million contacts
//! (74,480 matches). Instead one statement drives the filtered rows from the FTS index and
//! stops at 10,001 of them: when there are no more, that set is the exact total and the page
//! is sorted out of it; when there are, the needles are dense, and the page walks the sort
//! index checking them on each row (a few hundred rows), the total an estimate.

use sea_orm::sea_query::{Alias, Expr, JoinType, Query, SqliteQueryBuilder};
use sea_orm::{ConnectionTrait, DatabaseBackend, QuerySelect, QueryTrait, Statement};
use uuid::Uuid;

use super::estimate;
use super::list::{Checks, Filter, FtsQuery, NeedleCheck, TagCheck, select_with};
use super::page::{Page, Pages};
use super::total::EXACT_TOTAL_LIMIT;
use crate::entity::record::Column;
use crate::error::StoreResult;

/// The page of `pages` among the rows matching `filter`, whose needles make the FTS5 query
/// `fts`.
pub(super) async fn page(
    db: &impl ConnectionTrait,
    pages: Pages<'_>,
    filter: &Filter,
    fts: &FtsQuery,
) -> StoreResult<Page> {
    let (matched, ids) = first_matches(db, &pages, filter, fts).await?;
    if matched <= EXACT_TOTAL_LIMIT {
        let rows = pages.rows_of(db, &ids).await?;
        return Ok(pages.finish(rows, matched, false));
    }
    let checks = Checks {
        tags: TagCheck::Probe,
        needles: NeedleCheck::Scan,
        per_row: true,
        ..Checks::SETS
    };
    let walk = select_with(
        DatabaseBackend::Sqlite,
        pages.viewer,
        pages.kind,
        filter,
        checks,
    );
    let ws = pages.viewer.workspace_id;
    let estimate = estimate::sampled(db, walk.clone(), ws, pages.kind);
    let (rows, estimate) = futures_util::future::join(pages.rows(db, walk), estimate).await;
    // An estimate, never below what was counted for sure.
    Ok(pages.finish(rows?, Ord::max(estimate?, matched), true))
}

/// How many rows match (counted up to [`EXACT_TOTAL_LIMIT`] + 1) and, in order, the ids of
/// the page among them — meaningful only when the count is within the limit.
async fn first_matches(
    db: &impl ConnectionTrait,
    pages: &Pages<'_>,
    filter: &Filter,
    fts: &FtsQuery,
) -> StoreResult<(u64, Vec<Uuid>)> {
    let (field, order) = pages.sort.clone();
    let checks = Checks {
        tags: TagCheck::Probe,
        needles: NeedleCheck::Joined,
        per_row: false,
        ..Checks::SETS
    };
    let backend = DatabaseBackend::Sqlite;
    let mut inner = select_with(backend, pages.viewer, pages.kind, filter, checks)
        .select_only()
        .column(field.column())
        .column(Column::Id)
        .into_query();
    inner
        .join(
            JoinType::InnerJoin,
            Alias::new(fts.table),
            Expr::cust(format!(
                "\"{}\".\"rowid\" = \"records\".\"rowid\"",
                fts.table
            )),
        )
        .and_where(Expr::cust_with_values(
            format!("\"{}\" MATCH ?", fts.table),
            [fts.expr.clone()],
        ))
        .limit(EXACT_TOTAL_LIMIT + 1);
    // The page out of the matches, named `records` so the cursor's condition reads as usual.
    let mut outer = Query::select();
    outer
        .expr_as(
            Expr::cust("(SELECT COUNT(*) FROM \"matched\")"),
            Alias::new("n"),
        )
        .column(Column::Id)
        .from_as(Alias::new("matched"), Alias::new("records"));
    if let Some(cond) = pages.cursor.and_then(|c| c.condition(field, &order)) {
        outer.and_where(cond);
    }
    outer
        .order_by(field.column(), order.clone())
        .order_by(Column::Id, order)
        .limit(pages.limit + 1);
    let (inner_sql, mut values) = inner.build(SqliteQueryBuilder);
    let (outer_sql, outer_values) = outer.build(SqliteQueryBuilder);
    values.0.extend(outer_values.0);
    let with = format!("WITH \"matched\" AS MATERIALIZED ({inner_sql})");
    let stmt = Statement::from_sql_and_values(backend, format!("{with} {outer_sql}"), values);
    let rows = db.query_all_raw(stmt).await?;
    let mut ids = Vec::with_capacity(rows.len());
    let mut matched = None;
    for row in rows {
        let n: i64 = row.try_get_by_index(0)?;
        matched = Some(n);
        ids.push(row.try_get_by_index::<Uuid>(1)?);
    }
    let matched = match matched {
        Some(n) => n,
        // No row after the cursor: count the matches alone.
        None => {
            let (sql, values) = inner.build(SqliteQueryBuilder);
            let count = format!("SELECT COUNT(*) FROM ({sql})");
            let stmt = Statement::from_sql_and_values(backend, count, values);
            match db.query_one_raw(stmt).await? {
                Some(row) => row.try_get_by_index(0)?,
                None => 0,
            }
        }
    };
    Ok((u64::try_from(matched).unwrap_or(0), ids))
}
