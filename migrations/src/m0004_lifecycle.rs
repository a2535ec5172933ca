//! The sales life cycle: what a converted prospect or lead became, and when. A prospect's
//! `converted_to` is its lead; a lead's is its contact, with the account and opportunity beside.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Records {
    Table,
    ConvertedTo,
    ConvertedAt,
    ConvertedAccountId,
    ConvertedOpportunityId,
}

/// The new columns; SQLite takes one `ADD COLUMN` per statement.
fn columns() -> [ColumnDef; 4] {
    [
        uuid_null(Records::ConvertedTo),
        timestamp_with_time_zone_null(Records::ConvertedAt),
        uuid_null(Records::ConvertedAccountId),
        uuid_null(Records::ConvertedOpportunityId),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        crate::add_columns(m, Records::Table, columns()).await?;
        // The timeline of a contact (lead) gathers the records converted into it.
        m.create_index(
            Index::create()
                .name("ix_records_converted_to")
                .table(Records::Table)
                .col(Alias::new("workspace_id"))
                .col(Records::ConvertedTo)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_records_converted_to")
                .table(Records::Table)
                .to_owned(),
        )
        .await?;
        for col in [
            Records::ConvertedOpportunityId,
            Records::ConvertedAccountId,
            Records::ConvertedAt,
            Records::ConvertedTo,
        ] {
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
