//! Filtered, sorted, keyset-paginated lists of the records a viewer may see, with a total
//! that is exact up to 10,000 and an estimate beyond.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, Order, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Select, Value,
};
use sen_domain::search::{search_needles, whole_phone};
use sen_domain::value::Country;
use uuid::Uuid;

use super::keyset::{Cursor, SortField};
use super::visibility::{Viewer, visible_in};
use crate::entity::record::{Column, Entity, Model};
use crate::entity::{record_email, record_phone, record_tag, team_member};
use crate::error::StoreResult;

/// Above this many matches the total is an estimate.
pub const EXACT_TOTAL_LIMIT: u64 = 10_000;

/// What a list is narrowed to. Empty vectors and `None`s do not narrow.
#[derive(Debug, Clone, Default)]
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

/// One page of a list.
#[derive(Debug, Clone)]
pub struct Page {
    /// The rows.
    pub rows: Vec<Model>,
    /// Cursor of the next page, when there is one.
    pub next_cursor: Option<String>,
    /// How many rows match.
    pub total: u64,
    /// Whether `total` is an estimate.
    pub total_is_estimate: bool,
}

/// How a tag filter is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagCheck {
    /// `id IN (the tag's records)`: the engine reads the tag's rows once, as a set — right
    /// for counting and for acting on every match.
    Set,
    /// A correlated `EXISTS` per row: right for a page that walks the sort index and stops
    /// after a few hundred rows.
    Probe,
}

/// The select of live records of `kind` the viewer sees that match `filter` (no order, no
/// page): shared by lists, counts, bulk actions and exports.
pub fn list_select(
    backend: DatabaseBackend,
    viewer: &Viewer,
    kind: &str,
    filter: &Filter,
) -> Select<Entity> {
    select_with(backend, viewer, kind, filter, TagCheck::Set)
}

