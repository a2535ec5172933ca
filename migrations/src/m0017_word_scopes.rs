//! SQLite's word table holds the live records only, each under a rowid that says whose it is:
//! `((workspace << 3 | kind) << 37) | (record rowid << 1) | restricted`, where `workspace` is
//! the workspace's rowid, `kind` a number per kind and `restricted` 1 unless the record is
//! shared with everyone.
//!
//! FTS5 seeks a rowid range within each word's list, so a search narrowed to one kind of one
//! workspace reads only those records' entries, and needs no record to tell kind, workspace,
//! trash or merge apart. At a million contacts `thi dung` (8,741 matches) counted in 3 ms
//! from the word table alone, where joining each match to its record to check those took
//! 10–20 ms. Within a range, the rowids follow the records' own, so the newest matches are
//! the last rowids — above the last record inserted older than one before it, which
//! `search_unordered` keeps per workspace and kind (`below_rowid`): every record inserted
//! after it was newer than all before, so the rowids above it follow creation.
//!
//! The table is contentless (`contentless_delete`): a record leaving the live set (trash,
//! merge), changing its sharing or its words is deleted by rowid and inserted again.

use sea_orm_migration::prelude::*;

use crate::m0013_search_words;
use crate::run_on_sqlite;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The number each kind's records are filed under (the store's `words::kind_number`).
pub(crate) const KIND_NUMBER: &str = "CASE {r}.kind WHEN 'prospect' THEN 1 WHEN 'lead' THEN 2 \
     WHEN 'contact' THEN 3 WHEN 'account' THEN 4 WHEN 'opportunity' THEN 5 ELSE 6 END";

/// The word-table rowid of record `r` (`new` or `old`).
fn word_rowid(r: &str) -> String {
    format!(
        "(((((SELECT rowid FROM workspaces WHERE id = {r}.workspace_id) << 3) | ({kind})) << 37) \
         | ({r}.rowid << 1) | ({r}.sharing_mode <> 'everyone'))",
        kind = KIND_NUMBER.replace("{r}", r)
    )
}

/// Whether record `r` is live.
pub(crate) fn live(r: &str) -> String {
    format!("{r}.deleted_at IS NULL AND {r}.merged_into IS NULL")
}

/// Marks the rowids of `new`'s workspace and kind up to `rowid` as not following creation.
fn unordered_below(rowid: &str) -> String {
    format!(
        "INSERT INTO search_unordered (workspace_id, kind, below_rowid) \
         VALUES (new.workspace_id, new.kind, {rowid}) ON CONFLICT (workspace_id, kind) \
         DO UPDATE SET below_rowid = max(below_rowid, excluded.below_rowid);"
    )
}

