//! Customer records of all five kinds, their phones, emails, tags, shares and activities,
//! idempotency keys, and the engines' own search indexes over the folded search key.

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Records {
    Table,
    Id,
    WorkspaceId,
    Kind,
    Status,
    FirstName,
    LastName,
    Name,
    SearchKey,
    Birthday,
    Gender,
    NationalId,
    JobTitle,
    Source,
    Industry,
    CompanyName,
    AccountId,
    ContactId,
    Notes,
    Custom,
    Socials,
    Websites,
    Addresses,
    City,
    OrgSize,
    ContactSource,
    CustomerGroup,
    ContactStatus,
    Amount,
    Currency,
    ExpectedCloseDate,
    Probability,
    LostReason,
    ClosedAt,
    SourceLeadId,
    InputSource,
    ZaloUserId,
    FacebookPsid,
    OwnerId,
    SharingMode,
    CreatedBy,
    CreatedVia,
    Version,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
    DeletedBy,
    MergedInto,
}

#[derive(DeriveIden)]
enum RecordPhones {
    Table,
    WorkspaceId,
    RecordId,
    Position,
    E164,
    Label,
}

#[derive(DeriveIden)]
enum RecordEmails {
    Table,
    WorkspaceId,
    RecordId,
    Position,
    Address,
    Label,
}

#[derive(DeriveIden)]
enum RecordTags {
    Table,
    WorkspaceId,
    RecordId,
    TagId,
}

#[derive(DeriveIden)]
enum RecordShares {
    Table,
    Id,
    WorkspaceId,
    RecordId,
    TeamId,
    UserId,
}

#[derive(DeriveIden)]
enum Activities {
    Table,
    Id,
    WorkspaceId,
    RecordId,
    Kind,
    Event,
    Subject,
    Body,
    Data,
    ActorId,
    OccurredAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    WorkspaceId,
    UserId,
    Key,
    Fingerprint,
    Status,
    Response,
    CreatedAt,
}

fn records_table() -> TableCreateStatement {
    let mut t = Table::create();
    t.table(Records::Table)
        .col(pk_uuid(Records::Id))
        .col(uuid(Records::WorkspaceId))
        .col(string_len(Records::Kind, 16))
        .col(string_len(Records::Status, 40))
        .col(string_null(Records::FirstName))
        .col(string_null(Records::LastName))
        .col(string(Records::Name))
        .col(text(Records::SearchKey))
        .col(date_null(Records::Birthday))
        .col(string_len_null(Records::Gender, 16))
        .col(string_null(Records::NationalId))
        .col(string_null(Records::JobTitle))
        .col(string_len(Records::Source, 40).default(""))
        .col(string_len(Records::Industry, 40).default(""))
        .col(string_null(Records::CompanyName))
        .col(uuid_null(Records::AccountId))
        .col(uuid_null(Records::ContactId))
        .col(text_null(Records::Notes))
        .col(json_binary(Records::Custom))
        .col(json_binary(Records::Socials))
        .col(json_binary(Records::Websites))
        .col(json_binary(Records::Addresses))
        .col(string(Records::City).default(""))
        .col(string_len_null(Records::OrgSize, 40))
        .col(string_len_null(Records::ContactSource, 40))
        .col(string_len_null(Records::CustomerGroup, 40))
        .col(string_len_null(Records::ContactStatus, 40))
        .col(string_len_null(Records::Amount, 40))
        .col(string_len_null(Records::Currency, 3))
        .col(date_null(Records::ExpectedCloseDate))
        .col(integer_null(Records::Probability))
        .col(string_len_null(Records::LostReason, 40))
        .col(timestamp_with_time_zone_null(Records::ClosedAt))
        .col(uuid_null(Records::SourceLeadId))
        .col(string_len_null(Records::InputSource, 16))
        .col(string_null(Records::ZaloUserId))
        .col(string_null(Records::FacebookPsid))
        .col(uuid(Records::OwnerId))
        .col(string_len(Records::SharingMode, 16))
        .col(uuid(Records::CreatedBy))
        .col(string_len(Records::CreatedVia, 16))
        .col(big_integer(Records::Version))
        .col(timestamp_with_time_zone(Records::CreatedAt))
        .col(timestamp_with_time_zone(Records::UpdatedAt))
        .col(timestamp_with_time_zone_null(Records::DeletedAt))
        .col(uuid_null(Records::DeletedBy))
        .col(uuid_null(Records::MergedInto))
        .foreign_key(
            ForeignKey::create()
                .name("fk_records_workspace")
                .from(Records::Table, Records::WorkspaceId)
                .to(Alias::new("workspaces"), Alias::new("id"))
                .on_delete(ForeignKeyAction::Cascade),
        );
    t.to_owned()
}

