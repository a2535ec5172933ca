//! `record_tags` carries what a list filtered by a tag narrows and checks its records by —
//! the record's kind, its status while it is live (NULL once trashed or merged away), and
//! its visibility columns — and the tag index is keyed by them, so a list's total is counted
//! from the tag's index alone, without visiting a record.
//!
//! Counting "inactive + VIP" at a million contacts walked the tag's rows and looked each up
//! in the status index: 40,000 lookups to find 10,001 matches (34 ms on SQLite; on
//! PostgreSQL a merge join through 133,000 status entries, 30–60 ms). From the tag's index
//! it reads the 10,001 entries.
//!
//! Triggers keep the copy in step on both engines: a record's change of status, trash or
//! merge, sharing or owner is written to its tag rows, and a tag row inserted without its
//! copy gets its record's. The bulk writers (an import's records, a bulk "add tag") write the
//! copy themselves, in the statement that reads the record, so the triggers stay out of
//! their way. On PostgreSQL a change must not slip between reading the record and the tag
//! row's commit: a record write updates the record (holding its row lock) before it writes
//! the tags, and a bulk action that adds tags re-reads their records once it holds those
//! locks (`resync_copies` in the store).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

use crate::run;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The copied columns, as the record gives them (`r` is the record).
const COPY: [(&str, &str); 5] = [
    ("kind", "r.kind"),
    (
        "live_status",
        "CASE WHEN r.deleted_at IS NULL AND r.merged_into IS NULL THEN r.status END",
    ),
    ("sharing_mode", "r.sharing_mode"),
    ("owner_id", "r.owner_id"),
    ("created_by", "r.created_by"),
];

fn columns() -> String {
    COPY.map(|(c, _)| c).join(", ")
}

fn values() -> String {
    COPY.map(|(_, v)| v).join(", ")
}

/// The record columns whose change is copied.
const WATCHED: &str = "kind, status, deleted_at, merged_into, sharing_mode, owner_id";

fn add_columns(backend: DatabaseBackend) -> Vec<String> {
    let uuid = if backend == DatabaseBackend::Postgres {
        "uuid"
    } else {
        "uuid_text"
    };
    [
        ("kind", "TEXT"),
        ("live_status", "TEXT"),
        ("sharing_mode", "TEXT"),
        ("owner_id", uuid),
        ("created_by", uuid),
    ]
    .map(|(c, t)| format!("ALTER TABLE record_tags ADD COLUMN {c} {t}"))
    .to_vec()
}

fn backfill() -> String {
    format!(
        "UPDATE record_tags SET ({}) = (SELECT {} FROM records r \
         WHERE r.workspace_id = record_tags.workspace_id AND r.id = record_tags.record_id)",
        columns(),
        values()
    )
}

fn index(backend: DatabaseBackend) -> String {
    let key = "workspace_id, tag_id, kind, live_status, record_id";
    let carried = "sharing_mode, owner_id, created_by";
    // PostgreSQL carries the visibility columns as payload; SQLite has no INCLUDE, so they
    // end its key.
    if backend == DatabaseBackend::Postgres {
        format!("CREATE INDEX ix_record_tags_lists ON record_tags ({key}) INCLUDE ({carried})")
    } else {
        format!("CREATE INDEX ix_record_tags_lists ON record_tags ({key}, {carried})")
    }
}

/// `NEW` is the record; the copy as it gives it.
fn copied_from_new() -> String {
    COPY.map(|(c, v)| format!("{c} = {}", v.replace("r.", "NEW.")))
        .join(", ")
}

/// Any watched column of the record changed.
fn changed() -> String {
    WATCHED
        .split(", ")
        .map(|c| format!("NEW.{c} IS DISTINCT FROM OLD.{c}"))
        .collect::<Vec<_>>()
        .join(" OR ")
}

fn sqlite_up() -> Vec<String> {
    vec![
        format!(
            "CREATE TRIGGER record_tags_copy_ai AFTER INSERT ON record_tags \
             WHEN NEW.kind IS NULL BEGIN \
             UPDATE record_tags SET ({}) = (SELECT {} FROM records r \
             WHERE r.workspace_id = NEW.workspace_id AND r.id = NEW.record_id) \
             WHERE workspace_id = NEW.workspace_id AND record_id = NEW.record_id \
             AND tag_id = NEW.tag_id; END",
            columns(),
            values()
        ),
        format!(
            "CREATE TRIGGER record_tags_copy_au AFTER UPDATE OF {WATCHED} ON records \
             WHEN {} BEGIN \
             UPDATE record_tags SET {} \
             WHERE workspace_id = NEW.workspace_id AND record_id = NEW.id; END",
            changed().replace("IS DISTINCT FROM", "IS NOT"),
            copied_from_new()
        ),
    ]
}

const SQLITE_DOWN: [&str; 2] = [
    "DROP TRIGGER IF EXISTS record_tags_copy_au",
    "DROP TRIGGER IF EXISTS record_tags_copy_ai",
];

fn pg_up() -> Vec<String> {
    vec![
        format!(
            "CREATE FUNCTION record_tags_fill_copy() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN \
               SELECT {} INTO {} FROM records r \
               WHERE r.workspace_id = NEW.workspace_id AND r.id = NEW.record_id; \
               RETURN NEW; \
             END $$",
            values(),
            COPY.map(|(c, _)| format!("NEW.{c}")).join(", ")
        ),
        "CREATE TRIGGER record_tags_copy_bi BEFORE INSERT ON record_tags FOR EACH ROW \
         WHEN (NEW.kind IS NULL) EXECUTE FUNCTION record_tags_fill_copy()"
            .to_owned(),
        format!(
            "CREATE FUNCTION records_copy_to_tags() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN \
               UPDATE record_tags SET {} \
               WHERE workspace_id = NEW.workspace_id AND record_id = NEW.id; \
               RETURN NULL; \
             END $$",
            copied_from_new()
        ),
        format!(
            "CREATE TRIGGER record_tags_copy_au AFTER UPDATE OF {WATCHED} ON records \
             FOR EACH ROW WHEN ({}) EXECUTE FUNCTION records_copy_to_tags()",
            changed()
        ),
    ]
}

const PG_DOWN: [&str; 4] = [
    "DROP TRIGGER IF EXISTS record_tags_copy_au ON records",
    "DROP FUNCTION IF EXISTS records_copy_to_tags()",
    "DROP TRIGGER IF EXISTS record_tags_copy_bi ON record_tags",
    "DROP FUNCTION IF EXISTS record_tags_fill_copy()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let backend = db.get_database_backend();
        run(db, &add_columns(backend)).await?;
        run(db, &[backfill(), index(backend)]).await?;
        run(db, &["DROP INDEX ix_record_tags_tag"]).await?;
        match backend {
            DatabaseBackend::Postgres => run(db, &pg_up()).await,
            _ => run(db, &sqlite_up()).await,
        }
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        match db.get_database_backend() {
            DatabaseBackend::Postgres => run(db, &PG_DOWN).await?,
            _ => run(db, &SQLITE_DOWN).await?,
        }
        run(
            db,
            &[
                "CREATE INDEX ix_record_tags_tag ON record_tags (workspace_id, tag_id, record_id)",
                "DROP INDEX ix_record_tags_lists",
            ],
        )
        .await?;
        let drops: Vec<String> = COPY
            .map(|(c, _)| format!("ALTER TABLE record_tags DROP COLUMN {c}"))
            .to_vec();
        run(db, &drops).await
    }
}
