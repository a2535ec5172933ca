//! What a list is narrowed to, as the select every list, count, bulk action and export
//! starts from: the viewer's live records of a kind, filtered and searched.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{
    Alias, Condition, Expr, ExprTrait, JoinType, PostgresQueryBuilder, Query, QueryBuilder,
    SelectStatement, SimpleExpr,
};
use sea_orm::{
    ColumnTrait, DatabaseBackend, EntityTrait, QueryFilter, QuerySelect, QueryTrait, Select, Value,
};
use sen_domain::search::{search_needles, whole_phone};
use sen_domain::value::Country;
use uuid::Uuid;

use super::visibility::{Viewer, visible_in, visible_per_row, visible_tag_rows};
use super::words::WORDS;
use crate::entity::record::{Column, Entity};
use crate::entity::{record_email, record_phone, record_tag, team_member};

/// What a list is narrowed to. Empty vectors and `None`s do not narrow.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Folded substrings that must all occur in the search document.
    pub needles: Vec<String>,
    /// Has this number (E.164) among its phones: a search for a whole number, looked up in
    /// the phone index rather than as text.
    pub phone: Option<String>,
    /// Any of these status keys.
    pub statuses: Vec<String>,
    /// Any of these tags.
    pub tags_any: Vec<Uuid>,
    /// All of these tags.
    pub tags_all: Vec<Uuid>,
    /// Owned by any of these users.
    pub owner_ids: Vec<Uuid>,
    /// Owned by a member of this team.
    pub team_id: Option<Uuid>,
    /// Any of these sources.
    pub sources: Vec<String>,
    /// Any of these industries.
    pub industries: Vec<String>,
    /// Any of these (folded) cities.
    pub cities: Vec<String>,
    /// Created at or after.
    pub created_from: Option<DateTime<Utc>>,
    /// Created before.
    pub created_to: Option<DateTime<Utc>>,
    /// Changed at or after.
    pub updated_from: Option<DateTime<Utc>>,
    /// Changed before.
    pub updated_to: Option<DateTime<Utc>>,
    /// Custom field equals value.
    pub custom: Vec<(String, serde_json::Value)>,
    /// Has (or has not) a phone.
    pub has_phone: Option<bool>,
    /// Has (or has not) an email.
    pub has_email: Option<bool>,
    /// Only these ids.
    pub ids: Option<Vec<Uuid>>,
    /// Matches nothing (e.g. a tag that does not exist was required).
    pub nothing: bool,
}

impl Filter {
    /// Narrows to what a search box text finds: the records holding a number it names whole,
    /// else those whose search document holds each of its needles.
    pub fn search_for(&mut self, q: &str, country: Country) {
        match whole_phone(q, country) {
            Some(phone) => self.phone = Some(phone.as_e164().to_owned()),
            None => self.needles = search_needles(q, country),
        }
    }
}

/// How a tag filter is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TagCheck {
    /// `id IN (the tag's records)`: the engine reads the tag's rows once, as a set — right
    /// for counting and for acting on every match.
    Set,
    /// A correlated `EXISTS` per row (kept a probe on PostgreSQL by `OFFSET 0`): right for a
    /// page that walks the sort index and stops after a few hundred rows.
    Probe,
    /// The one "any of" tag is left out: the caller joins its rows (see [`tag_driven_ids`]);
    /// "all of" tags are probed.
    Joined,
}

/// The ids of what `filter` narrows to, driven from the rows of its one "any of" tag: SQLite
/// then reads the tag's index lazily and stops at the limit of a capped count (14 ms for
/// 10,001 of 214,723 tagged contacts, where `id IN (the tag's records)` built the whole list
/// first: 60–80 ms). None when the filter has no single such tag.
pub(super) fn tag_driven_ids(
    backend: DatabaseBackend,
    viewer: &Viewer,
    kind: &str,
    filter: &Filter,
) -> Option<SelectStatement> {
    let [tag] = filter.tags_any.as_slice() else {
        return None;
    };
    let checks = Checks {
        tags: TagCheck::Joined,
        ..Checks::SETS
    };
    let mut ids = select_with(backend, viewer, kind, filter, checks)
        .select_only()
        .column(Column::Id)
        .into_query();
    let on = Condition::all()
        .add(
            Expr::col((record_tag::Entity, record_tag::Column::RecordId))
                .equals((Entity, Column::Id)),
        )
        .add(
            Expr::col((record_tag::Entity, record_tag::Column::WorkspaceId))
                .eq(viewer.workspace_id),
        )
        .add(Expr::col((record_tag::Entity, record_tag::Column::TagId)).eq(*tag))
        .add(tag_status(filter, true));
    ids.join(JoinType::InnerJoin, record_tag::Entity, on);
    Some(ids)
}

