//! SQLite's word table has a companion, `records_audience_words`, which files each live
//! restricted record (not shared with everyone) once per audience that sees it: its owner,
//! its creator, and the users or teams it is shared with (as its sharing mode reads them).
//! Such an entry's rowid is `record rowid << 26 | kind << 23 | audience`, where `audience`
//! is the number `search_audiences` gives the user or team.
//!
//! A member's count of a word search was m0017's scoped range with each restricted match
//! checked against its record and shares: at a million contacts, `long` (17,840 matches)
//! took 5.9 ms for a member against 1.6 for the owner, most of it in those checks. Counted
//! instead as the matches shared with everyone plus the companion's matches filed under the
//! member's user or teams, only FTS5 entries are read.
//!
//! The rowids follow the records' own, so writing records in order appends to the table.
//! FTS5 writes its pending entries out as a segment whenever a rowid is not above the last
//! one written: 200,000 records' words with a sixth of them filed again under audience-first
//! rowids took 3.3 times as long to write in one table as without, 1.8 times in a table of
//! their own, and 1.13 times in record order. The count reads the restricted matches of
//! every workspace from its oldest counted record on and keeps the viewer's.
//!
//! Triggers keep the entries: a record's are filed again when its words, state, kind,
//! sharing, owner or creator change, and a share's when the share comes or goes. Audience
//! numbers are never reused (`AUTOINCREMENT`), so an entry left for a deleted user or team
//! reaches nobody.

use sea_orm_migration::prelude::*;

use crate::m0017_word_scopes::{KIND_NUMBER, live};
use crate::run_on_sqlite;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The companion word table.
pub const AUDIENCE_WORDS: &str = "records_audience_words";

/// The bits of an entry's rowid below its record's rowid: the kind's number and the audience.
pub const AUDIENCE_RECORD_SHIFT: u32 = 26;

/// The bits of an entry's rowid below the kind's number: the audience.
pub const AUDIENCE_KIND_SHIFT: u32 = 23;

/// Whether record `r` is live and not shared with everyone.
fn restricted(r: &str) -> String {
    format!("{r}.sharing_mode <> 'everyone' AND {}", live(r))
}

/// The word-table rowid of record `r`'s entry for audience number `no`.
fn audience_rowid(no: &str, r: &str) -> String {
    format!(
        "(({r}.rowid << {AUDIENCE_RECORD_SHIFT}) | (({}) << {AUDIENCE_KIND_SHIFT}) | ({no}))",
        KIND_NUMBER.replace("{r}", r)
    )
}

/// The users and teams that see record `r` by its restriction (distinct, none NULL);
/// `except` narrows the shares read (`AND s.rowid <> new.rowid`). The record's shares are
/// read through their record's index: with statistics taken on few shares, SQLite walked
/// every shared user's or team's index entries instead (`user_id > NULL`, from the outer
/// `IS NOT NULL`), for each share written — a million contacts loaded five times slower.
fn whos(r: &str, except: &str) -> String {
    let shares = |column: &str, mode: &str| {
        format!(
            "SELECT s.{column} FROM record_shares s INDEXED BY ix_record_shares_record \
             WHERE s.workspace_id = {r}.workspace_id \
             AND s.record_id = {r}.id AND {r}.sharing_mode = '{mode}' {except}"
        )
    };
    format!(
        "SELECT w FROM (SELECT {r}.owner_id AS w UNION SELECT {r}.created_by UNION {} UNION {}) \
         WHERE w IS NOT NULL",
        shares("user_id", "users"),
        shares("team_id", "team")
    )
}

/// Numbers the audiences of `whos` (a query of column `w`) that have none yet.
fn number(whos: &str) -> String {
    format!(
        "INSERT INTO search_audiences(who) SELECT w FROM ({whos}) AS x \
         WHERE x.w IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_audiences WHERE who = x.w);"
    )
}

/// Files record `r` (`new`) under each of its audiences, when it is live and restricted.
fn file(r: &str) -> String {
    format!(
        "{} INSERT INTO {AUDIENCE_WORDS}(rowid, search_key) SELECT {}, {r}.search_key \
         FROM search_audiences a WHERE {} AND a.who IN ({}) ORDER BY 1;",
        number(&format!("{} AND {}", whos(r, ""), restricted(r))),
        audience_rowid("a.no", r),
        restricted(r),
        whos(r, "")
    )
}

/// Removes the entries of record `r` (`old`), when it was live and restricted.
fn unfile(r: &str) -> String {
    format!(
        "DELETE FROM {AUDIENCE_WORDS} WHERE rowid IN (SELECT {} FROM search_audiences a \
         WHERE {} AND a.who IN ({}));",
        audience_rowid("a.no", r),
        restricted(r),
        whos(r, "")
    )
}

/// The audience share `x` (`new` or `old`) gives its record `r`, as `r`'s mode reads it.
fn share_who(x: &str) -> String {
    format!("CASE r.sharing_mode WHEN 'users' THEN {x}.user_id WHEN 'team' THEN {x}.team_id END")
}

/// Share `x`'s live restricted record, as `r`.
fn share_record(x: &str) -> String {
    format!(
        "FROM records r WHERE r.workspace_id = {x}.workspace_id AND r.id = {x}.record_id AND {}",
        restricted("r")
    )
}

/// Files share `new`'s record under the share's audience, unless it already is.
fn file_share() -> String {
    format!(
        "{} INSERT INTO {AUDIENCE_WORDS}(rowid, search_key) SELECT {}, r.search_key \
         FROM records r JOIN search_audiences a ON a.who = {} WHERE r.workspace_id = \
         new.workspace_id AND r.id = new.record_id AND {} AND a.who NOT IN ({});",
        number(&format!(
            "SELECT {} AS w {}",
            share_who("new"),
            share_record("new")
        )),
        audience_rowid("a.no", "r"),
        share_who("new"),
        restricted("r"),
        whos("r", "AND s.rowid <> new.rowid")
    )
}