fn up_statements() -> Vec<String> {
    let insert_new = format!(
        "INSERT INTO records_words(rowid, search_key) SELECT {}, new.search_key WHERE {};",
        word_rowid("new"),
        live("new")
    );
    let delete_old = format!(
        "DELETE FROM records_words WHERE rowid = {} AND {};",
        word_rowid("old"),
        live("old")
    );
    let changed = [
        "search_key",
        "deleted_at",
        "merged_into",
        "sharing_mode",
        "kind",
        "workspace_id",
    ]
    .map(|c| format!("old.{c} IS NOT new.{c}"))
    .join(" OR ");
    vec![
        // A pooled connection may hold the schema as it was before m0013: its `DROP TRIGGER
        // IF EXISTS` would compile to nothing and the `CREATE` below then fail. Reading the
        // schema table first, in this migration's transaction, brings it up to date.
        "SELECT count(*) FROM sqlite_master".into(),
        "DROP TRIGGER IF EXISTS records_search_au".into(),
        "DROP TRIGGER IF EXISTS records_search_ad".into(),
        "DROP TRIGGER IF EXISTS records_search_ai".into(),
        "DROP TABLE IF EXISTS records_words".into(),
        "CREATE VIRTUAL TABLE records_words USING fts5(search_key, content='', \
         contentless_delete=1, tokenize='unicode61 remove_diacritics 0', detail=none, \
         prefix='1 2 3 4 5 6')"
            .into(),
        "CREATE TABLE search_unordered (workspace_id uuid_text NOT NULL, kind varchar NOT NULL, \
         below_rowid integer NOT NULL, PRIMARY KEY (workspace_id, kind))"
            .into(),
        format!(
            "CREATE TRIGGER records_search_ai AFTER INSERT ON records BEGIN \
             INSERT INTO records_fts(rowid, search_key) VALUES (new.rowid, new.search_key); \
             {insert_new} END"
        ),
        format!(
            "CREATE TRIGGER records_search_ad AFTER DELETE ON records BEGIN \
             INSERT INTO records_fts(records_fts, rowid, search_key) \
             VALUES ('delete', old.rowid, old.search_key); {delete_old} END"
        ),
        "CREATE TRIGGER records_search_au AFTER UPDATE OF search_key ON records \
         WHEN old.search_key IS NOT new.search_key BEGIN \
         INSERT INTO records_fts(records_fts, rowid, search_key) \
         VALUES ('delete', old.rowid, old.search_key); \
         INSERT INTO records_fts(rowid, search_key) VALUES (new.rowid, new.search_key); END"
            .into(),
        format!(
            "CREATE TRIGGER records_words_au AFTER UPDATE OF search_key, deleted_at, \
             merged_into, sharing_mode, kind, workspace_id ON records WHEN {changed} BEGIN \
             {delete_old} {insert_new} END"
        ),
        // A record newer than the one inserted, in its workspace and kind (one seek of the
        // creation index, rows created in the same instant included): the rowids follow
        // creation only above this one. Two requests racing to insert do this.
        format!(
            "CREATE TRIGGER records_order_ai AFTER INSERT ON records WHEN EXISTS (SELECT 1 \
             FROM records r WHERE r.workspace_id = new.workspace_id AND r.kind = new.kind \
             AND (r.created_at, r.id) > (new.created_at, new.id)) BEGIN {} END",
            unordered_below("new.rowid")
        ),
        // A creation time changed: only records inserted from now on follow creation.
        format!(
            "CREATE TRIGGER records_order_au AFTER UPDATE OF created_at, id, kind, workspace_id \
             ON records WHEN old.created_at IS NOT new.created_at OR old.id IS NOT new.id \
             OR old.kind IS NOT new.kind OR old.workspace_id IS NOT new.workspace_id BEGIN {} END",
            unordered_below("(SELECT max(rowid) FROM records)")
        ),
        // Existing records.
        format!(
            "INSERT INTO records_words(rowid, search_key) SELECT {}, search_key \
             FROM records AS new WHERE {} ORDER BY 1",
            word_rowid("new"),
            live("new")
        ),
        // Existing records inserted older than one before them (creation times are stored
        // in one fixed-width form, so their text orders as they do).
        "INSERT INTO search_unordered (workspace_id, kind, below_rowid) \
         SELECT workspace_id, kind, max(r) FROM (SELECT workspace_id, kind, rowid AS r, \
         created_at || hex(id) AS created, max(created_at || hex(id)) OVER (PARTITION BY \
         workspace_id, kind ORDER BY rowid ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) \
         AS newest_before FROM records) WHERE newest_before > created \
         GROUP BY workspace_id, kind"
            .into(),
    ]
}

const DOWN: [&str; 10] = [
    "SELECT count(*) FROM sqlite_master",
    "DROP TRIGGER IF EXISTS records_order_au",
    "DROP TRIGGER IF EXISTS records_order_ai",
    "DROP TRIGGER IF EXISTS records_words_au",
    "DROP TRIGGER IF EXISTS records_search_au",
    "DROP TRIGGER IF EXISTS records_search_ad",
    "DROP TRIGGER IF EXISTS records_search_ai",
    "DROP TABLE IF EXISTS search_unordered",
    "DROP TABLE IF EXISTS records_words",
    // m0013 makes the trigram table again too.
    "DROP TABLE IF EXISTS records_fts",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One connection, one transaction: see the first statement of `up_statements`.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        run_on_sqlite(m, &up_statements()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        run_on_sqlite(m, &DOWN).await?;
        run_on_sqlite(m, &m0013_search_words::UP).await
    }
}