/// The status filter on `record_tags`' copy of the live status (m0014), which keys the tag index:
/// a tag's rows of the wanted statuses are read, not all of them. Empty without one, or
/// unless `asked`.
fn tag_status(filter: &Filter, asked: bool) -> Condition {
    let mut cond = Condition::all();
    if asked && !filter.statuses.is_empty() {
        cond = cond.add(
            Expr::col((record_tag::Entity, record_tag::Column::LiveStatus))
                .is_in(filter.statuses.clone()),
        );
    }
    cond
}

/// The ids of what `filter` narrows to, read from the tag index alone (its copy of each
/// record's list keys, m0014) — without visiting a record — when the filter is one "any of"
/// tag and perhaps statuses, nothing else. None otherwise.
pub(super) fn tag_rows_ids(
    backend: DatabaseBackend,
    viewer: &Viewer,
    kind: &str,
    filter: &Filter,
) -> Option<SelectStatement> {
    let [tag] = filter.tags_any.as_slice() else {
        return None;
    };
    let only_tag_and_status = Filter {
        tags_any: filter.tags_any.clone(),
        statuses: filter.statuses.clone(),
        ..Filter::default()
    };
    if *filter != only_tag_and_status {
        return None;
    }
    Some(
        tag_rows(kind, *tag, &filter.statuses)
            .cond_where(visible_tag_rows(backend, viewer))
            .to_owned(),
    )
}

/// The ids of the live records of `kind` tagged `tag` in any of `statuses` (any status when
/// empty), as the tag index's copy of their list keys has them (m0014); no workspace or
/// visibility condition yet.
pub(super) fn tag_rows(kind: &str, tag: Uuid, statuses: &[String]) -> SelectStatement {
    let rt = record_tag::Entity;
    let live = if statuses.is_empty() {
        Expr::col((rt, record_tag::Column::LiveStatus)).is_not_null()
    } else {
        Expr::col((rt, record_tag::Column::LiveStatus)).is_in(statuses.iter().cloned())
    };
    Query::select()
        .column((rt, record_tag::Column::RecordId))
        .from(rt)
        .and_where(Expr::col((rt, record_tag::Column::TagId)).eq(tag))
        .and_where(Expr::col((rt, record_tag::Column::Kind)).eq(kind))
        .and_where(live)
        .to_owned()
}

/// How the search needles are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NeedleCheck {
    /// Through the engine's substring index, as a set of matching rows: right when the
    /// needles are rare or every match is wanted.
    Index,
    /// Each needle looked for in the row's search key: right for a page that walks the sort
    /// index through dense matches (most rows hold `nguyen`).
    Scan,
    /// The caller joins SQLite's FTS table and drives the query from it: the needles are
    /// checked on the row only where that table's matches are not exact.
    Joined,
}

/// How a select checks what it is filtered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Checks {
    pub tags: TagCheck,
    pub needles: NeedleCheck,
    /// The select reads few rows (a page walking its sort index): the viewer's shares are
    /// probed per row ([`visible_per_row`]) rather than read as a set.
    pub per_row: bool,
    /// A status filter is also asked of the tag rows' copy of the status (m0014), which keys
    /// the tag index. Off only for PostgreSQL's planner estimate, which multiplies the two
    /// status conditions as if they were independent (4,797 rows for 18,700 "inactive + VIP"
    /// contacts at a million); that estimate decides whether a total is sampled or counted.
    pub tag_status: bool,
}

impl Checks {
    /// Sets read as sets: counting, acting on every match.
    pub const SETS: Checks = Checks {
        tags: TagCheck::Set,
        needles: NeedleCheck::Index,
        per_row: false,
        tag_status: true,
    };

    /// As [`Checks::SETS`], written for PostgreSQL's planner to estimate.
    pub const PLANNED: Checks = Checks {
        tag_status: false,
        ..Checks::SETS
    };

    /// A page walking its sort index, its filters as [`Checks::SETS`] has them.
    pub const WALK: Checks = Checks {
        per_row: true,
        ..Checks::SETS
    };
}

/// The select of live records of `kind` the viewer sees that match `filter` (no order, no
/// page): shared by lists, counts, bulk actions and exports.
pub fn list_select(
    backend: DatabaseBackend,
    viewer: &Viewer,
    kind: &str,
    filter: &Filter,
) -> Select<Entity> {
    select_with(backend, viewer, kind, filter, Checks::SETS)
}

