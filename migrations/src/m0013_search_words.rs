//! SQLite's search indexes, one per kind of search needle (PostgreSQL keeps its trigram GIN
//! index).
//!
//! - A word is looked for where a word of the document starts, so a word-level FTS5 table
//!   (`records_words`: rowids only, prefix indexes up to six letters — a Vietnamese syllable
//!   rarely has more) answers `"nguyen"* AND "trang"*` by intersecting two lists of rowids: 3 ms
//!   at a million contacts, where the trigram table intersected the position lists of every
//!   trigram of both words (31 ms).
//! - Digits are found anywhere (a phone's last digits), through the trigram table, now without
//!   positions (`detail=none`): it tells which documents hold every trigram of the digits, and
//!   the row confirms the digits themselves. A third of the size (45 against 140 MB at a million
//!   contacts) and half the writing, which pays for the word table's.
//!
//! Both tables read their text from `records.search_key` and are kept in step by one set of
//! triggers.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

use crate::m0003_records::{SQLITE_TRIGRAM_DOWN, SQLITE_TRIGRAM_UP};
use crate::run;

#[derive(DeriveMigrationName)]
pub struct Migration;

pub(crate) const UP: [&str; 7] = [
    "CREATE VIRTUAL TABLE records_fts USING fts5(search_key, content='records', \
     content_rowid='rowid', tokenize='trigram', detail=none, columnsize=0)",
    "CREATE VIRTUAL TABLE records_words USING fts5(search_key, content='records', \
     content_rowid='rowid', tokenize='unicode61 remove_diacritics 0', detail=none, \
     columnsize=0, prefix='1 2 3 4 5 6')",
    "CREATE TRIGGER records_search_ai AFTER INSERT ON records BEGIN \
     INSERT INTO records_fts(rowid, search_key) VALUES (new.rowid, new.search_key); \
     INSERT INTO records_words(rowid, search_key) VALUES (new.rowid, new.search_key); END",
    "CREATE TRIGGER records_search_ad AFTER DELETE ON records BEGIN \
     INSERT INTO records_fts(records_fts, rowid, search_key) \
     VALUES ('delete', old.rowid, old.search_key); \
     INSERT INTO records_words(records_words, rowid, search_key) \
     VALUES ('delete', old.rowid, old.search_key); END",
    "CREATE TRIGGER records_search_au AFTER UPDATE OF search_key ON records BEGIN \
     INSERT INTO records_fts(records_fts, rowid, search_key) \
     VALUES ('delete', old.rowid, old.search_key); \
     INSERT INTO records_fts(rowid, search_key) VALUES (new.rowid, new.search_key); \
     INSERT INTO records_words(records_words, rowid, search_key) \
     VALUES ('delete', old.rowid, old.search_key); \
     INSERT INTO records_words(rowid, search_key) VALUES (new.rowid, new.search_key); END",
    // Existing records.
    "INSERT INTO records_fts(records_fts) VALUES ('rebuild')",
    "INSERT INTO records_words(records_words) VALUES ('rebuild')",
];

const DOWN: [&str; 5] = [
    "DROP TRIGGER IF EXISTS records_search_au",
    "DROP TRIGGER IF EXISTS records_search_ad",
    "DROP TRIGGER IF EXISTS records_search_ai",
    "DROP TABLE IF EXISTS records_words",
    "DROP TABLE IF EXISTS records_fts",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() != DatabaseBackend::Sqlite {
            return Ok(());
        }
        let db = m.get_connection();
        run(db, &SQLITE_TRIGRAM_DOWN).await?;
        run(db, &UP).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() != DatabaseBackend::Sqlite {
            return Ok(());
        }
        let db = m.get_connection();
        run(db, &DOWN).await?;
        run(db, &SQLITE_TRIGRAM_UP).await?;
        db.execute_unprepared("INSERT INTO records_fts(records_fts) VALUES ('rebuild')")
            .await?;
        Ok(())
    }
}
