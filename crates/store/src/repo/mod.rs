//! Repositories: one module per aggregate, each taking `&impl ConnectionTrait`.

pub mod activities;
pub mod api_keys;
pub mod audit;
pub mod bulk;
pub mod custom_fields;
pub mod dump;
pub mod duplicate_rules;
pub mod idempotency;
pub mod imports;
pub mod jobs;
pub mod lifecycle;
pub mod merges;
pub mod operations;
mod pg_array;
pub mod picklists;
pub mod pipeline;
pub mod records;
pub mod refresh_tokens;
pub mod settings_defaults;
pub mod statuses;
pub mod tags;
pub mod teams;
pub mod users;
pub mod workspaces;

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::sea_query::{Expr, SelectStatement, SubQueryStatement};
use uuid::Uuid;

/// A scalar subquery `( SELECT … )`.
pub(crate) fn scalar(sel: SelectStatement) -> Expr {
    Expr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(sel)))
}

/// `SELECT COUNT(*)`-like statements: the first column of the first row (0 without a row).
pub(crate) async fn scalar_i64<S: sea_orm::StatementBuilder>(
    db: &impl sea_orm::ConnectionTrait,
    stmt: &S,
) -> crate::error::StoreResult<i64> {
    Ok(match db.query_one(stmt).await? {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    })
}

/// A new primary key: UUIDv7, so ids sort by creation time.
pub fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// The current time at microsecond precision, the finest both engines keep.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}