pub(super) fn select_with(
    backend: DatabaseBackend,
    viewer: &Viewer,
    kind: &str,
    filter: &Filter,
    checks: Checks,
) -> Select<Entity> {
    let ws = viewer.workspace_id;
    let visible = if checks.per_row {
        visible_per_row(backend, viewer)
    } else {
        visible_in(backend, viewer)
    };
    let mut q = Entity::find()
        .filter(visible)
        .filter(Column::Kind.eq(kind))
        .filter(Column::DeletedAt.is_null())
        .filter(Column::MergedInto.is_null());
    if filter.nothing {
        return q.filter(Expr::cust("1 = 0"));
    }
    q = search(q, backend, (ws, kind), &filter.needles, checks.needles);
    if let Some(e164) = &filter.phone {
        let holders = Query::select()
            .column(record_phone::Column::RecordId)
            .from(record_phone::Entity)
            .and_where(record_phone::Column::WorkspaceId.eq(ws))
            .and_where(record_phone::Column::E164.eq(e164.as_str()))
            .to_owned();
        q = q.filter(Column::Id.in_subquery(holders));
    }
    if !filter.statuses.is_empty() {
        q = q.filter(Column::Status.is_in(filter.statuses.clone()));
    }
    if !filter.owner_ids.is_empty() {
        q = q.filter(Column::OwnerId.is_in(filter.owner_ids.clone()));
    }
    if let Some(team) = filter.team_id {
        let members = Query::select()
            .column(team_member::Column::UserId)
            .from(team_member::Entity)
            .and_where(team_member::Column::WorkspaceId.eq(ws))
            .and_where(team_member::Column::TeamId.eq(team))
            .to_owned();
        q = q.filter(Column::OwnerId.in_subquery(members));
    }
    for (col, values) in [
        (Column::Source, &filter.sources),
        (Column::Industry, &filter.industries),
        (Column::City, &filter.cities),
    ] {
        if !values.is_empty() {
            q = q.filter(col.is_in(values.clone()));
        }
    }
    if let Some(t) = filter.created_from {
        q = q.filter(Column::CreatedAt.gte(t));
    }
    if let Some(t) = filter.created_to {
        q = q.filter(Column::CreatedAt.lt(t));
    }
    if let Some(t) = filter.updated_from {
        q = q.filter(Column::UpdatedAt.gte(t));
    }
    if let Some(t) = filter.updated_to {
        q = q.filter(Column::UpdatedAt.lt(t));
    }
    if let Some(ids) = &filter.ids {
        q = q.filter(Column::Id.is_in(ids.clone()));
    }
    // Probed per row unless read as a set.
    let probe = checks.tags != TagCheck::Set;
    let tagged = |tags: Vec<Uuid>| -> SimpleExpr {
        let mut sub = Query::select();
        sub.from(record_tag::Entity)
            .and_where(record_tag::Column::WorkspaceId.eq(ws))
            .and_where(record_tag::Column::TagId.is_in(tags))
            .cond_where(tag_status(filter, checks.tag_status));
        if !probe {
            Column::Id.in_subquery(sub.column(record_tag::Column::RecordId).to_owned())
        } else {
            sub.expr(Expr::val(1)).and_where(
                Expr::col((record_tag::Entity, record_tag::Column::RecordId))
                    .equals((Entity, Column::Id)),
            );
            if backend == DatabaseBackend::Postgres {
                // Else the planner turns the probe back into a join driven by the tag's rows.
                sub.offset(0);
            }
            Expr::exists(sub.to_owned())
        }
    };
    if !filter.tags_any.is_empty() && checks.tags != TagCheck::Joined {
        q = q.filter(tagged(filter.tags_any.clone()));
    }
    for tag in &filter.tags_all {
        q = q.filter(tagged(vec![*tag]));
    }
    if let Some(has) = filter.has_phone {
        let sub = Query::select()
            .column(record_phone::Column::RecordId)
            .from(record_phone::Entity)
            .and_where(record_phone::Column::WorkspaceId.eq(ws))
            .to_owned();
        q = q.filter(if has {
            Column::Id.in_subquery(sub)
        } else {
            Column::Id.not_in_subquery(sub)
        });
    }
    if let Some(has) = filter.has_email {
        let sub = Query::select()
            .column(record_email::Column::RecordId)
            .from(record_email::Entity)
            .and_where(record_email::Column::WorkspaceId.eq(ws))
            .to_owned();
        q = q.filter(if has {
            Column::Id.in_subquery(sub)
        } else {
            Column::Id.not_in_subquery(sub)
        });
    }
    for (key, value) in &filter.custom {
        q = q.filter(custom_equals(backend, key, value));
    }
    q
}

