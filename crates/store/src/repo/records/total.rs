//! A list's total: exact up to 10,000 matches, an estimate (flagged) beyond.

use sea_orm::sea_query::{Alias, Expr, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DatabaseBackend, QuerySelect, QueryTrait, Select};

use super::list::{Filter, list_select};
use super::visibility::Viewer;
use crate::entity::record::{Column, Entity};
use crate::error::StoreResult;

/// Above this many matches the total is an estimate.
pub const EXACT_TOTAL_LIMIT: u64 = 10_000;

/// A PostgreSQL planner estimate this many times the exact limit is taken as it is: proving
/// 10,001 matches of a dense search (`nguyen van`, 74,480 rows, estimated 72,371) costs a
/// 50 ms bitmap of every trigram's rows, to show a number that is an estimate anyway.
pub(super) const TRUSTED_ESTIMATE: u64 = 5 * EXACT_TOTAL_LIMIT;

/// A PostgreSQL planner estimate from which a sample of pages is asked whether the total is
/// beyond the exact limit (see `sample`). Measured on a million contacts' searches and
/// "status + tag" lists: below 15,000 by the planner's word the sample never settled it (it
/// only added its 10–18 ms to the count); from 15,000 it settled every one.
pub(super) const SAMPLED_FROM: u64 = EXACT_TOTAL_LIMIT * 3 / 2;

/// How many rows a select matches: exact up to [`EXACT_TOTAL_LIMIT`], beyond it an estimate
/// (flagged): on PostgreSQL the planner's estimate when it is far beyond the limit, else the
/// matches in a random sample of pages when they are surely beyond it, else the planner's
/// estimate after the capped count; on SQLite the share of matches in a sample of the kind's
/// newest rows times the kind's (cached) row count. Never a full count of a big table.
pub async fn count_visible(
    db: &impl ConnectionTrait,
    select: Select<Entity>,
    viewer: &Viewer,
    kind: &str,
) -> StoreResult<(u64, bool)> {
    let ids = id_select(select.clone());
    count_ids(db, Counted::new(ids), select, viewer, kind).await
}

/// The ids a total counts, as written for each job.
pub(super) struct Counted {
    /// Counted, up to the exact limit: written the way the engine counts them cheapest.
    pub ids: SelectStatement,
    /// The same rows as PostgreSQL's planner estimates them best.
    pub planned: SelectStatement,
    /// Counting them is cheap whatever their number (a tag's index alone): PostgreSQL does
    /// not sample the table first.
    pub cheap: bool,
}

impl Counted {
    /// `ids`, counted and planned as they are.
    pub fn new(ids: SelectStatement) -> Counted {
        Counted {
            planned: ids.clone(),
            ids,
            cheap: false,
        }
    }
}

/// The ids of the rows `select` matches.
pub(super) fn id_select(select: Select<Entity>) -> SelectStatement {
    select.select_only().column(Column::Id).into_query()
}

/// [`count_visible`] of the matches' ids as `counted` writes them; `sampled` selects the same
/// rows, for the sampled estimates.
pub(super) async fn count_ids(
    db: &impl ConnectionTrait,
    mut counted: Counted,
    sampled: Select<Entity>,
    viewer: &Viewer,
    kind: &str,
) -> StoreResult<(u64, bool)> {
    let backend = db.get_database_backend();
    let planned = if backend == DatabaseBackend::Postgres {
        let planned = planner_estimate(db, &counted.planned).await?;
        tracing::debug!(planned, "planner's total");
        if planned >= TRUSTED_ESTIMATE {
            return Ok((planned, true));
        }
        // Near or past the limit by the planner's word: ask a sample of the table first.
        if planned >= SAMPLED_FROM
            && !counted.cheap
            && let Some(estimate) = super::sample::beyond_limit(db, sampled.clone()).await?
        {
            return Ok((estimate, true));
        }
        Some(planned)
    } else {
        None
    };
    let capped = count(db, counted.ids.limit(EXACT_TOTAL_LIMIT + 1).to_owned()).await?;
    if capped <= EXACT_TOTAL_LIMIT {
        return Ok((capped, false));
    }
    let estimate = match planned {
        Some(planned) => planned,
        None => super::estimate::sampled(db, sampled, viewer.workspace_id, kind).await?,
    };
    // An estimate, never below what was counted for sure.
    Ok((Ord::max(estimate, capped), true))
}

/// PostgreSQL's planner estimate of the rows `ids` selects.
pub(super) async fn planner_estimate(
    db: &impl ConnectionTrait,
    ids: &sea_orm::sea_query::SelectStatement,
) -> StoreResult<u64> {
    let backend = db.get_database_backend();
    let sql = format!(
        "EXPLAIN (FORMAT JSON) {}",
        ids.to_string(sea_orm::sea_query::PostgresQueryBuilder)
    );
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(backend, sql))
        .await?;
    let plan: Option<serde_json::Value> = match row {
        Some(row) => row.try_get_by_index(0).ok(),
        None => None,
    };
    let rows = plan
        .as_ref()
        .and_then(|p| p[0]["Plan"]["Plan Rows"].as_f64())
        .unwrap_or(0.0);
    Ok(rows as u64)
}

/// `SELECT COUNT(*)` of a subquery.
pub(super) async fn count(
    db: &impl ConnectionTrait,
    inner: sea_orm::sea_query::SelectStatement,
) -> StoreResult<u64> {
    let stmt = Query::select()
        .expr(Expr::cust("COUNT(*)"))
        .from_subquery(inner, Alias::new("matched"))
        .to_owned();
    let row = db.query_one(&stmt).await?;
    let n: i64 = match row {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    };
    Ok(u64::try_from(n).unwrap_or(0))
}

/// How many live records of `kind` the viewer sees: exact up to [`EXACT_TOTAL_LIMIT`], beyond
/// it an estimate (flagged).
pub async fn count_kind(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: &str,
) -> StoreResult<(u64, bool)> {
    let select = list_select(db.get_database_backend(), viewer, kind, &Filter::default());
    count_visible(db, select, viewer, kind).await
}
