//! SQLite keeps how many rows each kind has per workspace in a small table its triggers
//! maintain, so estimating a large list's total needs no count of a million-row index.
//! PostgreSQL asks its planner instead: nothing to do there.

use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RecordKindCounts {
    Table,
    WorkspaceId,
    Kind,
    N,
}

const TRIGGERS: [&str; 2] = [
    "CREATE TRIGGER records_kind_count_ai AFTER INSERT ON records BEGIN \
     INSERT INTO record_kind_counts (workspace_id, kind, n) VALUES (NEW.workspace_id, NEW.kind, 1) \
     ON CONFLICT (workspace_id, kind) DO UPDATE SET n = n + 1; END",
    "CREATE TRIGGER records_kind_count_ad AFTER DELETE ON records BEGIN \
     UPDATE record_kind_counts SET n = n - 1 \
     WHERE workspace_id = OLD.workspace_id AND kind = OLD.kind; END",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() != DatabaseBackend::Sqlite {
            return Ok(());
        }
        m.create_table(
            Table::create()
                .table(RecordKindCounts::Table)
                .col(uuid(RecordKindCounts::WorkspaceId))
                .col(string_len(RecordKindCounts::Kind, 16))
                .col(big_integer(RecordKindCounts::N))
                .primary_key(
                    Index::create()
                        .col(RecordKindCounts::WorkspaceId)
                        .col(RecordKindCounts::Kind),
                )
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared(
            "INSERT INTO record_kind_counts (workspace_id, kind, n) \
             SELECT workspace_id, kind, COUNT(*) FROM records GROUP BY workspace_id, kind",
        )
        .await?;
        for sql in TRIGGERS {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() != DatabaseBackend::Sqlite {
            return Ok(());
        }
        let db = m.get_connection();
        db.execute_unprepared("DROP TRIGGER IF EXISTS records_kind_count_ai")
            .await?;
        db.execute_unprepared("DROP TRIGGER IF EXISTS records_kind_count_ad")
            .await?;
        m.drop_table(Table::drop().table(RecordKindCounts::Table).to_owned())
            .await
    }
}