/// A search of SQLite's FTS5 indexes (m0013, m0017): which table, and the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FtsQuery {
    /// `records_words` or `records_fts`.
    pub table: &'static str,
    /// The FTS5 query.
    pub expr: String,
    /// Whether every match holds every needle; else the row confirms them.
    pub exact: bool,
}

/// A needle that is one word looked for where a word starts (` nguy`).
fn word_of(needle: &str) -> Option<&str> {
    let word = needle.strip_prefix(' ')?;
    (!word.is_empty() && !word.contains(char::is_whitespace)).then_some(word)
}

fn quoted(token: &str) -> String {
    format!("\"{}\"", token.replace('"', "\"\""))
}

/// How SQLite's indexes look `needles` up: words through the word table, each a prefix of
/// some word (exact); otherwise every trigram of the needles of three characters or more
/// through the trigram table, which has no positions (the rows confirm the needles). None
/// when no needle can be looked up.
pub(super) fn fts_query(needles: &[String]) -> Option<FtsQuery> {
    let words: Option<Vec<&str>> = needles.iter().map(|n| word_of(n)).collect();
    if let Some(words) = words.filter(|w| !w.is_empty()) {
        let terms: Vec<String> = words.iter().map(|w| format!("{}*", quoted(w))).collect();
        return Some(FtsQuery {
            table: WORDS,
            expr: terms.join(" AND "),
            exact: true,
        });
    }
    let mut trigrams: Vec<String> = Vec::new();
    for needle in needles {
        let chars: Vec<char> = needle.chars().collect();
        for window in chars.windows(3) {
            let trigram: String = window.iter().collect();
            if !trigrams.contains(&trigram) {
                trigrams.push(trigram);
            }
        }
    }
    let terms: Vec<String> = trigrams.iter().map(|t| quoted(t)).collect();
    (!terms.is_empty()).then(|| FtsQuery {
        table: "records_fts",
        expr: terms.join(" AND "),
        exact: false,
    })
}

/// The longest start of a word PostgreSQL's word index holds (m0016).
const LONGEST_WORD_START: usize = 6;

/// The word starts a PostgreSQL search looks up in its word index (m0016): each word needle
/// of two letters or more, cut to the longest start the index holds. Empty when the needles
/// have none: the trigram index (or the row) answers for them.
pub(super) fn word_starts(needles: &[String]) -> Vec<String> {
    needles
        .iter()
        .filter_map(|n| word_of(n))
        .filter(|w| w.chars().count() >= 2)
        .map(|w| w.chars().take(LONGEST_WORD_START).collect())
        .collect()
}

/// Whether the word index answers for `needle` exactly, with nothing left to check on the row.
fn starts_whole(needle: &str) -> bool {
    word_of(needle).is_some_and(|w| (2..=LONGEST_WORD_START).contains(&w.chars().count()))
}

/// `needle` occurs in the search key, checked on the row itself; on PostgreSQL in a form the
/// trigram index may answer unless `on_row`.
fn holds(backend: DatabaseBackend, needle: &str, on_row: bool) -> SimpleExpr {
    if backend == DatabaseBackend::Postgres && on_row {
        let needle = PostgresQueryBuilder.value_to_string(&Value::from(needle.to_owned()));
        return Expr::cust(format!("strpos(\"records\".\"search_key\", {needle}) > 0"));
    }
    if backend == DatabaseBackend::Sqlite {
        // `instr` is an exact substring test: no `%`/`_` wildcards to escape.
        Expr::cust_with_values(
            "instr(\"records\".\"search_key\", ?) > 0",
            [needle.to_owned()],
        )
    } else {
        let escaped = needle
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        // The pattern is written into the statement, not bound: a list's prepared statement
        // serves `nguyen van` (74,480 rows: walk the date index, stop at 51) and `khoa`
        // (rare: read the trigram index) alike, and after five runs PostgreSQL may settle on
        // one generic plan for both — dense searches took 170–220 ms instead of 5. Each
        // pattern planned for itself, quoted by the query builder.
        let pattern = PostgresQueryBuilder.value_to_string(&Value::from(format!("%{escaped}%")));
        Expr::cust(format!("\"records\".\"search_key\" LIKE {pattern}"))
    }
}

