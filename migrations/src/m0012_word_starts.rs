//! Search documents begin with a space, as every later word of them does: a short search word
//! (`an`, `vy`, `le`) is looked for where a word starts (` an`), which the trigram indexes can
//! look up. Before, a two-letter word could use no trigram: PostgreSQL read the whole trigram
//! index for `%an%` and SQLite scanned every row, and it matched inside any word ("Thanh").

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite's FTS table follows through its update trigger.
        m.get_connection()
            .execute_unprepared(
                "UPDATE records SET search_key = ' ' || search_key \
                 WHERE search_key NOT LIKE ' %'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared(
                "UPDATE records SET search_key = substr(search_key, 2) \
                 WHERE search_key LIKE ' %'",
            )
            .await?;
        Ok(())
    }
}
