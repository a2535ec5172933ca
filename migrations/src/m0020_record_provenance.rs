//! `records.import_id` and `records.import_row`: the import and spreadsheet row a record was
//! created from. The record itself says where it came from, so an import no longer writes a
//! timeline event and an outcome row beside every record it creates (the timeline shows the
//! "imported" entry from these columns; an import's created rows are listed from them). The
//! unique partial index holds only imported records: it finds an import's records in row
//! order, and a resumed chunk cannot create a row's record twice.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Records {
    Table,
    ImportId,
    ImportRow,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        crate::add_columns(
            m,
            Records::Table,
            [
                ColumnDef::new(Records::ImportId).uuid().null().to_owned(),
                ColumnDef::new(Records::ImportRow)
                    .big_integer()
                    .null()
                    .to_owned(),
            ],
        )
        .await?;
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_records_import ON records \
                 (workspace_id, import_id, import_row) WHERE import_id IS NOT NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared("DROP INDEX ux_records_import")
            .await?;
        for col in [Records::ImportRow, Records::ImportId] {
            m.alter_table(
                Table::alter()
                    .table(Records::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
