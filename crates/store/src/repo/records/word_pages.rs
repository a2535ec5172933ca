//! A word search sorted by creation, read from SQLite's scoped word table alone (m0017).
//!
//! Within a kind of a workspace the table's rowids follow the records' rowids, which follow
//! their creation (above the last record inserted out of order, which `search_unordered`
//! keeps): the newest matches are the last rowids of the range, and the total is a count of
//! the range's matches (`word_counts`). On the page, only the restricted matches (rowid bit 0
//! set: not shared with everyone) are checked against the viewer's shares on their record.
//! The page is read first: the index yields the newest matches at once (0.1 ms for `thi
//! dung`'s 51 newest of 8,741 at a million contacts), and a first page short of the limit
//! holds every match. Else the newest 10,001 matches are counted while the page's records
//! are read: `thi dung` takes 3–5 ms so, where collecting the matches through their records
//! and sorting them took 12–25 ms, and taking the page out of the counted matches
//! (materialized) cost another 0.75 ms.

use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, Order, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use super::children::load_children;
use super::keyset::SortField;
use super::list::{Filter, FtsQuery};
use super::page::{Page, Pages};
use super::total::EXACT_TOTAL_LIMIT;
use super::visibility::visible_per_row;
use super::word_counts::{self, Counted};
use super::words::{WORDS, record_rowid_of, scope, word_rowid};
use crate::entity::record::{Column, Entity};
use crate::error::{StoreError, StoreResult};
use crate::repo::scalar;

/// The page of `pages` among the records matching `filter` — the words of `fts` and nothing
/// else — when they are sorted by creation and the word table can answer alone; None when
/// it cannot (other filters, another sort, records created out of order, a cursor on a
/// record that is gone).
pub(super) async fn page(
    db: &impl ConnectionTrait,
    pages: &Pages<'_>,
    filter: &Filter,
    fts: &FtsQuery,
) -> StoreResult<Option<Page>> {
    let words_only = Filter {
        needles: filter.needles.clone(),
        ..Filter::default()
    };
    if !fts.scoped() || pages.sort.0 != SortField::CreatedAt || *filter != words_only {
        return Ok(None);
    }
    let Some(start) = Start::find(db, pages).await? else {
        return Ok(None);
    };
    let (lo, hi) = scope(start.ws_rowid, pages.kind);
    let desc = pages.sort.1 == Order::Desc;
    let mut paged = Query::select();
    paged
        .expr_as(word_col(), Alias::new("w"))
        .from(Alias::new(WORDS))
        .and_where(Expr::cust_with_values(
            format!("\"{WORDS}\" MATCH ?"),
            [fts.expr.clone()],
        ))
        .and_where(word_col().gte(lo))
        .and_where(word_col().lt(hi))
        .cond_where(seen_by(pages, fts));
    // The matches after the cursor's record.
    let after = |col: Expr| {
        start.cursor_rowid.map(|rowid| {
            if desc {
                col.lt(word_rowid(start.ws_rowid, pages.kind, rowid, false))
            } else {
                col.gt(word_rowid(start.ws_rowid, pages.kind, rowid, true))
            }
        })
    };
    // The page first: the index yields its few newest (or oldest) matches at once, unless
    // the matches are sparse — and then a first page short of the limit holds them all.
    if let Some(cond) = after(word_col()) {
        paged.and_where(cond);
    }
    if let Some(below) = start.below {
        paged.and_where(word_col().gt(word_rowid(start.ws_rowid, pages.kind, below, true)));
    }
    paged
        .order_by_expr(word_col(), pages.sort.1.clone())
        .limit(pages.limit + 1);
    let backend = db.get_database_backend();
    let mut words = Vec::new();
    for row in db.query_all_raw(backend.build(&paged)).await? {
        words.push(row.try_get_by_index::<i64>(0)?);
    }
    if start.below.is_some() && words.len() as u64 <= pages.limit {
        // The page reaches down to records inserted out of order.
        return Ok(None);
    }
    let rows = Entity::find()
        .filter(Column::WorkspaceId.eq(pages.viewer.workspace_id))
        .filter(rowid().is_in(words.iter().map(|w| record_rowid_of(*w))))
        .order_by(rowid(), pages.sort.1.clone());
    if pages.cursor.is_none() && words.len() as u64 <= pages.limit {
        let rows = rows.all(db).await?;
        let n = rows.len() as u64;
        return Ok(Some(pages.finish(rows, n, false)));
    }
    // The total, beside the page's records: the newest matches counted up to the limit. (Two
    // halves of the rowids counted on two connections at once were slower on two cores.)
    let counting = word_counts::newest(db, fts, pages.kind, (lo, hi), start.audiences.as_deref());
    // The page's records and their children are read while the total is counted.
    let read = async {
        let rows = rows.all(db).await?;
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let children = load_children(db, pages.viewer.workspace_id, &ids).await?;
        Ok::<_, StoreError>((rows, children))
    };
    let (read, counted) = futures_util::future::join(read, counting).await;
    let ((rows, children), Counted { n, last, capped }) = (read?, counted?);
    let mut page = if n <= EXACT_TOTAL_LIMIT {
        pages.finish(rows, n, false)
    } else {
        let estimate = match last {
            Some(last) if capped => start.extrapolate(n, last),
            _ => n,
        };
        pages.finish(rows, Ord::max(estimate, n), true)
    };
    page.children = Some(children);
    Ok(Some(page))
}

