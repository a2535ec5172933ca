//! The few SQL fragments that differ between SQLite and PostgreSQL, and small helpers.

use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr, StatementBuilder};
use uuid::Uuid;

use crate::error::{StoreError, StoreResult};

/// A query builder error (a statement we built wrongly) as a store error.
pub(crate) fn built(err: sea_orm::sea_query::error::Error) -> StoreError {
    StoreError::Db(DbErr::Custom(err.to_string()))
}

/// Runs a write; how many rows it touched.
pub(crate) async fn exec<S: StatementBuilder>(
    db: &impl ConnectionTrait,
    stmt: &S,
) -> StoreResult<u64> {
    Ok(db.execute(stmt).await?.rows_affected())
}

/// A uuid column as its canonical text (SQLite keeps uuids as 16-byte blobs).
pub(super) fn uuid_text(backend: DatabaseBackend, col: &str) -> String {
    match backend {
        DatabaseBackend::Postgres => format!("{col}::text"),
        _ => {
            let h = format!("lower(hex({col}))");
            format!(
                "(substr({h},1,8)||'-'||substr({h},9,4)||'-'||substr({h},13,4)||'-'||\
                 substr({h},17,4)||'-'||substr({h},21))"
            )
        }
    }
}

/// A JSON object of `(key, SQL expression)` pairs; keys are fixed words of ours.
pub(crate) fn json_object(backend: DatabaseBackend, pairs: &[(&str, String)]) -> String {
    let args = pairs
        .iter()
        .map(|(k, v)| format!("'{k}', {v}"))
        .collect::<Vec<_>>()
        .join(", ");
    match backend {
        DatabaseBackend::Postgres => format!("jsonb_build_object({args})"),
        _ => format!("json_object({args})"),
    }
}

/// A text literal of a uuid we generated (hex digits and dashes: nothing to escape).
pub(super) fn uuid_literal(id: Uuid) -> String {
    format!("'{}'", id.hyphenated())
}

/// A new, unique, time-ordered id per row, made by the database: the 48-bit millisecond
/// prefix of `op` (a UUIDv7) followed by 80 random bits.
pub(super) fn new_row_id(backend: DatabaseBackend, op: Uuid, salt_col: &str) -> String {
    let prefix: String = op.simple().to_string().chars().take(12).collect();
    match backend {
        DatabaseBackend::Postgres => {
            format!("('{prefix}' || left(md5(random()::text || {salt_col}::text), 20))::uuid")
        }
        _ => format!("unhex('{prefix}' || hex(randomblob(10)))"),
    }
}

/// A uniformly random whole number in `0..n`, evaluated once per row.
pub(super) fn random_below(backend: DatabaseBackend, n: usize) -> String {
    match backend {
        DatabaseBackend::Postgres => format!("floor(random() * {n})::bigint"),
        _ => format!("abs(random() % {n})"),
    }
}
