//! How many records a word search finds for a viewer, counted from SQLite's word tables alone:
//! the newest matches of the kind's scoped range (m0017) up to the exact-total limit, and for
//! a viewer who does not see every record, the matches shared with everyone there plus the
//! restricted matches filed under the viewer's own audiences — their user and their teams —
//! in the companion table (m0018), from the oldest match counted on. At a million contacts
//! a member's count of `long` took 5.9 ms with each restricted match checked against its
//! record and shares.

use sea_orm::{ConnectionTrait, Statement, Value};
use sen_migrations::{AUDIENCE_KIND_SHIFT, AUDIENCE_RECORD_SHIFT, AUDIENCE_WORDS};

use super::list::FtsQuery;
use super::total::EXACT_TOTAL_LIMIT;
use super::words::{RECORD_ROWID_MASK, WORDS, kind_number, record_rowid_of};
use crate::error::StoreResult;

/// The newest matches counted.
pub(super) struct Counted {
    /// How many: up to the limit and one more, plus the viewer's restricted matches among
    /// them.
    pub n: u64,
    /// The record rowid of the oldest match counted, when any was.
    pub last: Option<i64>,
    /// Whether the count stopped at the limit before the oldest match.
    pub capped: bool,
}

/// The newest matches of `fts` in the word-table range `lo..hi`: every one for a viewer who
/// sees every record (`audiences` None), else those shared with everyone and those filed
/// under the audience numbers `audiences` (from the oldest counted match on, when the count
/// stopped at the limit).
pub(super) async fn newest(
    db: &impl ConnectionTrait,
    fts: &FtsQuery,
    kind: &str,
    (lo, hi): (i64, i64),
    audiences: Option<&[i64]>,
) -> StoreResult<Counted> {
    let limit = EXACT_TOTAL_LIMIT + 1;
    let open = audiences.is_some();
    let newest = format!(
        "SELECT \"rowid\" AS w FROM \"{WORDS}\" WHERE \"{WORDS}\" MATCH ? AND \"rowid\" >= {lo} \
         AND \"rowid\" < {hi}{} ORDER BY \"rowid\" DESC LIMIT {limit}",
        if open { " AND (\"rowid\" & 1) = 0" } else { "" }
    );
    let mut values = vec![Value::from(fts.expr.clone())];
    let restricted = match audiences.unwrap_or_default() {
        [] => "0".to_owned(),
        audiences => {
            values.push(Value::from(fts.expr.clone()));
            let numbers: Vec<String> = audiences.iter().map(i64::to_string).collect();
            let from = format!(
                "(CASE WHEN counted.n < {limit} THEN 0 \
                 ELSE (counted.last >> 1) & {RECORD_ROWID_MASK} END) << {AUDIENCE_RECORD_SHIFT}"
            );
            format!(
                "(SELECT count(*) FROM (SELECT \"rowid\" >> {AUDIENCE_RECORD_SHIFT} \
                 FROM \"{AUDIENCE_WORDS}\" WHERE \"{AUDIENCE_WORDS}\" MATCH ? \
                 AND \"rowid\" >= {from} \
                 AND ((\"rowid\" >> {AUDIENCE_KIND_SHIFT}) & 7) = {kind} \
                 AND (\"rowid\" & {audience_mask}) IN ({numbers}) GROUP BY 1))",
                kind = kind_number(kind),
                audience_mask = (1_i64 << AUDIENCE_KIND_SHIFT) - 1,
                numbers = numbers.join(", ")
            )
        }
    };
    let sql = format!(
        "WITH counted AS (SELECT count(*) AS n, min(w) AS last FROM ({newest})) \
         SELECT counted.n, counted.last, {restricted} FROM counted"
    );
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    let (n, last, seen): (i64, Option<i64>, i64) = match row {
        Some(row) => (
            row.try_get_by_index(0)?,
            row.try_get_by_index(1)?,
            row.try_get_by_index(2)?,
        ),
        None => (0, None, 0),
    };
    let n = u64::try_from(n).unwrap_or(0);
    Ok(Counted {
        n: n + u64::try_from(seen).unwrap_or(0),
        last: last.map(record_rowid_of),
        capped: n >= limit,
    })
}
