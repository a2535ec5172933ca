//! Duplicates and merge: the folded keys records are compared on, each kind's duplicate rules,
//! and every merge with the exact prior state of what it touched (so it can be undone).

use sea_orm_migration::sea_orm::ConnectionTrait;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Records {
    Table,
    NameKey,
    AddressKey,
}

#[derive(DeriveIden)]
enum DuplicateRules {
    Table,
    WorkspaceId,
    Kind,
    Position,
    Criteria,
    Action,
}

#[derive(DeriveIden)]
enum Merges {
    Table,
    Id,
    WorkspaceId,
    Kind,
    MasterId,
    SlaveIds,
    Snapshot,
    VersionAfter,
    CreatedBy,
    CreatedAt,
    UndoneAt,
    UndoneBy,
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

/// Dedupe lookups and scans group records of one kind by a key.
const KEY_INDEXES: [(&str, &str); 3] = [
    ("ix_records_name_key", "name_key"),
    ("ix_records_address_key", "address_key"),
    ("ix_records_national_id", "national_id"),
];

/// A merge moves every reference to a slave onto the master; these columns are mostly empty,
/// so partial indexes find the few rows that point somewhere at little cost.
const REFERENCE_INDEXES: [(&str, &str); 4] = [
    ("ix_records_contact_ref", "contact_id"),
    ("ix_records_source_lead_ref", "source_lead_id"),
    ("ix_records_converted_account_ref", "converted_account_id"),
    (
        "ix_records_converted_opportunity_ref",
        "converted_opportunity_id",
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, col) in REFERENCE_INDEXES {
            m.get_connection()
                .execute_unprepared(&format!(
                    "CREATE INDEX {name} ON records (workspace_id, {col}) WHERE {col} IS NOT NULL"
                ))
                .await?;
        }
        crate::add_columns(
            m,
            Records::Table,
            [
                string(Records::NameKey).default("").to_owned(),
                string(Records::AddressKey).default("").to_owned(),
            ],
        )
        .await?;
        for (name, col) in KEY_INDEXES {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(Records::Table)
                    .col(Alias::new("workspace_id"))
                    .col(Alias::new("kind"))
                    .col(Alias::new(col))
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table(DuplicateRules::Table)
                .col(uuid(DuplicateRules::WorkspaceId))
                .col(string_len(DuplicateRules::Kind, 16))
                .col(integer(DuplicateRules::Position))
                .col(string_len(DuplicateRules::Criteria, 400))
                .col(string_len(DuplicateRules::Action, 8))
                .primary_key(
                    Index::create()
                        .col(DuplicateRules::WorkspaceId)
                        .col(DuplicateRules::Kind)
                        .col(DuplicateRules::Position),
                )
                .foreign_key(&mut workspace_fk(
                    "fk_duplicate_rules_workspace",
                    DuplicateRules::Table,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Merges::Table)
                .col(pk_uuid(Merges::Id))
                .col(uuid(Merges::WorkspaceId))
                .col(string_len(Merges::Kind, 16))
                .col(uuid(Merges::MasterId))
                .col(json_binary(Merges::SlaveIds))
                .col(json_binary(Merges::Snapshot))
                .col(big_integer(Merges::VersionAfter))
                .col(uuid(Merges::CreatedBy))
                .col(timestamp_with_time_zone(Merges::CreatedAt))
                .col(timestamp_with_time_zone_null(Merges::UndoneAt))
                .col(uuid_null(Merges::UndoneBy))
                .foreign_key(&mut workspace_fk("fk_merges_workspace", Merges::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_merges_master")
                .table(Merges::Table)
                .col(Merges::WorkspaceId)
                .col(Merges::MasterId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [Merges::Table.into_iden(), DuplicateRules::Table.into_iden()] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        for (name, _) in KEY_INDEXES.iter().chain(REFERENCE_INDEXES.iter()) {
            m.drop_index(Index::drop().name(*name).table(Records::Table).to_owned())
                .await?;
        }
        for col in [Records::AddressKey, Records::NameKey] {
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
