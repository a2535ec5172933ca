//! How a page of one tag (and perhaps statuses) finds its rows: by walking its sort index and
//! probing each row for the tag, or by reading the tag's rows as a set and sorting them.
//!
//! The walk stops after the page, but passes about `page × live rows ÷ matches` entries to
//! get there: cheap for a dense tag, the whole index for a rare one. Reading the set costs
//! one table visit and a sort per match: cheap for a rare tag, slow for a dense one. On
//! PostgreSQL at a million contacts, "inactive + Webinar" (7,340 tag rows) took a member
//! 25–50 ms read as a set (the planner's choice: it believes a member sees 21 % of the
//! records, not 87.5 %) and 6 ms walked; an owner's parallel walk took 12 ms, 4 ms serial.
//! So the tag's rows are counted, up to the point where the two costs meet, and that count
//! chooses.

use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Expr, ExprTrait};

use super::estimate::kind_rows;
use super::keyset::SortField;
use super::list::{Filter, TagCheck, tag_rows};
use super::total::count;
use super::visibility::Viewer;
use crate::entity::record_tag;
use crate::error::StoreResult;

/// What a walked index entry costs against a match read as a set (a table visit and its
/// share of the sort), measured on PostgreSQL at a million contacts: the live name index
/// carries the status and visibility columns (m0015), so its entries are checked in the
/// index (0.8 µs against 5 µs); the other sort indexes send each entry to the table.
fn entry_cost(sort: SortField) -> f64 {
    if sort == SortField::Name {
        1.0 / 6.0
    } else {
        1.0 / 2.0
    }
}

/// How a page of `limit` rows sorted by `sort` checks the one "any of" tag of `filter`:
/// [`TagCheck::Probe`] (walk the sort index) when the tag's rows of the kind and statuses
/// are dense enough, else [`TagCheck::Set`].
pub(super) async fn tag_check(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: &str,
    filter: &Filter,
    sort: SortField,
    limit: u64,
) -> StoreResult<TagCheck> {
    let [tag] = filter.tags_any.as_slice() else {
        return Ok(TagCheck::Set);
    };
    let live = kind_rows(db, viewer.workspace_id, kind).await?;
    // Walk cost (limit + 1) × live ÷ n × entry cost against set cost n: equal at this n.
    let page = (limit + 1) as f64;
    let meet = (page * live as f64 * entry_cost(sort)).sqrt().ceil() as u64;
    let rows = tag_rows(kind, *tag, &filter.statuses)
        .and_where(
            Expr::col((record_tag::Entity, record_tag::Column::WorkspaceId))
                .eq(viewer.workspace_id),
        )
        .limit(Ord::max(meet, 1))
        .to_owned();
    let n = count(db, rows).await?;
    tracing::debug!(live, meet, n, "tag walk");
    Ok(if n >= meet {
        TagCheck::Probe
    } else {
        TagCheck::Set
    })
}