/// Every needle must occur in `search_key`: through the engine's substring index or on the
/// row, as `check` says.
fn search(
    q: Select<Entity>,
    backend: DatabaseBackend,
    (ws, kind): (Uuid, &str),
    needles: &[String],
    check: NeedleCheck,
) -> Select<Entity> {
    if needles.is_empty() {
        return q;
    }
    let mut cond = Condition::all();
    let fts = (backend == DatabaseBackend::Sqlite)
        .then(|| fts_query(needles))
        .flatten();
    if let (NeedleCheck::Index, Some(fts)) = (check, &fts) {
        let matches = Query::select()
            .expr(Expr::cust(fts.record_rowid()))
            .from(Alias::new(fts.table))
            .and_where(fts.matching(ws, kind))
            .to_owned();
        cond = cond.add(Expr::col((Entity, Alias::new("rowid"))).in_subquery(matches));
    }
    // PostgreSQL looks the words up by their starts, the rest through the trigram index.
    let starts = match (backend, check) {
        (DatabaseBackend::Postgres, NeedleCheck::Index | NeedleCheck::Joined) => {
            word_starts(needles)
        }
        _ => Vec::new(),
    };
    if !starts.is_empty() {
        // Written into the statement, as the patterns are (see `holds`).
        let starts: Vec<String> = starts
            .iter()
            .map(|w| PostgresQueryBuilder.value_to_string(&Value::from(w.clone())))
            .collect();
        cond = cond.add(Expr::cust(format!(
            "sen_word_starts(\"records\".\"search_key\") @> ARRAY[{}]::text[]",
            starts.join(", ")
        )));
        for needle in needles.iter().filter(|n| !starts_whole(n)) {
            cond = cond.add(holds(backend, needle, word_of(needle).is_some()));
        }
        return q.filter(cond);
    }
    // Checked on the row unless an index answered for them exactly.
    let on_row = match (check, &fts) {
        (NeedleCheck::Scan, _) | (_, None) => true,
        (NeedleCheck::Index | NeedleCheck::Joined, Some(fts)) => !fts.exact,
    };
    if on_row {
        for needle in needles {
            cond = cond.add(holds(backend, needle, check == NeedleCheck::Scan));
        }
    }
    q.filter(cond)
}

pub(super) fn custom_equals(
    backend: DatabaseBackend,
    key: &str,
    value: &serde_json::Value,
) -> sea_orm::sea_query::SimpleExpr {
    let text = match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match backend {
        DatabaseBackend::Postgres => Expr::cust_with_values(
            "(\"records\".\"custom\" ->> $1) = $2",
            [key.to_owned(), text],
        ),
        _ => {
            let v: Value = match value {
                serde_json::Value::Bool(b) => Value::from(i32::from(*b)),
                serde_json::Value::Number(n) => {
                    n.as_f64().map_or(Value::from(text.clone()), Value::from)
                }
                _ => Value::from(text),
            };
            Expr::cust_with_values(
                "json_extract(\"records\".\"custom\", ?) = ?",
                [Value::from(format!("$.\"{key}\"")), v],
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needles(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn words_are_prefixes_in_the_word_table() {
        let q = fts_query(&needles(&[" nguyen", " v"])).unwrap();
        assert_eq!(q.table, "records_words");
        assert_eq!(q.expr, "\"nguyen\"* AND \"v\"*");
        assert!(q.exact);
    }

    #[test]
    fn digits_are_trigrams_the_row_confirms() {
        let q = fts_query(&needles(&[" an", "4567"])).unwrap();
        assert_eq!(q.table, "records_fts");
        assert_eq!(q.expr, "\" an\" AND \"456\" AND \"567\"");
        assert!(!q.exact);
        // Trigrams shared by two needles are asked for once.
        let q = fts_query(&needles(&["12345", "2345"])).unwrap();
        assert_eq!(q.expr, "\"123\" AND \"234\" AND \"345\"");
    }

    #[test]
    fn postgres_looks_up_word_starts_of_two_to_six_letters() {
        let n = needles(&[" nguyenthihoa", " v", "4567", " an", " đức"]);
        assert_eq!(word_starts(&n), ["nguyen", "an", "đức"]);
        // Only the starts the index holds whole need no check on the row.
        assert!(starts_whole(" an") && starts_whole(" nguyen"));
        assert!(!starts_whole(" nguyenthihoa") && !starts_whole(" v") && !starts_whole("4567"));
        assert!(word_starts(&needles(&[" v", "12"])).is_empty());
    }

    #[test]
    fn needles_too_short_for_either_index_use_none() {
        assert_eq!(fts_query(&needles(&["12"])), None);
        assert_eq!(fts_query(&[]), None);
    }
}
