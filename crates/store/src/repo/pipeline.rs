//! Pipeline totals: the visible opportunities counted and their amounts summed per stage and
//! currency, exactly. Amounts are stored as decimal text; PostgreSQL sums them as `numeric`,
//! on SQLite they are summed here with `rust_decimal` (SQLite would sum them as floats).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, QueryFilter, QuerySelect};

use super::records::{Filter, Viewer, list_select};
use crate::entity::record::Column;
use crate::error::{StoreError, StoreResult};

/// The opportunities of one stage in one currency.
#[derive(Debug, Clone, PartialEq)]
pub struct StageTotal {
    /// The stage (status key).
    pub stage: String,
    /// The currency; none for opportunities without one.
    pub currency: Option<String>,
    /// How many opportunities.
    pub count: u64,
    /// Their summed amount; none when none of them has an amount.
    pub total: Option<Decimal>,
}

/// Totals of the live opportunities the viewer sees that match `filter` and whose expected
/// close date lies in `close_from ..= close_to` (either end open), by stage and currency.
pub async fn totals(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    filter: &Filter,
    close_from: Option<NaiveDate>,
    close_to: Option<NaiveDate>,
) -> StoreResult<Vec<StageTotal>> {
    let backend = db.get_database_backend();
    let mut q = list_select(backend, viewer, "opportunity", filter);
    if let Some(d) = close_from {
        q = q.filter(Column::ExpectedCloseDate.gte(d));
    }
    if let Some(d) = close_to {
        q = q.filter(Column::ExpectedCloseDate.lte(d));
    }
    let q = q
        .select_only()
        .column(Column::Status)
        .column(Column::Currency);
    let mut out: BTreeMap<(String, Option<String>), (u64, Option<Decimal>)> = BTreeMap::new();
    if backend == DatabaseBackend::Postgres {
        let rows: Vec<(String, Option<String>, i64, Option<String>)> = q
            .expr(Expr::cust("COUNT(*)"))
            .expr(Expr::cust(
                "CAST(SUM(CAST(\"records\".\"amount\" AS NUMERIC)) AS TEXT)",
            ))
            .group_by(Column::Status)
            .group_by(Column::Currency)
            .into_tuple()
            .all(db)
            .await?;
        for (stage, currency, count, total) in rows {
            let total = total.as_deref().map(decimal).transpose()?;
            out.insert(
                (stage, currency),
                (u64::try_from(count).unwrap_or(0), total),
            );
        }
    } else {
        let rows: Vec<(String, Option<String>, Option<String>)> =
            q.column(Column::Amount).into_tuple().all(db).await?;
        for (stage, currency, amount) in rows {
            let entry = out.entry((stage, currency)).or_insert((0, None));
            entry.0 += 1;
            if let Some(amount) = amount.as_deref() {
                let sum = entry.1.unwrap_or_default().checked_add(decimal(amount)?);
                entry.1 = Some(sum.ok_or_else(|| StoreError::Corrupt("amount overflow".into()))?);
            }
        }
    }
    Ok(out
        .into_iter()
        .map(|((stage, currency), (count, total))| StageTotal {
            stage,
            currency,
            count,
            total,
        })
        .collect())
}

/// A stored amount (or an engine's sum of them); an error rather than a rounded value.
fn decimal(text: &str) -> StoreResult<Decimal> {
    Decimal::from_str_exact(text.trim())
        .map_err(|e| StoreError::Corrupt(format!("amount {text:?}: {e}")))
}
