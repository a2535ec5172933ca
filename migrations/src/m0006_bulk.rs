//! Acting on many records: bulk operations with the prior state of every row they changed
//! (so they can be undone), and the background jobs that run the large ones.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Operations {
    Table,
    Id,
    WorkspaceId,
    Kind,
    Action,
    Params,
    CreatedBy,
    JobId,
    Matched,
    Changed,
    SkippedForbidden,
    Failed,
    CreatedAt,
    FinishedAt,
    UndoneAt,
    UndoneBy,
}

#[derive(DeriveIden)]
enum OperationChanges {
    Table,
    WorkspaceId,
    OperationId,
    RecordId,
    Seq,
    PriorOwnerId,
    NewOwnerId,
    PriorStatus,
    NewStatus,
    PriorDeletedAt,
    PriorDeletedBy,
    VersionAfter,
    Restored,
}

#[derive(DeriveIden)]
enum OperationTags {
    Table,
    WorkspaceId,
    OperationId,
    RecordId,
    TagId,
}

#[derive(DeriveIden)]
enum Jobs {
    Table,
    Id,
    WorkspaceId,
    Kind,
    State,
    Progress,
    Counts,
    Params,
    Result,
    Error,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    ClaimedBy,
    HeartbeatAt,
}

/// `(workspace_id, operation_id)` → `operations(workspace_id, id)`: the undo log goes with
/// its operation.
fn operation_fk(name: &str, table: impl IntoIden + 'static) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from_tbl(table)
        .from_col(Alias::new("workspace_id"))
        .from_col(Alias::new("operation_id"))
        .to_tbl(Operations::Table)
        .to_col(Operations::WorkspaceId)
        .to_col(Operations::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn workspace_fk(name: &str, table: impl IntoIden + 'static) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from_tbl(table)
        .from_col(Alias::new("workspace_id"))
        .to_tbl(Alias::new("workspaces"))
        .to_col(Alias::new("id"))
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

async fn index(
    m: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden + 'static,
    cols: &[&'static str],
    unique: bool,
) -> Result<(), DbErr> {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(Alias::new(*c));
    }
    if unique {
        i.unique();
    }
    m.create_index(i.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Operations::Table)
                .col(pk_uuid(Operations::Id))
                .col(uuid(Operations::WorkspaceId))
                .col(string_len(Operations::Kind, 16))
                .col(string_len(Operations::Action, 16))
                .col(json_binary(Operations::Params))
                .col(uuid(Operations::CreatedBy))
                .col(uuid_null(Operations::JobId))
                .col(big_integer(Operations::Matched).default(0))
                .col(big_integer(Operations::Changed).default(0))
                .col(big_integer(Operations::SkippedForbidden).default(0))
                .col(big_integer(Operations::Failed).default(0))
                .col(timestamp_with_time_zone(Operations::CreatedAt))
                .col(timestamp_with_time_zone_null(Operations::FinishedAt))
                .col(timestamp_with_time_zone_null(Operations::UndoneAt))
                .col(uuid_null(Operations::UndoneBy))
                .foreign_key(&mut workspace_fk(
                    "fk_operations_workspace",
                    Operations::Table,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ux_operations_ws_id",
            Operations::Table,
            &["workspace_id", "id"],
            true,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(OperationChanges::Table)
                .col(uuid(OperationChanges::WorkspaceId))
                .col(uuid(OperationChanges::OperationId))
                .col(uuid(OperationChanges::RecordId))
                .col(big_integer(OperationChanges::Seq).default(0))
                .col(uuid(OperationChanges::PriorOwnerId))
                .col(uuid_null(OperationChanges::NewOwnerId))
                .col(string_len(OperationChanges::PriorStatus, 40))
                .col(string_len_null(OperationChanges::NewStatus, 40))
                .col(timestamp_with_time_zone_null(
                    OperationChanges::PriorDeletedAt,
                ))
                .col(uuid_null(OperationChanges::PriorDeletedBy))
                .col(big_integer(OperationChanges::VersionAfter))
                .col(boolean(OperationChanges::Restored).default(false))
                .primary_key(
                    Index::create()
                        .col(OperationChanges::WorkspaceId)
                        .col(OperationChanges::OperationId)
                        .col(OperationChanges::RecordId),
                )
                .foreign_key(&mut operation_fk(
                    "fk_operation_changes_operation",
                    OperationChanges::Table,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(OperationTags::Table)
                .col(uuid(OperationTags::WorkspaceId))
                .col(uuid(OperationTags::OperationId))
                .col(uuid(OperationTags::RecordId))
                .col(uuid(OperationTags::TagId))
                .primary_key(
                    Index::create()
                        .col(OperationTags::WorkspaceId)
                        .col(OperationTags::OperationId)
                        .col(OperationTags::RecordId)
                        .col(OperationTags::TagId),
                )
                .foreign_key(&mut operation_fk(
                    "fk_operation_tags_operation",
                    OperationTags::Table,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Jobs::Table)
                .col(pk_uuid(Jobs::Id))
                .col(uuid(Jobs::WorkspaceId))
                .col(string_len(Jobs::Kind, 32))
                .col(string_len(Jobs::State, 16))
                .col(double(Jobs::Progress).default(0.0))
                .col(json_binary(Jobs::Counts))
                .col(json_binary(Jobs::Params))
                .col(json_binary_null(Jobs::Result))
                .col(text_null(Jobs::Error))
                .col(uuid(Jobs::CreatedBy))
                .col(timestamp_with_time_zone(Jobs::CreatedAt))
                .col(timestamp_with_time_zone(Jobs::UpdatedAt))
                .col(string_len_null(Jobs::ClaimedBy, 64))
                .col(timestamp_with_time_zone_null(Jobs::HeartbeatAt))
                .foreign_key(&mut workspace_fk("fk_jobs_workspace", Jobs::Table))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ux_jobs_ws_id",
            Jobs::Table,
            &["workspace_id", "id"],
            true,
        )
        .await?;
        // The worker's queue: the oldest queued job, and running jobs by heartbeat.
        index(
            m,
            "ix_jobs_state",
            Jobs::Table,
            &["state", "created_at", "workspace_id"],
            false,
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Jobs::Table.into_iden(),
            OperationTags::Table.into_iden(),
            OperationChanges::Table.into_iden(),
            Operations::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
