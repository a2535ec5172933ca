//! PostgreSQL: telling a total far beyond the exact limit from a sample of the table's pages,
//! before paying for the capped count that would prove it.
//!
//! Counting 10,001 matches of a mid-sized set — a search for `anh` (≈ 20,000 contacts), the
//! "active" ones with the "Webinar" tag (≈ 20,000) — costs PostgreSQL 40–160 ms: each match is
//! a heap row rechecked or joined. Its planner's estimate cannot stand in for the count (it
//! misjudges both ways: 30,418 for 17,885 rows, 266 for as many), so the matches are counted in
//! a random sample of the table's pages (`TABLESAMPLE SYSTEM`, a fixed seed so that every page
//! of a list shows the same total) and scaled up by the sampling rate. When even the
//! estimate's lower bound — four standard errors below it, the errors computed from the
//! matches per sampled page, so rows clustered on a few pages (one import's) widen it — lies
//! above the exact limit, the total is that estimate, flagged; otherwise it is counted.

use sea_orm::sea_query::extension::postgres::{PostgresSelectStatementExt, SampleMethod};
use sea_orm::sea_query::{Alias, Expr};
use sea_orm::{ConnectionTrait, QuerySelect, QueryTrait, Select};

use super::total::EXACT_TOTAL_LIMIT;
use crate::entity::record::Entity;
use crate::error::StoreResult;

/// Share of the table's pages read, in percent: about 1,500 pages of a million contacts.
const SAMPLE_PERCENT: f64 = 2.0;

/// The sample's seed: the same pages every time, so a list's total does not jump.
const SEED: f64 = 20_260_101.0;

/// Standard errors the estimate must clear the exact limit by.
const MARGIN: f64 = 4.0;

/// The estimated matches of `select` when they are, with confidence, more than the exact
/// limit; None when they may not be (the caller counts them).
pub(super) async fn beyond_limit(
    db: &impl ConnectionTrait,
    select: Select<Entity>,
) -> StoreResult<Option<u64>> {
    let page = "(\"records\".\"ctid\"::text::point)[0]";
    let mut q = select
        .select_only()
        .column_as(Expr::cust("COUNT(*)"), "m")
        .group_by(Expr::cust(page))
        .into_query();
    q.table_sample(SampleMethod::SYSTEM, SAMPLE_PERCENT, Some(SEED));
    let per_page = Alias::new("per_page");
    let totals = sea_orm::sea_query::Query::select()
        .expr(Expr::cust("COALESCE(SUM(\"m\"), 0)::bigint"))
        .expr(Expr::cust("COALESCE(SUM(\"m\" * \"m\"), 0)::bigint"))
        .from_subquery(q, per_page)
        .to_owned();
    let Some(row) = db.query_one(&totals).await? else {
        return Ok(None);
    };
    let matched: i64 = row.try_get_by_index(0)?;
    let squares: i64 = row.try_get_by_index(1)?;
    let (estimate, lower) = scaled(matched as f64, squares as f64, SAMPLE_PERCENT / 100.0);
    tracing::debug!(matched, squares, estimate, lower, "sampled total");
    Ok((lower > EXACT_TOTAL_LIMIT as f64).then(|| estimate.round() as u64))
}

/// The total and its lower bound from a sample of pages each taken with probability `p`,
/// holding `matched` matches in all and `squares` the sum of each page's matches squared:
/// the Horvitz–Thompson estimate `matched / p`, whose variance over the random choice of
/// pages is estimated by `(1 − p) · squares / p²`.
fn scaled(matched: f64, squares: f64, p: f64) -> (f64, f64) {
    let estimate = matched / p;
    let error = ((1.0 - p) * squares).sqrt() / p;
    (estimate, estimate - MARGIN * error)
}

#[cfg(test)]
mod tests {
    use super::scaled;

    #[test]
    fn spread_matches_clear_the_limit_and_clustered_ones_do_not() {
        // 400 matches, one per sampled page, at 2 %: about 20,000 — surely above 10,000.
        let (estimate, lower) = scaled(400.0, 400.0, 0.02);
        assert_eq!(estimate.round(), 20_000.0);
        assert!(lower > 15_000.0, "{lower}");
        // The same 400 on 20 pages of 20 (one import's rows side by side): far less sure.
        let (estimate, lower) = scaled(400.0, 20.0 * 400.0, 0.02);
        assert_eq!(estimate.round(), 20_000.0);
        assert!(lower < 10_000.0, "{lower}");
        // A set of 8,000 spread thin never reads as beyond the limit.
        let (_, lower) = scaled(160.0, 160.0, 0.02);
        assert!(lower < 10_000.0, "{lower}");
        // Nothing sampled: nothing known.
        assert_eq!(scaled(0.0, 0.0, 0.02), (0.0, 0.0));
    }
}