/// A child table keyed by `(workspace_id, record_id, …)` that goes with its record.
fn child_fk(name: &str, table: impl IntoIden + 'static) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from_tbl(table)
        .from_col(Alias::new("workspace_id"))
        .from_col(Alias::new("record_id"))
        .to_tbl(Records::Table)
        .to_col(Records::WorkspaceId)
        .to_col(Records::Id)
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
        m.create_table(records_table()).await?;
        index(
            m,
            "ux_records_ws_id",
            Records::Table,
            &["workspace_id", "id"],
            true,
        )
        .await?;
        for (name, col) in [
            ("ix_records_created", "created_at"),
            ("ix_records_updated", "updated_at"),
            ("ix_records_name", "name"),
            ("ix_records_status", "status"),
            ("ix_records_owner", "owner_id"),
            ("ix_records_source", "source"),
            ("ix_records_industry", "industry"),
            ("ix_records_city", "city"),
        ] {
            let cols = ["workspace_id", "kind", col, "id"];
            index(m, name, Records::Table, &cols, false).await?;
        }
        index(
            m,
            "ix_records_account",
            Records::Table,
            &["workspace_id", "account_id"],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(RecordPhones::Table)
                .col(uuid(RecordPhones::WorkspaceId))
                .col(uuid(RecordPhones::RecordId))
                .col(integer(RecordPhones::Position))
                .col(string_len(RecordPhones::E164, 20))
                .col(string_len(RecordPhones::Label, 40))
                .primary_key(
                    Index::create()
                        .col(RecordPhones::WorkspaceId)
                        .col(RecordPhones::RecordId)
                        .col(RecordPhones::Position),
                )
                .foreign_key(&mut child_fk(
                    "fk_record_phones_record",
                    RecordPhones::Table,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_record_phones_e164",
            RecordPhones::Table,
            &["workspace_id", "e164"],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(RecordEmails::Table)
                .col(uuid(RecordEmails::WorkspaceId))
                .col(uuid(RecordEmails::RecordId))
                .col(integer(RecordEmails::Position))
                .col(string(RecordEmails::Address))
                .col(string_len(RecordEmails::Label, 40))
                .primary_key(
                    Index::create()
                        .col(RecordEmails::WorkspaceId)
                        .col(RecordEmails::RecordId)
                        .col(RecordEmails::Position),
                )
                .foreign_key(&mut child_fk(
                    "fk_record_emails_record",
                    RecordEmails::Table,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_record_emails_address",
            RecordEmails::Table,
            &["workspace_id", "address"],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(RecordTags::Table)
                .col(uuid(RecordTags::WorkspaceId))
                .col(uuid(RecordTags::RecordId))
                .col(uuid(RecordTags::TagId))
                .primary_key(
                    Index::create()
                        .col(RecordTags::WorkspaceId)
                        .col(RecordTags::RecordId)
                        .col(RecordTags::TagId),
                )
                .foreign_key(&mut child_fk("fk_record_tags_record", RecordTags::Table))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_record_tags_tag")
                        .from_tbl(RecordTags::Table)
                        .from_col(RecordTags::WorkspaceId)
                        .from_col(RecordTags::TagId)
                        .to_tbl(Alias::new("tags"))
                        .to_col(Alias::new("workspace_id"))
                        .to_col(Alias::new("id"))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_record_tags_tag",
            RecordTags::Table,
            &["workspace_id", "tag_id", "record_id"],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(RecordShares::Table)
                .col(pk_uuid(RecordShares::Id))
                .col(uuid(RecordShares::WorkspaceId))
                .col(uuid(RecordShares::RecordId))
                .col(uuid_null(RecordShares::TeamId))
                .col(uuid_null(RecordShares::UserId))
                .foreign_key(&mut child_fk(
                    "fk_record_shares_record",
                    RecordShares::Table,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_record_shares_record",
            RecordShares::Table,
            &["workspace_id", "record_id"],
            false,
        )
        .await?;
        index(
            m,
            "ix_record_shares_team",
            RecordShares::Table,
            &["workspace_id", "team_id"],
            false,
        )
        .await?;
        index(
            m,
            "ix_record_shares_user",
            RecordShares::Table,
            &["workspace_id", "user_id"],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Activities::Table)
                .col(pk_uuid(Activities::Id))
                .col(uuid(Activities::WorkspaceId))
                .col(uuid(Activities::RecordId))
                .col(string_len(Activities::Kind, 16))
                .col(string_len_null(Activities::Event, 32))
                .col(string_null(Activities::Subject))
                .col(text_null(Activities::Body))
                .col(json_binary_null(Activities::Data))
                .col(uuid_null(Activities::ActorId))
                .col(timestamp_with_time_zone(Activities::OccurredAt))
                .col(timestamp_with_time_zone(Activities::CreatedAt))
                .foreign_key(&mut child_fk("fk_activities_record", Activities::Table))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_activities_record",
            Activities::Table,
            &["workspace_id", "record_id", "occurred_at"],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(IdempotencyKeys::Table)
                .col(uuid(IdempotencyKeys::WorkspaceId))
                .col(uuid(IdempotencyKeys::UserId))
                .col(string_len(IdempotencyKeys::Key, 200))
                .col(string_len(IdempotencyKeys::Fingerprint, 64))
                .col(integer(IdempotencyKeys::Status))
                .col(json_binary(IdempotencyKeys::Response))
                .col(timestamp_with_time_zone(IdempotencyKeys::CreatedAt))
                .primary_key(
                    Index::create()
                        .col(IdempotencyKeys::WorkspaceId)
                        .col(IdempotencyKeys::UserId)
                        .col(IdempotencyKeys::Key),
                )
                .to_owned(),
        )
        .await?;

        search_index_up(m).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        search_index_down(m).await?;
        for table in [
            IdempotencyKeys::Table.into_iden(),
            Activities::Table.into_iden(),
            RecordShares::Table.into_iden(),
            RecordTags::Table.into_iden(),
            RecordEmails::Table.into_iden(),
            RecordPhones::Table.into_iden(),
            Records::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

/// SQLite's FTS5 trigram table over `records.search_key` and the triggers keeping it in step
/// (replaced by m0013's indexes; its `down` puts these back).
pub(crate) const SQLITE_TRIGRAM_UP: [&str; 4] = [
    "CREATE VIRTUAL TABLE records_fts USING fts5(search_key, content='records', \
     content_rowid='rowid', tokenize='trigram')",
    "CREATE TRIGGER records_fts_ai AFTER INSERT ON records BEGIN \
     INSERT INTO records_fts(rowid, search_key) VALUES (new.rowid, new.search_key); END",
    "CREATE TRIGGER records_fts_ad AFTER DELETE ON records BEGIN \
     INSERT INTO records_fts(records_fts, rowid, search_key) \
     VALUES ('delete', old.rowid, old.search_key); END",
    "CREATE TRIGGER records_fts_au AFTER UPDATE OF search_key ON records BEGIN \
     INSERT INTO records_fts(records_fts, rowid, search_key) \
     VALUES ('delete', old.rowid, old.search_key); \
     INSERT INTO records_fts(rowid, search_key) VALUES (new.rowid, new.search_key); END",
];

/// Drops what [`SQLITE_TRIGRAM_UP`] creates.
pub(crate) const SQLITE_TRIGRAM_DOWN: [&str; 4] = [
    "DROP TRIGGER IF EXISTS records_fts_au",
    "DROP TRIGGER IF EXISTS records_fts_ad",
    "DROP TRIGGER IF EXISTS records_fts_ai",
    "DROP TABLE IF EXISTS records_fts",
];

/// The engines' own substring indexes over `records.search_key`: a pg_trgm GIN index on
/// PostgreSQL, an FTS5 trigram table kept in step by triggers on SQLite.
async fn search_index_up(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    match m.get_database_backend() {
        DatabaseBackend::Postgres => {
            db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                .await?;
            db.execute_unprepared(
                "CREATE INDEX ix_records_search ON records USING gin (search_key gin_trgm_ops)",
            )
            .await?;
        }
        DatabaseBackend::Sqlite => {
            for sql in SQLITE_TRIGRAM_UP {
                db.execute_unprepared(sql).await?;
            }
        }
        other => return Err(DbErr::Migration(format!("unsupported backend {other:?}"))),
    }
    Ok(())
}

async fn search_index_down(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    match m.get_database_backend() {
        DatabaseBackend::Postgres => {
            db.execute_unprepared("DROP INDEX IF EXISTS ix_records_search")
                .await?;
        }
        _ => {
            for sql in SQLITE_TRIGRAM_DOWN {
                db.execute_unprepared(sql).await?;
            }
        }
    }
    Ok(())
}
