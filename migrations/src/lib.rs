//! Sen's schema, as one ordered migration set that runs unchanged on SQLite and PostgreSQL.
//!
//! Every tenant-owned table carries `workspace_id`, and its unique indexes and foreign keys
//! include it, so the schema can later be distributed by workspace (Citus-style).

pub use sea_orm_migration::MigratorTrait;
use sea_orm_migration::prelude::*;

mod m0001_foundation;
mod m0002_settings;
mod m0003_records;
mod m0004_lifecycle;
mod m0005_list_indexes;
mod m0006_bulk;
mod m0007_duplicates;
mod m0008_imports;
mod m0009_kind_counts;
mod m0010_partial_links;
mod m0011_live_status;
mod m0012_word_starts;
mod m0013_search_words;
mod m0014_tag_lists;
mod m0015_name_live;
mod m0016_word_starts;
mod m0017_word_scopes;
mod m0018_word_audiences;
mod m0019_import_writes;
mod m0020_record_provenance;

pub use m0018_word_audiences::{
    AUDIENCE_KIND_SHIFT, AUDIENCE_RECORD_SHIFT, AUDIENCE_WORDS, audience_entries,
};

/// Runs `statements` one after the other.
pub(crate) async fn run<S: AsRef<str>>(
    db: &impl sea_orm_migration::sea_orm::ConnectionTrait,
    statements: &[S],
) -> Result<(), sea_orm_migration::prelude::DbErr> {
    for sql in statements {
        db.execute_unprepared(sql.as_ref()).await?;
    }
    Ok(())
}

/// Runs `statements` on SQLite only (a migration of SQLite's own search tables).
pub(crate) async fn run_on_sqlite<S: AsRef<str>>(
    m: &SchemaManager<'_>,
    statements: &[S],
) -> Result<(), DbErr> {
    if m.get_database_backend() != sea_orm_migration::sea_orm::DatabaseBackend::Sqlite {
        return Ok(());
    }
    run(m.get_connection(), statements).await
}

/// Adds `columns` to `table`, one `ALTER TABLE` each: SQLite alters one thing at a time.
pub(crate) async fn add_columns(
    m: &SchemaManager<'_>,
    table: impl IntoIden,
    columns: impl IntoIterator<Item = ColumnDef>,
) -> Result<(), DbErr> {
    let table = table.into_iden();
    for mut col in columns {
        m.alter_table(
            Table::alter()
                .table(table.clone())
                .add_column(&mut col)
                .to_owned(),
        )
        .await?;
    }
    Ok(())
}

/// All migrations, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_foundation::Migration),
            Box::new(m0002_settings::Migration),
            Box::new(m0003_records::Migration),
            Box::new(m0004_lifecycle::Migration),
            Box::new(m0005_list_indexes::Migration),
            Box::new(m0006_bulk::Migration),
            Box::new(m0007_duplicates::Migration),
            Box::new(m0008_imports::Migration),
            Box::new(m0009_kind_counts::Migration),
            Box::new(m0010_partial_links::Migration),
            Box::new(m0011_live_status::Migration),
            Box::new(m0012_word_starts::Migration),
            Box::new(m0013_search_words::Migration),
            Box::new(m0014_tag_lists::Migration),
            Box::new(m0015_name_live::Migration),
            Box::new(m0016_word_starts::Migration),
            Box::new(m0017_word_scopes::Migration),
            Box::new(m0018_word_audiences::Migration),
            Box::new(m0019_import_writes::Migration),
            Box::new(m0020_record_provenance::Migration),
        ]
    }
}
