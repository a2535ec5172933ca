//! `workspaces.import_writes`: how many import chunks a workspace has committed. Every chunk
//! adds one under the workspace's import lock, so a chunk whose rows were matched against an
//! earlier snapshot (read ahead, while the chunk before was written) can tell whether another
//! import committed records in between: then its matches are stale and are taken again
//! under the lock.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Workspaces {
    Table,
    ImportWrites,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Workspaces::Table)
                .add_column(
                    ColumnDef::new(Workspaces::ImportWrites)
                        .big_integer()
                        .not_null()
                        .default(0),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Workspaces::Table)
                .drop_column(Workspaces::ImportWrites)
                .to_owned(),
        )
        .await
    }
}