fn select_with(
    backend: DatabaseBackend,
    viewer: &Viewer,
    kind: &str,
    filter: &Filter,
    tag_check: TagCheck,
) -> Select<Entity> {
    let ws = viewer.workspace_id;
    let mut q = Entity::find()
        .filter(visible_in(backend, viewer))
        .filter(Column::Kind.eq(kind))
        .filter(Column::DeletedAt.is_null())
        .filter(Column::MergedInto.is_null());
    if filter.nothing {
        return q.filter(Expr::cust("1 = 0"));
    }
    q = search(q, backend, &filter.needles);
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
    let tagged = |tags: Vec<Uuid>| -> SimpleExpr {
        let mut sub = Query::select();
        sub.from(record_tag::Entity)
            .and_where(record_tag::Column::WorkspaceId.eq(ws))
            .and_where(record_tag::Column::TagId.is_in(tags));
        match tag_check {
            TagCheck::Set => {
                Column::Id.in_subquery(sub.column(record_tag::Column::RecordId).to_owned())
            }
            TagCheck::Probe => Expr::exists(
                sub.expr(Expr::val(1))
                    .and_where(
                        Expr::col((record_tag::Entity, record_tag::Column::RecordId))
                            .equals((Entity, Column::Id)),
                    )
                    .to_owned(),
            ),
        }
    };
    if !filter.tags_any.is_empty() {
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

/// Every needle must occur in `search_key`, through the engine's substring index.
fn search(q: Select<Entity>, backend: DatabaseBackend, needles: &[String]) -> Select<Entity> {
    if needles.is_empty() {
        return q;
    }
    let mut cond = Condition::all();
    let indexed: Vec<&String> = needles.iter().filter(|n| n.chars().count() >= 3).collect();
    if backend == DatabaseBackend::Sqlite && !indexed.is_empty() {
        // FTS5 trigram: each needle a quoted phrase, all of them required.
        let expr = indexed
            .iter()
            .map(|n| format!("\"{}\"", n.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" AND ");
        cond = cond.add(Expr::cust_with_values(
            "\"records\".\"rowid\" IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)",
            [expr],
        ));
    }
    for needle in needles {
        if backend != DatabaseBackend::Sqlite || needle.chars().count() < 3 {
            cond = cond.add(Column::SearchKey.like(format!("%{needle}%")));
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

/// One page: `limit` rows after `cursor`, sorted by `sort`, and the total.
pub async fn list(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: &str,
    filter: &Filter,
    sort: (SortField, Order),
    cursor: Option<&Cursor>,
    limit: u64,
) -> StoreResult<Page> {
    let backend = db.get_database_backend();
    let base = list_select(backend, viewer, kind, filter);
    let by_tag = !filter.tags_any.is_empty() || !filter.tags_all.is_empty();
    if backend == DatabaseBackend::Sqlite && by_tag {
        // SQLite plans `id IN (the tag's records)` by reading the whole set and sorting the
        // matches (110 ms for a page of "status + tag" at a million contacts); probing each
        // row of the sort index finds a page in a few hundred rows (7 ms). The total still
        // counts from the set, which is the cheaper way to count.
        let walk = select_with(backend, viewer, kind, filter, TagCheck::Probe);
        let page = Pages {
            viewer,
            kind,
            sort,
            cursor,
            limit,
        };
        return page.read(db, walk, base).await;
    }
    page(db, base, viewer, kind, sort, cursor, limit).await
}

/// One page of `base` (a [`list_select`], possibly narrowed further) and its total.
pub async fn page(
    db: &impl ConnectionTrait,
    base: Select<Entity>,
    viewer: &Viewer,
    kind: &str,
    sort: (SortField, Order),
    cursor: Option<&Cursor>,
    limit: u64,
) -> StoreResult<Page> {
    let page = Pages {
        viewer,
        kind,
        sort,
        cursor,
        limit,
    };
    page.read(db, base.clone(), base).await
}

/// What page of a list is asked for.
struct Pages<'a> {
    viewer: &'a Viewer,
    kind: &'a str,
    sort: (SortField, Order),
    cursor: Option<&'a Cursor>,
    limit: u64,
}

impl Pages<'_> {
    /// The page read from `walk` and the total counted from `counted` (the same rows,
    /// possibly written so that each engine reads them its cheapest way for the job).
    async fn read(
        self,
        db: &impl ConnectionTrait,
        walk: Select<Entity>,
        counted: Select<Entity>,
    ) -> StoreResult<Page> {
        let Pages {
            viewer,
            kind,
            sort,
            cursor,
            limit,
        } = self;
        let (field, order) = sort;
        let base = counted;
        let mut q = walk;
        if let Some(cond) = cursor.and_then(|c| c.condition(field, &order)) {
            q = q.filter(cond);
        }
        // The page and the total are independent: run them on two pooled connections at once.
        let rows = q
            .order_by(field.column(), order.clone())
            .order_by(Column::Id, order)
            .limit(limit + 1)
            .all(db);
        let (rows, counted) =
            futures_util::future::join(rows, count_visible(db, base, viewer, kind)).await;
        let mut rows = rows?;
        let (total, total_is_estimate) = counted?;
        let next_cursor = if rows.len() as u64 > limit {
            rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
            rows.last().map(|r| Cursor::after(r, field).encode())
        } else {
            None
        };
        Ok(Page {
            rows,
            next_cursor,
            total,
            total_is_estimate,
        })
    }
}

/// How many rows a select matches: exact up to [`EXACT_TOTAL_LIMIT`], beyond it an estimate
/// (flagged): PostgreSQL's planner estimate; on SQLite the share of matches in a sample of the
/// kind's newest rows times the kind's (cached) row count. Never a full count of a big table.
pub async fn count_visible(
    db: &impl ConnectionTrait,
    select: Select<Entity>,
    viewer: &Viewer,
    kind: &str,
) -> StoreResult<(u64, bool)> {
    let backend = db.get_database_backend();
    let ids = select.clone().select_only().column(Column::Id).into_query();
    let capped = count(db, ids.clone().limit(EXACT_TOTAL_LIMIT + 1).to_owned()).await?;
    if capped <= EXACT_TOTAL_LIMIT {
        return Ok((capped, false));
    }
    let estimate = if backend == DatabaseBackend::Postgres {
        planner_estimate(db, &ids).await?
    } else {
        super::estimate::sampled(db, select, viewer.workspace_id, kind).await?
    };
    // An estimate, never below what was counted for sure.
    Ok((Ord::max(estimate, capped), true))
}

async fn planner_estimate(
    db: &impl ConnectionTrait,
    ids: &sea_orm::sea_query::SelectStatement,
) -> StoreResult<u64> {
    let backend = db.get_database_backend();
    let sql = format!(
        "EXPLAIN (FORMAT JSON) {}",
        ids.to_string(sea_orm::sea_query::PostgresQueryBuilder)
    );
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(backend, sql))
        .await?;
    let plan: Option<serde_json::Value> = match row {
        Some(row) => row.try_get_by_index(0).ok(),
        None => None,
    };
    let rows = plan
        .as_ref()
        .and_then(|p| p[0]["Plan"]["Plan Rows"].as_f64())
        .unwrap_or(0.0);
    Ok(rows as u64)
}

/// `SELECT COUNT(*)` of a subquery.
pub(super) async fn count(
    db: &impl ConnectionTrait,
    inner: sea_orm::sea_query::SelectStatement,
) -> StoreResult<u64> {
    let stmt = Query::select()
        .expr(Expr::cust("COUNT(*)"))
        .from_subquery(inner, Alias::new("matched"))
        .to_owned();
    let row = db.query_one(&stmt).await?;
    let n: i64 = match row {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    };
    Ok(u64::try_from(n).unwrap_or(0))
}

/// How many live records of `kind` the viewer sees: exact up to [`EXACT_TOTAL_LIMIT`], beyond
/// it an estimate (flagged).
pub async fn count_kind(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: &str,
) -> StoreResult<(u64, bool)> {
    let select = list_select(db.get_database_backend(), viewer, kind, &Filter::default());
    count_visible(db, select, viewer, kind).await
}
