//! Sorted, keyset-paginated pages of a list, each with its total.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, Order, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use uuid::Uuid;

use super::children::Children;
use super::keyset::{Cursor, SortField};
use super::list::{
    Checks, Filter, NeedleCheck, TagCheck, fts_query, list_select, select_with, tag_driven_ids,
    tag_rows_ids, word_starts,
};
use super::searched;
use super::tag_walk::tag_check;
use super::total::{Counted, count_ids, id_select};
use super::visibility::Viewer;
use crate::entity::record::{Column, Entity, Model};
use crate::error::StoreResult;

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
    /// The rows' children, when the list read them while it counted the total.
    pub children: Option<HashMap<Uuid, Children>>,
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
    let pages = Pages {
        viewer,
        kind,
        sort,
        cursor,
        limit,
    };
    match backend {
        DatabaseBackend::Sqlite => {
            if let Some(fts) = fts_query(&filter.needles) {
                return searched::page(db, pages, filter, Some(&fts)).await;
            }
        }
        _ => {
            if !word_starts(&filter.needles).is_empty() {
                return searched::page(db, pages, filter, None).await;
            }
        }
    }
    let base = list_select(backend, viewer, kind, filter);
    let by_tag = !filter.tags_any.is_empty() || !filter.tags_all.is_empty();
    // A total of one tag (and perhaps statuses) is counted from the tag index alone, and the
    // tag's density chooses how the page finds its rows.
    let tag_rows = tag_rows_ids(backend, viewer, kind, filter);
    let walked_tags = match (&tag_rows, backend) {
        (Some(_), _) => tag_check(db, viewer, kind, filter, pages.sort.0, limit).await?,
        (None, DatabaseBackend::Sqlite) => TagCheck::Probe,
        (None, _) => TagCheck::Set,
    };
    if backend != DatabaseBackend::Sqlite || !by_tag {
        let checks = Checks {
            tags: walked_tags,
            ..Checks::WALK
        };
        let walk = select_with(backend, viewer, kind, filter, checks);
        let counted = match tag_rows {
            Some(ids) => Counted {
                cheap: true,
                ..Counted::new(ids)
            },
            None => Counted {
                planned: id_select(select_with(backend, viewer, kind, filter, Checks::PLANNED)),
                ..Counted::new(id_select(base.clone()))
            },
        };
        return pages.read_ids(db, walk, counted, base).await;
    }
    // SQLite plans `id IN (the tag's records)` by reading the whole set and sorting the
    // matches (110 ms for a page of "status + tag" at a million contacts); probing each row
    // of the sort index finds a page in a few hundred rows (7 ms), and the sampled estimate
    // probes its 2,000 rows the same way — unless the tag is rare (see `tag_walk`). The
    // total is driven from the tag's rows when one tag is asked for, else counted from the
    // set.
    let checks = Checks {
        tags: walked_tags,
        needles: NeedleCheck::Index,
        per_row: true,
        ..Checks::SETS
    };
    let walk = select_with(backend, viewer, kind, filter, checks);
    let ids = tag_rows
        .or_else(|| tag_driven_ids(backend, viewer, kind, filter))
        .unwrap_or_else(|| id_select(base));
    pages
        .read_ids(db, walk.clone(), Counted::new(ids), walk)
        .await
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
    let walk = base.clone();
    Pages {
        viewer,
        kind,
        sort,
        cursor,
        limit,
    }
    .read(db, walk, base)
    .await
}

/// What page of a list is asked for.
pub(super) struct Pages<'a> {
    pub viewer: &'a Viewer,
    pub kind: &'a str,
    pub sort: (SortField, Order),
    pub cursor: Option<&'a Cursor>,
    pub limit: u64,
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
        let ids = Counted::new(id_select(counted.clone()));
        self.read_ids(db, walk, ids, counted).await
    }

    /// The page read from `walk` and the total: the ids `counted` writes counted, estimated
    /// (past the exact limit) from them or from `sampled` — the same rows, each written as
    /// the engine reads or estimates it best for the job.
    async fn read_ids(
        self,
        db: &impl ConnectionTrait,
        walk: Select<Entity>,
        counted: Counted,
        sampled: Select<Entity>,
    ) -> StoreResult<Page> {
        // The page and the total are independent: run them on two pooled connections at once.
        let total = count_ids(db, counted, sampled, self.viewer, self.kind);
        let (rows, total) = futures_util::future::join(self.rows(db, walk), total).await;
        let (total, total_is_estimate) = total?;
        Ok(self.finish(rows?, total, total_is_estimate))
    }

    /// Up to `limit + 1` rows of `walk` after the cursor, in order.
    pub(super) async fn rows(
        &self,
        db: &impl ConnectionTrait,
        walk: Select<Entity>,
    ) -> StoreResult<Vec<Model>> {
        let (field, order) = self.sort.clone();
        let mut q = walk;
        if let Some(cond) = self.cursor.and_then(|c| c.condition(field, &order)) {
            q = q.filter(cond);
        }
        let q = q
            .order_by(field.column(), order.clone())
            .order_by(Column::Id, order)
            .limit(self.limit + 1);
        if db.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(q.all(db).await?);
        }
        // PostgreSQL checks the columns an index carries (the status and visibility of the
        // live name index, m0015) only in an index-only scan; asked for whole rows, it fetches
        // every walked row from the table first. "inactive + Webinar" sorted by name walks
        // 2,700 entries for 51 rows: 32 ms that way, 5 ms for the ids and then their rows.
        let ids: Vec<Uuid> = q
            .select_only()
            .column(Column::Id)
            .into_tuple()
            .all(db)
            .await?;
        self.rows_of(db, &ids).await
    }

    /// The rows of `ids` (the page's, already found), in the order of `ids`.
    pub(super) async fn rows_of(
        &self,
        db: &impl ConnectionTrait,
        ids: &[Uuid],
    ) -> StoreResult<Vec<Model>> {
        let mut rows = Entity::find()
            .filter(Column::WorkspaceId.eq(self.viewer.workspace_id))
            .filter(Column::Id.is_in(ids.iter().copied()))
            .all(db)
            .await?;
        rows.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
        Ok(rows)
    }

    /// The page of `rows` (up to `limit + 1`, in order) with its total.
    pub(super) fn finish(&self, mut rows: Vec<Model>, total: u64, total_is_estimate: bool) -> Page {
        let next_cursor = if rows.len() as u64 > self.limit {
            rows.truncate(usize::try_from(self.limit).unwrap_or(usize::MAX));
            rows.last().map(|r| Cursor::after(r, self.sort.0).encode())
        } else {
            None
        };
        Page {
            rows,
            next_cursor,
            total,
            total_is_estimate,
            children: None,
        }
    }
}
