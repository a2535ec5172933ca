//! The name index holds only live records and carries the status and the visibility
//! columns, so a page sorted by name is walked from the index alone: each entry is checked
//! for status and visibility there, and only those that pass are probed for a tag. A page of
//! "inactive + Webinar" sorted by name (0.7 % of a million contacts: 6,800 entries walked for
//! 51 rows) read every walked row for its status and live markers: 15 ms on SQLite; from the
//! index, 2 ms.
//!
//! Trashed and merged records are never listed by name from this index; the trash is read
//! through the visibility index (its `deleted_at`) and sorted.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

use crate::m0011_live_status::{LIVE, VISIBILITY};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let carried = format!("status, {}", VISIBILITY.join(", "));
        // PostgreSQL carries them as payload; SQLite has no INCLUDE, so they end its key.
        let sql = match db.get_database_backend() {
            DatabaseBackend::Postgres => format!(
                "CREATE INDEX ix_records_name_live ON records (workspace_id, kind, name, id) \
                 INCLUDE ({carried}) WHERE {LIVE}"
            ),
            _ => format!(
                "CREATE INDEX ix_records_name_live \
                 ON records (workspace_id, kind, name, id, {carried}) WHERE {LIVE}"
            ),
        };
        db.execute_unprepared(&sql).await?;
        db.execute_unprepared("DROP INDEX ix_records_name").await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared(
            "CREATE INDEX ix_records_name ON records (workspace_id, kind, name, id)",
        )
        .await?;
        db.execute_unprepared("DROP INDEX ix_records_name_live")
            .await?;
        Ok(())
    }
}
