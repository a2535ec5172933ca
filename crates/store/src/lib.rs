//! Sen's persistence: the only crate that talks to the database.
//!
//! Repositories take `&impl ConnectionTrait`, so the same function runs on the pool or inside
//! a transaction ([`Db::begin`]).

pub mod admin;
pub mod db;
pub mod entity;
pub mod error;
pub mod repo;

pub use db::{Backend, Db, begin_snapshot, commit, rollback};
pub use error::StoreError;
pub use sea_orm::sea_query::SelectStatement;
pub use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, DatabaseTransaction, Order, Statement,
    TransactionTrait, Value,
};