/// The word table's rowid column.
fn word_col() -> Expr {
    Expr::col((Alias::new(WORDS), Alias::new("rowid")))
}

/// The records' rowid column.
fn rowid() -> Expr {
    Expr::col((Entity, Alias::new("rowid")))
}

/// Which matches the viewer sees: all of them for one who sees every record; else those
/// shared with everyone, and the restricted ones whose record the viewer's shares reach.
fn seen_by(pages: &Pages<'_>, fts: &FtsQuery) -> Condition {
    let viewer = pages.viewer;
    if viewer.sees_all {
        return Condition::all();
    }
    let record = Query::select()
        .expr(Expr::val(1))
        .from(Entity)
        .and_where(Expr::cust(format!(
            "\"records\".\"rowid\" = {}",
            fts.record_rowid()
        )))
        .cond_where(visible_per_row(DatabaseBackend::Sqlite, viewer))
        .to_owned();
    Condition::any()
        .add(Expr::cust(format!("(\"{WORDS}\".\"rowid\" & 1) = 0")))
        .add(Expr::exists(record))
}

/// Where the page starts, and whether the word table's order can be trusted.
struct Start {
    /// The workspace's rowid, which scopes its word-table rowids.
    ws_rowid: i64,
    /// The rowid of the cursor's record, when there is a cursor.
    cursor_rowid: Option<i64>,
    /// The rowids of the kind's oldest and newest records (trashed ones too).
    span: Option<(i64, i64)>,
    /// The rowid of the last record inserted older than one before it: the rowids follow
    /// creation only above it.
    below: Option<i64>,
    /// The numbers of the viewer's audiences (m0018), unless they see every record.
    audiences: Option<Vec<i64>>,
}

