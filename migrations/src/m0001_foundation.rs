//! Workspaces, users, teams, API keys, refresh tokens and the audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Workspaces {
    Table,
    Id,
    Name,
    DefaultCountry,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    WorkspaceId,
    Email,
    Name,
    PasswordHash,
    Role,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Teams {
    Table,
    Id,
    WorkspaceId,
    Name,
    DataOwner,
    AssignmentRule,
    RrCursor,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TeamMembers {
    Table,
    WorkspaceId,
    TeamId,
    UserId,
    Position,
}

#[derive(DeriveIden)]
enum ApiKeys {
    Table,
    Id,
    WorkspaceId,
    UserId,
    Name,
    Prefix,
    KeyHash,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    Id,
    WorkspaceId,
    UserId,
    FamilyId,
    TokenHash,
    ExpiresAt,
    UsedAt,
    RevokedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    WorkspaceId,
    ActorId,
    Action,
    Entity,
    EntityId,
    Before,
    After,
    At,
}

/// A foreign key `(workspace_id, col)` → `table(workspace_id, id)`: references never cross
/// workspaces, and the key stays local to one shard.
fn tenant_fk(
    name: &str,
    from: impl IntoIden + 'static,
    col: impl IntoIden + 'static,
    to: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    let to = to.into_iden();
    ForeignKey::create()
        .name(name)
        .from_tbl(from)
        .from_col(Alias::new("workspace_id"))
        .from_col(col)
        .to_tbl(to)
        .to_col(Alias::new("workspace_id"))
        .to_col(Alias::new("id"))
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Workspaces::Table)
                .col(pk_uuid(Workspaces::Id))
                .col(string(Workspaces::Name))
                .col(string_len(Workspaces::DefaultCountry, 2))
                .col(timestamp_with_time_zone(Workspaces::CreatedAt))
                .col(timestamp_with_time_zone(Workspaces::UpdatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(pk_uuid(Users::Id))
                .col(uuid(Users::WorkspaceId))
                .col(string(Users::Email))
                .col(string(Users::Name))
                .col(string(Users::PasswordHash))
                .col(string_len(Users::Role, 16))
                .col(boolean(Users::Active))
                .col(timestamp_with_time_zone(Users::CreatedAt))
                .col(timestamp_with_time_zone(Users::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_users_workspace")
                        .from(Users::Table, Users::WorkspaceId)
                        .to(Workspaces::Table, Workspaces::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        unique(
            m,
            "ux_users_ws_id",
            Users::Table,
            [Users::WorkspaceId, Users::Id],
        )
        .await?;
        unique(
            m,
            "ux_users_ws_email",
            Users::Table,
            [Users::WorkspaceId, Users::Email],
        )
        .await?;
        // Login looks a user up by email before it knows the workspace.
        m.create_index(
            Index::create()
                .name("ix_users_email")
                .table(Users::Table)
                .col(Users::Email)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Teams::Table)
                .col(pk_uuid(Teams::Id))
                .col(uuid(Teams::WorkspaceId))
                .col(string(Teams::Name))
                .col(boolean(Teams::DataOwner))
                .col(string_len(Teams::AssignmentRule, 16))
                .col(big_integer(Teams::RrCursor).default(0))
                .col(timestamp_with_time_zone(Teams::CreatedAt))
                .col(timestamp_with_time_zone(Teams::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_teams_workspace")
                        .from(Teams::Table, Teams::WorkspaceId)
                        .to(Workspaces::Table, Workspaces::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        unique(
            m,
            "ux_teams_ws_id",
            Teams::Table,
            [Teams::WorkspaceId, Teams::Id],
        )
        .await?;
        unique(
            m,
            "ux_teams_ws_name",
            Teams::Table,
            [Teams::WorkspaceId, Teams::Name],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(TeamMembers::Table)
                .col(uuid(TeamMembers::WorkspaceId))
                .col(uuid(TeamMembers::TeamId))
                .col(uuid(TeamMembers::UserId))
                .col(integer(TeamMembers::Position))
                .primary_key(
                    Index::create()
                        .col(TeamMembers::WorkspaceId)
                        .col(TeamMembers::TeamId)
                        .col(TeamMembers::UserId),
                )
                .foreign_key(&mut tenant_fk(
                    "fk_team_members_team",
                    TeamMembers::Table,
                    TeamMembers::TeamId,
                    Teams::Table,
                ))
                .foreign_key(&mut tenant_fk(
                    "fk_team_members_user",
                    TeamMembers::Table,
                    TeamMembers::UserId,
                    Users::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_team_members_user")
                .table(TeamMembers::Table)
                .col(TeamMembers::WorkspaceId)
                .col(TeamMembers::UserId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ApiKeys::Table)
                .col(pk_uuid(ApiKeys::Id))
                .col(uuid(ApiKeys::WorkspaceId))
                .col(uuid(ApiKeys::UserId))
                .col(string(ApiKeys::Name))
                .col(string_len(ApiKeys::Prefix, 16))
                .col(string_len(ApiKeys::KeyHash, 64))
                .col(timestamp_with_time_zone(ApiKeys::CreatedAt))
                .col(timestamp_with_time_zone_null(ApiKeys::LastUsedAt))
                .col(timestamp_with_time_zone_null(ApiKeys::RevokedAt))
                .foreign_key(&mut tenant_fk(
                    "fk_api_keys_user",
                    ApiKeys::Table,
                    ApiKeys::UserId,
                    Users::Table,
                ))
                .to_owned(),
        )
        .await?;
        // Authentication finds a key by its hash alone; hashes of 256-bit secrets do not collide.
        m.create_index(
            Index::create()
                .name("ux_api_keys_hash")
                .table(ApiKeys::Table)
                .col(ApiKeys::KeyHash)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(RefreshTokens::Table)
                .col(pk_uuid(RefreshTokens::Id))
                .col(uuid(RefreshTokens::WorkspaceId))
                .col(uuid(RefreshTokens::UserId))
                .col(uuid(RefreshTokens::FamilyId))
                .col(string_len(RefreshTokens::TokenHash, 64))
                .col(timestamp_with_time_zone(RefreshTokens::ExpiresAt))
                .col(timestamp_with_time_zone_null(RefreshTokens::UsedAt))
                .col(timestamp_with_time_zone_null(RefreshTokens::RevokedAt))
                .col(timestamp_with_time_zone(RefreshTokens::CreatedAt))
                .foreign_key(&mut tenant_fk(
                    "fk_refresh_tokens_user",
                    RefreshTokens::Table,
                    RefreshTokens::UserId,
                    Users::Table,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_refresh_tokens_hash")
                .table(RefreshTokens::Table)
                .col(RefreshTokens::TokenHash)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_refresh_tokens_family")
                .table(RefreshTokens::Table)
                .col(RefreshTokens::WorkspaceId)
                .col(RefreshTokens::FamilyId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(pk_uuid(AuditLog::Id))
                .col(uuid(AuditLog::WorkspaceId))
                .col(uuid_null(AuditLog::ActorId))
                .col(string_len(AuditLog::Action, 32))
                .col(string_len(AuditLog::Entity, 32))
                .col(uuid(AuditLog::EntityId))
                .col(json_binary_null(AuditLog::Before))
                .col(json_binary_null(AuditLog::After))
                .col(timestamp_with_time_zone(AuditLog::At))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_audit_log_workspace")
                        .from(AuditLog::Table, AuditLog::WorkspaceId)
                        .to(Workspaces::Table, Workspaces::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_audit_log_entity")
                .table(AuditLog::Table)
                .col(AuditLog::WorkspaceId)
                .col(AuditLog::EntityId)
                .col(AuditLog::At)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            RefreshTokens::Table.into_iden(),
            ApiKeys::Table.into_iden(),
            TeamMembers::Table.into_iden(),
            Teams::Table.into_iden(),
            Users::Table.into_iden(),
            Workspaces::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

/// Creates a unique index over `cols`.
async fn unique<const N: usize>(
    m: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden + 'static,
    cols: [impl IntoIden + 'static; N],
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table).unique();
    for col in cols {
        index.col(col);
    }
    m.create_index(index.to_owned()).await
}
