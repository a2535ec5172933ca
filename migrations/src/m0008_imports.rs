//! Imports (PRODUCT §7): an uploaded file with its options and progress, and the outcome of
//! every row it ran — which record a row created or changed, and what the record held before,
//! so the import can be reported and undone.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Imports {
    Table,
    Id,
    WorkspaceId,
    Kind,
    State,
    FileName,
    Format,
    FileSize,
    Sheet,
    Headers,
    Options,
    Total,
    Counts,
    Cursor,
    JobId,
    Result,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    FinishedAt,
    UndoneAt,
}

#[derive(DeriveIden)]
enum ImportRows {
    Table,
    WorkspaceId,
    ImportId,
    RowNo,
    Outcome,
    RecordId,
    DuplicateOfRow,
    Reasons,
    Cells,
    Prior,
    VersionAfter,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Imports::Table)
                .col(pk_uuid(Imports::Id))
                .col(uuid(Imports::WorkspaceId))
                .col(string_len(Imports::Kind, 16))
                .col(string_len(Imports::State, 16))
                .col(string_len(Imports::FileName, 255))
                .col(string_len(Imports::Format, 8))
                .col(big_integer(Imports::FileSize))
                .col(string_len_null(Imports::Sheet, 255))
                .col(json_binary(Imports::Headers))
                .col(json_binary_null(Imports::Options))
                .col(big_integer(Imports::Total).default(0))
                .col(json_binary(Imports::Counts))
                .col(big_integer(Imports::Cursor).default(0))
                .col(uuid_null(Imports::JobId))
                .col(json_binary_null(Imports::Result))
                .col(uuid(Imports::CreatedBy))
                .col(timestamp_with_time_zone(Imports::CreatedAt))
                .col(timestamp_with_time_zone(Imports::UpdatedAt))
                .col(timestamp_with_time_zone_null(Imports::FinishedAt))
                .col(timestamp_with_time_zone_null(Imports::UndoneAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_imports_workspace")
                        .from_tbl(Imports::Table)
                        .from_col(Imports::WorkspaceId)
                        .to_tbl(Alias::new("workspaces"))
                        .to_col(Alias::new("id"))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_imports_ws_id")
                .table(Imports::Table)
                .col(Imports::WorkspaceId)
                .col(Imports::Id)
                .unique()
                .to_owned(),
        )
        .await?;

        // One row per spreadsheet row an import ran: the key makes a resumed chunk unable to
        // record a row twice.
        m.create_table(
            Table::create()
                .table(ImportRows::Table)
                .col(uuid(ImportRows::WorkspaceId))
                .col(uuid(ImportRows::ImportId))
                .col(big_integer(ImportRows::RowNo))
                .col(string_len(ImportRows::Outcome, 16))
                .col(uuid_null(ImportRows::RecordId))
                .col(big_integer_null(ImportRows::DuplicateOfRow))
                .col(json_binary(ImportRows::Reasons))
                .col(json_binary_null(ImportRows::Cells))
                .col(json_binary_null(ImportRows::Prior))
                .col(big_integer_null(ImportRows::VersionAfter))
                .primary_key(
                    Index::create()
                        .col(ImportRows::WorkspaceId)
                        .col(ImportRows::ImportId)
                        .col(ImportRows::RowNo),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_import_rows_import")
                        .from_tbl(ImportRows::Table)
                        .from_col(ImportRows::WorkspaceId)
                        .from_col(ImportRows::ImportId)
                        .to_tbl(Imports::Table)
                        .to_col(Imports::WorkspaceId)
                        .to_col(Imports::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_import_rows_outcome")
                .table(ImportRows::Table)
                .col(ImportRows::WorkspaceId)
                .col(ImportRows::ImportId)
                .col(ImportRows::Outcome)
                .col(ImportRows::RowNo)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ImportRows::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Imports::Table).to_owned())
            .await
    }
}