/// Removes share `old`'s record from the share's audience, unless another way keeps it.
fn unfile_share() -> String {
    format!(
        "DELETE FROM {AUDIENCE_WORDS} WHERE rowid IN (SELECT {} FROM records r \
         JOIN search_audiences a ON a.who = {} WHERE r.workspace_id = old.workspace_id \
         AND r.id = old.record_id AND {} AND a.who NOT IN ({}));",
        audience_rowid("a.no", "r"),
        share_who("old"),
        restricted("r"),
        whos("r", "")
    )
}

/// Every audience entry the records and shares call for, as `(rowid, search_key)` in rowid
/// order: the fill of this migration, and what a check of the triggers compares with.
pub fn audience_entries() -> String {
    let pairs = |who: &str, shares: Option<(&str, &str)>| {
        let (join, mode) = match shares {
            Some((column, mode)) => (
                format!(
                    " JOIN record_shares s ON s.workspace_id = r.workspace_id \
                     AND s.record_id = r.id AND s.{column} IS NOT NULL"
                ),
                format!(" AND r.sharing_mode = '{mode}'"),
            ),
            None => (String::new(), String::new()),
        };
        format!(
            "SELECT r.id AS rid, {who} AS who FROM records r{join} WHERE {}{mode}",
            restricted("r")
        )
    };
    format!(
        "SELECT {}, r.search_key FROM ({} UNION {} UNION {} UNION {}) AS x \
         JOIN records r ON r.id = x.rid JOIN search_audiences a ON a.who = x.who ORDER BY 1",
        audience_rowid("a.no", "r"),
        pairs("r.owner_id", None),
        pairs("r.created_by", None),
        pairs("s.user_id", Some(("user_id", "users"))),
        pairs("s.team_id", Some(("team_id", "team"))),
    )
}

fn up_statements() -> Vec<String> {
    let changed = [
        "search_key",
        "deleted_at",
        "merged_into",
        "sharing_mode",
        "kind",
        "workspace_id",
        "owner_id",
        "created_by",
    ];
    let changed_when = changed
        .map(|c| format!("old.{c} IS NOT new.{c}"))
        .join(" OR ");
    vec![
        // See m0017: the pooled connection's schema is brought up to date first.
        "SELECT count(*) FROM sqlite_master".into(),
        "CREATE TABLE search_audiences (no INTEGER PRIMARY KEY AUTOINCREMENT, \
         who uuid_text NOT NULL UNIQUE)"
            .into(),
        // Words as m0017's table holds them, so one FTS5 query runs on both.
        format!(
            "CREATE VIRTUAL TABLE {AUDIENCE_WORDS} USING fts5(search_key, content='', \
             contentless_delete=1, tokenize='unicode61 remove_diacritics 0', detail=none, \
             prefix='1 2 3 4 5 6')"
        ),
        format!(
            "CREATE TRIGGER records_audience_ai AFTER INSERT ON records WHEN {} BEGIN {} END",
            restricted("new"),
            file("new")
        ),
        format!(
            "CREATE TRIGGER records_audience_au AFTER UPDATE OF {} ON records \
             WHEN ({changed_when}) AND (({}) OR ({})) BEGIN {} {} END",
            changed.join(", "),
            restricted("old"),
            restricted("new"),
            unfile("old"),
            file("new")
        ),
        format!(
            "CREATE TRIGGER records_audience_ad AFTER DELETE ON records WHEN {} BEGIN {} END",
            restricted("old"),
            unfile("old")
        ),
        format!(
            "CREATE TRIGGER record_shares_audience_ai AFTER INSERT ON record_shares BEGIN {} END",
            file_share()
        ),
        format!(
            "CREATE TRIGGER record_shares_audience_ad AFTER DELETE ON record_shares BEGIN {} END",
            unfile_share()
        ),
        format!(
            "CREATE TRIGGER record_shares_audience_au AFTER UPDATE ON record_shares \
             WHEN old.record_id IS NOT new.record_id OR old.workspace_id IS NOT new.workspace_id \
             OR old.user_id IS NOT new.user_id OR old.team_id IS NOT new.team_id BEGIN {} {} END",
            unfile_share(),
            file_share()
        ),
        // Existing records.
        number(
            "SELECT owner_id AS w FROM records UNION SELECT created_by FROM records \
             UNION SELECT user_id FROM record_shares UNION SELECT team_id FROM record_shares",
        ),
        format!(
            "INSERT INTO {AUDIENCE_WORDS}(rowid, search_key) {}",
            audience_entries()
        ),
    ]
}

const DOWN: [&str; 9] = [
    "SELECT count(*) FROM sqlite_master",
    "DROP TRIGGER IF EXISTS record_shares_audience_au",
    "DROP TRIGGER IF EXISTS record_shares_audience_ad",
    "DROP TRIGGER IF EXISTS record_shares_audience_ai",
    "DROP TRIGGER IF EXISTS records_audience_ad",
    "DROP TRIGGER IF EXISTS records_audience_au",
    "DROP TRIGGER IF EXISTS records_audience_ai",
    "DROP TABLE IF EXISTS search_audiences",
    "DROP TABLE IF EXISTS records_audience_words",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One connection, one transaction (see m0017).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        run_on_sqlite(m, &up_statements()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        run_on_sqlite(m, &DOWN).await
    }
}
