//! Sen's one integration-test binary. Every test gets a fresh database: an SQLite file by
//! default, or a new PostgreSQL database when `SEN_TEST_PG_URL` names a server.

// The whole crate is test code: panicking on a broken fixture is the point.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod api_keys;
mod auth;
mod bad_input;
mod bench_support;
mod bulk;
mod duplicates;
mod helpers;
mod imports;
mod isolation;
mod kinds;
mod lifecycle;
mod merge;
mod migrations;
mod openapi;
mod operations;
mod records;
mod settings;
mod sharing;
mod tag_pages;
mod teams;
mod totals;
mod users;
mod word_audiences;
mod word_search;
