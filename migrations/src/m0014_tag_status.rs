//! `record_tags` carries its record's status, and the tag index is keyed by it, so a list
//! filtered by a status and a tag reads only the tag's rows of that status.
//!
//! Counting "inactive + VIP" at a million contacts walked the tag's rows and looked each up
//! in the status index: 40,000 lookups to find 10,001 matches (34 ms on SQLite). Keyed by
//! status, the tag index hands over only the matches (11 ms).
//!
//! Triggers keep the copy in step on both engines: a record's new status is written to its
//! tags, and a tag row inserted without a status gets its record's. The bulk writers (an
//! import's records, a bulk "add tag") write the status themselves, in the statement that
//! reads the record, so the triggers stay out of their way. On PostgreSQL a status change
//! must not slip between reading the status and the tag row's commit: a record write
//! updates the record (holding its row lock) before it writes the tags, and a bulk action
//! that adds tags re-reads their records' statuses once it holds those locks
//! (`resync_statuses` in the store).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

use crate::run;

#[derive(DeriveMigrationName)]
pub struct Migration;

const BACKFILL: &str = "UPDATE record_tags SET status = (SELECT r.status FROM records r \
     WHERE r.workspace_id = record_tags.workspace_id AND r.id = record_tags.record_id)";

const NEW_INDEX: &str = "CREATE INDEX ix_record_tags_tag_status \
     ON record_tags (workspace_id, tag_id, status, record_id)";
const OLD_INDEX: &str =
    "CREATE INDEX ix_record_tags_tag ON record_tags (workspace_id, tag_id, record_id)";

const SQLITE_UP: [&str; 2] = [
    "CREATE TRIGGER record_tags_status_ai AFTER INSERT ON record_tags \
     WHEN NEW.status IS NULL BEGIN \
     UPDATE record_tags SET status = (SELECT r.status FROM records r \
     WHERE r.workspace_id = NEW.workspace_id AND r.id = NEW.record_id) \
     WHERE workspace_id = NEW.workspace_id AND record_id = NEW.record_id \
     AND tag_id = NEW.tag_id; END",
    "CREATE TRIGGER record_tags_status_au AFTER UPDATE OF status ON records \
     WHEN NEW.status IS NOT OLD.status BEGIN \
     UPDATE record_tags SET status = NEW.status \
     WHERE workspace_id = NEW.workspace_id AND record_id = NEW.id; END",
];

const SQLITE_DOWN: [&str; 2] = [
    "DROP TRIGGER IF EXISTS record_tags_status_au",
    "DROP TRIGGER IF EXISTS record_tags_status_ai",
];

const PG_UP: [&str; 4] = [
    "CREATE FUNCTION record_tags_fill_status() RETURNS trigger LANGUAGE plpgsql AS $$ \
     BEGIN \
       SELECT r.status INTO NEW.status FROM records r \
       WHERE r.workspace_id = NEW.workspace_id AND r.id = NEW.record_id; \
       RETURN NEW; \
     END $$",
    "CREATE TRIGGER record_tags_status_bi BEFORE INSERT ON record_tags FOR EACH ROW \
     WHEN (NEW.status IS NULL) EXECUTE FUNCTION record_tags_fill_status()",
    "CREATE FUNCTION records_status_to_tags() RETURNS trigger LANGUAGE plpgsql AS $$ \
     BEGIN \
       UPDATE record_tags SET status = NEW.status \
       WHERE workspace_id = NEW.workspace_id AND record_id = NEW.id; \
       RETURN NULL; \
     END $$",
    "CREATE TRIGGER record_tags_status_au AFTER UPDATE OF status ON records FOR EACH ROW \
     WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION records_status_to_tags()",
];

const PG_DOWN: [&str; 4] = [
    "DROP TRIGGER IF EXISTS record_tags_status_au ON records",
    "DROP FUNCTION IF EXISTS records_status_to_tags()",
    "DROP TRIGGER IF EXISTS record_tags_status_bi ON record_tags",
    "DROP FUNCTION IF EXISTS record_tags_fill_status()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared("ALTER TABLE record_tags ADD COLUMN status TEXT")
            .await?;
        run(db, &[BACKFILL, NEW_INDEX, "DROP INDEX ix_record_tags_tag"]).await?;
        match db.get_database_backend() {
            DatabaseBackend::Postgres => run(db, &PG_UP).await,
            _ => run(db, &SQLITE_UP).await,
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
                OLD_INDEX,
                "DROP INDEX ix_record_tags_tag_status",
                "ALTER TABLE record_tags DROP COLUMN status",
            ],
        )
        .await
    }
}
