//! A covering index for counting the records a user sees: the visibility columns and the
//! live-row markers, so totals are counted from the index without reading the rows.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [&str; 8] = [
    "workspace_id",
    "kind",
    "deleted_at",
    "merged_into",
    "sharing_mode",
    "owner_id",
    "created_by",
    "id",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut index = Index::create();
        index
            .name("ix_records_visibility")
            .table(Alias::new("records"));
        for col in COLUMNS {
            index.col(Alias::new(col));
        }
        m.create_index(index.to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_records_visibility")
                .table(Alias::new("records"))
                .to_owned(),
        )
        .await
    }
}
