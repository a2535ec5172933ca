//! A searched page. `rowid IN (the FTS matches)` makes SQLite build the whole match list,
//! then look up and sort every match: 125 ms for `nguyen van` at a million contacts (74,480
//! matches). Instead one statement drives the filtered rows from the search index (SQLite's
//! FTS tables, PostgreSQL's word index) and stops at 10,001 of them: when there are no more,
//! that set is the exact total and the page is sorted out of it; when there are, the needles
//! are dense, and the page walks the sort index checking them on each row (a few hundred
//! rows), the total an estimate. PostgreSQL asks its planner first and skips the counting
//! when the matches are far beyond the limit.

use sea_orm::sea_query::{Alias, CommonTableExpression, Expr, Query, WithClause};
use sea_orm::{ConnectionTrait, DatabaseBackend, QuerySelect, QueryTrait, Select};
use uuid::Uuid;

use super::estimate;
use super::list::{Checks, Filter, FtsQuery, NeedleCheck, TagCheck, select_with};
use super::page::{Page, Pages};
use super::total::{
    EXACT_TOTAL_LIMIT, SAMPLED_FROM, TRUSTED_ESTIMATE, count, id_select, planner_estimate,
};
use super::word_pages;
use crate::entity::record::{Column, Entity};
use crate::error::StoreResult;

/// The page of `pages` among the rows matching `filter`, found through SQLite's FTS query
/// `fts` or, without one, PostgreSQL's word index.
pub(super) async fn page(
    db: &impl ConnectionTrait,
    pages: Pages<'_>,
    filter: &Filter,
    fts: Option<&FtsQuery>,
) -> StoreResult<Page> {
    let backend = db.get_database_backend();
    if let Some(fts) = fts
        && let Some(page) = word_pages::page(db, &pages, filter, fts).await?
    {
        return Ok(page);
    }
    // The walk a dense search's page takes, and the sample of the kind's newest rows that
    // estimates its matches.
    let walk = select_with(backend, pages.viewer, pages.kind, filter, DENSE);
    let ws = pages.viewer.workspace_id;
    let sample = || estimate::sampled(db, walk.clone(), ws, pages.kind);
    // The planner's estimate (PostgreSQL) or a sample's (SQLite), when one was asked.
    let estimated = if backend == DatabaseBackend::Postgres {
        let select = select_with(backend, pages.viewer, pages.kind, filter, Checks::PLANNED);
        let planned = planner_estimate(db, &id_select(select)).await?;
        // One word's estimate comes straight from the word index's statistics (17,535 for
        // `hieu`'s 17,268 matches at a million contacts); several words' multiplies theirs as
        // if they were independent, which names are not (`thi` is a woman's middle name).
        // Beyond the limit by such a product, the kind's newest rows confirm it (`nguyen
        // minh`, 41,456 matches: 30 ms collecting 10,001 of them, 4 ms sampled).
        let one_word = filter.needles.len() == 1;
        if planned >= TRUSTED_ESTIMATE
            || (one_word && planned >= SAMPLED_FROM)
            || (planned >= SAMPLED_FROM && sample().await? >= SAMPLED_FROM)
        {
            return dense(db, pages, walk, planned, None).await;
        }
        Some(planned)
    } else {
        // No planner to ask: the FTS index bounds the matches (of every kind, workspace and
        // state) from its rows alone, stopping at 1.5 times the limit: 2 ms for `nguyen van`
        // (80,500 matches), where collecting 10,001 of them took 12–15 ms. Past it, the
        // kind's newest rows confirm the density before the page is walked.
        match fts {
            Some(fts) if fts_bound(db, &pages, fts).await? >= SAMPLED_FROM => {
                let sampled = sample().await?;
                if sampled >= SAMPLED_FROM {
                    return dense(db, pages, walk, sampled, Some(sampled)).await;
                }
                Some(sampled)
            }
            _ => None,
        }
    };
    let (matched, ids) = first_matches(db, &pages, filter, fts).await?;
    if matched <= EXACT_TOTAL_LIMIT {
        let rows = pages.rows_of(db, &ids).await?;
        return Ok(pages.finish(rows, matched, false));
    }
    // An estimate, never below what was counted for sure; SQLite's sample, if one was taken,
    // is not taken again.
    let at_least = Ord::max(estimated.unwrap_or(0), matched);
    let sampled = estimated.filter(|_| backend == DatabaseBackend::Sqlite);
    dense(db, pages, walk, at_least, sampled).await
}