impl Start {
    /// The start of `pages`; None when the cursor's record is not one of the kind's, or the
    /// page reaches records inserted out of order (oldest first, or a cursor below them).
    async fn find(db: &impl ConnectionTrait, pages: &Pages<'_>) -> StoreResult<Option<Start>> {
        let ws = pages.viewer.workspace_id;
        let unordered = Query::select()
            .expr(Expr::col(Alias::new("below_rowid")))
            .from(Alias::new("search_unordered"))
            .and_where(Expr::col(Alias::new("workspace_id")).eq(ws))
            .and_where(Expr::col(Alias::new("kind")).eq(pages.kind))
            .to_owned();
        let ws_rowid = Query::select()
            .expr(Expr::col(Alias::new("rowid")))
            .from(Alias::new("workspaces"))
            .and_where(Expr::col(Alias::new("id")).eq(ws))
            .to_owned();
        let end = |order: Order| {
            scalar(
                Query::select()
                    .expr(Expr::col(Alias::new("rowid")))
                    .from(Entity)
                    .and_where(Column::WorkspaceId.eq(ws))
                    .and_where(Column::Kind.eq(pages.kind))
                    .order_by(Column::CreatedAt, order.clone())
                    .order_by(Column::Id, order)
                    .limit(1)
                    .to_owned(),
            )
        };
        let mut q = Query::select();
        q.expr(scalar(unordered))
            .expr(scalar(ws_rowid))
            .expr(end(Order::Asc))
            .expr(end(Order::Desc));
        if let Some(cursor) = pages.cursor {
            let cursor_rowid = Query::select()
                .expr(Expr::col(Alias::new("rowid")))
                .from(Entity)
                .and_where(Column::WorkspaceId.eq(ws))
                .and_where(Column::Id.eq(cursor.id))
                .and_where(Column::Kind.eq(pages.kind))
                .to_owned();
            q.expr(scalar(cursor_rowid));
        }
        // The viewer's audience numbers, only for one who does not see every record.
        let viewer = pages.viewer;
        if !viewer.sees_all {
            let audiences =
                Query::select()
                    .expr(Expr::cust("group_concat(\"no\")"))
                    .from(Alias::new("search_audiences"))
                    .and_where(Expr::col(Alias::new("who")).is_in(
                        std::iter::once(viewer.user_id).chain(viewer.team_ids.iter().copied()),
                    ))
                    .to_owned();
            q.expr(scalar(audiences));
        }
        let Some(row) = db
            .query_one_raw(db.get_database_backend().build(&q))
            .await?
        else {
            return Ok(None);
        };
        let below: Option<i64> = row.try_get_by_index(0)?;
        let ws_rowid: Option<i64> = row.try_get_by_index(1)?;
        let oldest: Option<i64> = row.try_get_by_index(2)?;
        let newest: Option<i64> = row.try_get_by_index(3)?;
        let cursor_rowid: Option<i64> = match pages.cursor {
            Some(_) => row.try_get_by_index(4)?,
            None => None,
        };
        let audiences = match viewer.sees_all {
            true => None,
            false => {
                let at = 4 + usize::from(pages.cursor.is_some());
                Some(numbers(row.try_get_by_index::<Option<String>>(at)?))
            }
        };
        let Some(ws_rowid) = ws_rowid else {
            return Ok(None);
        };
        let reaches_below = match (below, cursor_rowid) {
            (Some(_), _) if pages.sort.1 != Order::Desc => true,
            (Some(below), Some(cursor)) => cursor <= below,
            _ => false,
        };
        if reaches_below || (pages.cursor.is_some() && cursor_rowid.is_none()) {
            return Ok(None);
        }
        Ok(Some(Start {
            ws_rowid,
            cursor_rowid,
            span: oldest.zip(newest),
            below,
            audiences,
        }))
    }

    /// About how many records match, from `n` matches found between record rowid `last` and
    /// the kind's newest record: their density among the kind's rowids, times its rowid span.
    fn extrapolate(&self, n: u64, last: i64) -> u64 {
        let Some((oldest, newest)) = self.span else {
            return n;
        };
        let covered = Ord::max(newest - last + 1, 1) as f64;
        let all = Ord::max(newest - oldest + 1, 1) as f64;
        (n as f64 * all / covered).round() as u64
    }
}

/// The numbers of a `group_concat`.
fn numbers(list: Option<String>) -> Vec<i64> {
    list.iter()
        .flat_map(|l| l.split(','))
        .filter_map(|n| n.trim().parse().ok())
        .collect()
}
