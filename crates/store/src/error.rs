//! The store's one error type.

use sea_orm::{DbErr, SqlErr};

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the write (e.g. a taken email).
    #[error("unique constraint violated: {0}")]
    Conflict(String),
    /// The row to change does not exist (in this workspace).
    #[error("not found")]
    NotFound,
    /// Stored data could not be read back into its type.
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// Any other database error.
    #[error(transparent)]
    Db(DbErr),
}

impl From<DbErr> for StoreError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(msg)) => StoreError::Conflict(msg),
            _ => StoreError::Db(err),
        }
    }
}

/// Result alias of the store.
pub type StoreResult<T> = Result<T, StoreError>;
