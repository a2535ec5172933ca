//! Workspace settings: statuses per kind, picklist values, custom field definitions and tags.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Workspaces {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Statuses {
    Table,
    Id,
    WorkspaceId,
    Kind,
    Key,
    LabelVi,
    LabelEn,
    Position,
    IsDefault,
    Outcome,
}

#[derive(DeriveIden)]
enum PicklistValues {
    Table,
    Id,
    WorkspaceId,
    List,
    Key,
    LabelVi,
    LabelEn,
    Position,
}

#[derive(DeriveIden)]
enum CustomFields {
    Table,
    Id,
    WorkspaceId,
    Kind,
    Key,
    LabelVi,
    LabelEn,
    FieldType,
    Required,
    Options,
    Position,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Tags {
    Table,
    Id,
    WorkspaceId,
    Name,
    Key,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let statuses = Table::create()
            .table(Statuses::Table)
            .col(pk_uuid(Statuses::Id))
            .col(uuid(Statuses::WorkspaceId))
            .col(string_len(Statuses::Kind, 16))
            .col(string_len(Statuses::Key, 40))
            .col(string(Statuses::LabelVi))
            .col(string(Statuses::LabelEn))
            .col(integer(Statuses::Position))
            .col(boolean(Statuses::IsDefault))
            .col(string_len_null(Statuses::Outcome, 8))
            .to_owned();
        tenant_table(m, statuses, "statuses", &["kind", "key"]).await?;

        let picklists = Table::create()
            .table(PicklistValues::Table)
            .col(pk_uuid(PicklistValues::Id))
            .col(uuid(PicklistValues::WorkspaceId))
            .col(string_len(PicklistValues::List, 32))
            .col(string_len(PicklistValues::Key, 40))
            .col(string(PicklistValues::LabelVi))
            .col(string(PicklistValues::LabelEn))
            .col(integer(PicklistValues::Position))
            .to_owned();
        tenant_table(m, picklists, "picklist_values", &["list", "key"]).await?;

        let fields = Table::create()
            .table(CustomFields::Table)
            .col(pk_uuid(CustomFields::Id))
            .col(uuid(CustomFields::WorkspaceId))
            .col(string_len(CustomFields::Kind, 16))
            .col(string_len(CustomFields::Key, 40))
            .col(string(CustomFields::LabelVi))
            .col(string(CustomFields::LabelEn))
            .col(string_len(CustomFields::FieldType, 16))
            .col(boolean(CustomFields::Required))
            .col(json_binary(CustomFields::Options))
            .col(integer(CustomFields::Position))
            .col(timestamp_with_time_zone(CustomFields::CreatedAt))
            .col(timestamp_with_time_zone(CustomFields::UpdatedAt))
            .to_owned();
        tenant_table(m, fields, "custom_fields", &["kind", "key"]).await?;

        // `key` is the name folded by `search_key`: "VIP", "vip" and "Víp" are one tag.
        let tags = Table::create()
            .table(Tags::Table)
            .col(pk_uuid(Tags::Id))
            .col(uuid(Tags::WorkspaceId))
            .col(string(Tags::Name))
            .col(string(Tags::Key))
            .col(timestamp_with_time_zone(Tags::CreatedAt))
            .col(timestamp_with_time_zone(Tags::UpdatedAt))
            .to_owned();
        tenant_table(m, tags, "tags", &["key"]).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Tags::Table.into_iden(),
            CustomFields::Table.into_iden(),
            PicklistValues::Table.into_iden(),
            Statuses::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

/// Creates a workspace-owned table with its workspace foreign key, a unique
/// `(workspace_id, id)` for tenant foreign keys to point at, and a unique
/// `(workspace_id, natural…)` index for its natural key.
async fn tenant_table(
    m: &SchemaManager<'_>,
    mut create: TableCreateStatement,
    name: &str,
    natural: &[&str],
) -> Result<(), DbErr> {
    create.foreign_key(
        ForeignKey::create()
            .name(format!("fk_{name}_workspace"))
            .from_tbl(Alias::new(name))
            .from_col(Alias::new("workspace_id"))
            .to(Workspaces::Table, Workspaces::Id)
            .on_delete(ForeignKeyAction::Cascade),
    );
    m.create_table(create).await?;
    unique(m, &format!("ux_{name}_ws_id"), name, &["id"]).await?;
    let index = format!("ux_{name}_ws_{}", natural.join("_"));
    unique(m, &index, name, natural).await
}

/// A unique index over `workspace_id` and `cols`.
async fn unique(
    m: &SchemaManager<'_>,
    index: &str,
    table: &str,
    cols: &[&str],
) -> Result<(), DbErr> {
    let mut create = Index::create();
    create
        .name(index)
        .table(Alias::new(table))
        .unique()
        .col(Alias::new("workspace_id"));
    for col in cols {
        create.col(Alias::new(*col));
    }
    m.create_index(create.to_owned()).await
}