/// A walk through dense needles: each row checked for them and its tags.
const DENSE: Checks = Checks {
    tags: TagCheck::Probe,
    needles: NeedleCheck::Scan,
    per_row: true,
    ..Checks::SETS
};

/// The page of dense needles, read from `walk` (along the sort index, each row checked for
/// them); the total an estimate, at least `at_least`. SQLite's is also at least its sample
/// of the kind's newest rows: `sampled` when already taken, else taken beside the walk.
async fn dense(
    db: &impl ConnectionTrait,
    pages: Pages<'_>,
    walk: Select<Entity>,
    at_least: u64,
    sampled: Option<u64>,
) -> StoreResult<Page> {
    let sqlite = db.get_database_backend() == DatabaseBackend::Sqlite;
    let ws = pages.viewer.workspace_id;
    let estimate = async {
        match sampled {
            None if sqlite => estimate::sampled(db, walk.clone(), ws, pages.kind).await,
            _ => Ok(sampled.unwrap_or(0)),
        }
    };
    let (rows, estimate) = futures_util::future::join(pages.rows(db, walk.clone()), estimate).await;
    let rows = rows?;
    // A first page that is the last one holds every match, whatever was estimated.
    if pages.cursor.is_none() && rows.len() as u64 <= pages.limit {
        let n = rows.len() as u64;
        return Ok(pages.finish(rows, n, false));
    }
    Ok(pages.finish(rows, Ord::max(estimate?, at_least), true))
}

/// How many rows of SQLite's FTS table `fts` matches, counted up to [`SAMPLED_FROM`]: a
/// bound on the searched records — on the word table the live records of the page's kind
/// and workspace, whoever sees them; on the trigram table every record.
async fn fts_bound(
    db: &impl ConnectionTrait,
    pages: &Pages<'_>,
    fts: &FtsQuery,
) -> StoreResult<u64> {
    let rows = Query::select()
        .expr(Expr::val(1))
        .from(Alias::new(fts.table))
        .and_where(fts.matching(pages.viewer.workspace_id, pages.kind))
        .limit(SAMPLED_FROM)
        .to_owned();
    count(db, rows).await
}

/// How many rows match (counted up to [`EXACT_TOTAL_LIMIT`] + 1) and, in order, the ids of
/// the page among them — meaningful only when the count is within the limit.
async fn first_matches(
    db: &impl ConnectionTrait,
    pages: &Pages<'_>,
    filter: &Filter,
    fts: Option<&FtsQuery>,
) -> StoreResult<(u64, Vec<Uuid>)> {
    let backend = db.get_database_backend();
    let (field, order) = pages.sort.clone();
    let checks = Checks {
        tags: TagCheck::Probe,
        needles: if fts.is_some() {
            NeedleCheck::Joined
        } else {
            NeedleCheck::Index
        },
        // At most 10,001 rows: the viewer's shares probed row by row.
        per_row: true,
        ..Checks::SETS
    };
    let mut inner = select_with(backend, pages.viewer, pages.kind, filter, checks)
        .select_only()
        .column(field.column())
        .column(Column::Id)
        .into_query();
    if let Some(fts) = fts {
        // Driven from the FTS table's matches: SQLite's planner would otherwise walk the
        // records and ask the FTS table again for each (CROSS JOIN fixes the order).
        inner
            .from_clear()
            .from(Alias::new(fts.table))
            .cross_join(Entity)
            .and_where(Expr::cust(format!(
                "\"records\".\"rowid\" = {}",
                fts.record_rowid()
            )))
            .and_where(fts.matching(pages.viewer.workspace_id, pages.kind));
    }
    inner.limit(EXACT_TOTAL_LIMIT + 1);
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
    let mut cte = CommonTableExpression::new();
    cte.query(inner.clone())
        .table_name(Alias::new("matched"))
        .materialized(true);
    let with = WithClause::new().cte(cte).to_owned().query(outer);
    let rows = db.query_all_raw(backend.build(&with)).await?;
    let mut ids = Vec::with_capacity(rows.len());
    let mut matched = None;
    for row in rows {
        let n: i64 = row.try_get_by_index(0)?;
        matched = Some(u64::try_from(n).unwrap_or(0));
        ids.push(row.try_get_by_index::<Uuid>(1)?);
    }
    let matched = match matched {
        Some(n) => n,
        // No row after the cursor: count the matches alone.
        None => count(db, inner).await?,
    };
    Ok((matched, ids))
}
