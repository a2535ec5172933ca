//! PostgreSQL: `import_rows` no longer checks its import with a foreign key. PostgreSQL checks
//! a foreign key with a query of its own for each inserted row; for the 5,000 outcomes of an
//! import chunk, all of the same import, that was about 30 ms of the chunk's transaction
//! (measured: 4,000 rows of a table like it inserted in 9–11 ms without the key, 32–39 ms
//! with it). The outcomes are written only by their import's own job, inside the chunk's
//! transaction, for an import that exists for the whole run; imports are never deleted, so
//! the key's cascade never fires. SQLite keeps the key: it checks it with an index probe in
//! the insert itself, and dropping it would mean rebuilding the table.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        if db.get_database_backend() == DatabaseBackend::Postgres {
            db.execute_unprepared(
                "ALTER TABLE import_rows DROP CONSTRAINT IF EXISTS fk_import_rows_import",
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        if db.get_database_backend() == DatabaseBackend::Postgres {
            db.execute_unprepared(
                "ALTER TABLE import_rows ADD CONSTRAINT fk_import_rows_import \
                 FOREIGN KEY (workspace_id, import_id) REFERENCES imports (workspace_id, id) \
                 ON DELETE CASCADE",
            )
            .await?;
        }
        Ok(())
    }
}
