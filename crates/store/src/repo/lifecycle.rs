//! The life cycle's storage: locking and claiming a record for conversion (once only), and
//! the records converted into another, whose timelines its own gathers.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use super::records::{Filter, Viewer, list_select, visible};
use crate::entity::record::{Column, Entity, Model};
use crate::error::StoreResult;

/// How deep conversions chain: prospect → lead → contact.
const CHAIN_DEPTH: usize = 3;

/// What a record is converted into.
#[derive(Debug, Clone)]
pub struct Conversion {
    /// The lead of a prospect, the contact of a lead.
    pub converted_to: Uuid,
    /// A lead's account.
    pub account_id: Option<Uuid>,
    /// A lead's opportunity.
    pub opportunity_id: Option<Uuid>,
    /// When.
    pub at: DateTime<Utc>,
    /// The status it gets (`converted`).
    pub status: String,
}

/// A live record of `kind` the viewer sees, locked for the rest of the transaction on
/// PostgreSQL (`FOR UPDATE`): a second conversion of the same record waits here and then sees
/// it converted. SQLite's write transactions (`BEGIN IMMEDIATE`) are serial already.
pub async fn lock_visible(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: &str,
    id: Uuid,
) -> StoreResult<Option<Model>> {
    let mut q = Entity::find()
        .filter(visible(viewer))
        .filter(Column::Kind.eq(kind))
        .filter(Column::Id.eq(id))
        .filter(Column::DeletedAt.is_null())
        .filter(Column::MergedInto.is_null());
    if db.get_database_backend() == DatabaseBackend::Postgres {
        q = q.lock_exclusive();
    }
    Ok(q.one(db).await?)
}

/// The ids of up to `limit` live records of `kind` the viewer sees that match `filter`, in id
/// order: the selection of a bulk action given as a filter.
pub async fn selected_ids(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: &str,
    filter: &Filter,
    limit: u64,
) -> StoreResult<Vec<Uuid>> {
    Ok(list_select(db.get_database_backend(), viewer, kind, filter)
        .select_only()
        .column(Column::Id)
        .order_by_asc(Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?)
}

/// Marks record `id` converted, if it is still unconverted, live and at version `expected`;
/// bumps its version. `Ok(false)` when another conversion (or edit) got there first: the
/// caller stops before writing anything else.
pub async fn claim(
    db: &impl ConnectionTrait,
    ws: Uuid,
    id: Uuid,
    expected: i64,
    c: &Conversion,
) -> StoreResult<bool> {
    let res = Entity::update_many()
        .col_expr(Column::ConvertedTo, Expr::value(c.converted_to))
        .col_expr(Column::ConvertedAt, Expr::value(c.at))
        .col_expr(Column::ConvertedAccountId, Expr::value(c.account_id))
        .col_expr(
            Column::ConvertedOpportunityId,
            Expr::value(c.opportunity_id),
        )
        .col_expr(Column::Status, Expr::value(c.status.clone()))
        .col_expr(Column::UpdatedAt, Expr::value(c.at))
        .col_expr(Column::Version, Expr::col(Column::Version).add(1))
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .filter(Column::Version.eq(expected))
        .filter(Column::ConvertedAt.is_null())
        .filter(Column::DeletedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// `id` and the records converted into it, directly or through another (a contact's lead and
/// that lead's prospect): the records whose activities make up `id`'s timeline.
pub async fn timeline_ids(db: &impl ConnectionTrait, ws: Uuid, id: Uuid) -> StoreResult<Vec<Uuid>> {
    let mut all = vec![id];
    let mut frontier = vec![id];
    for _ in 0..CHAIN_DEPTH {
        let next: Vec<Uuid> = Entity::find()
            .select_only()
            .column(Column::Id)
            .filter(Column::WorkspaceId.eq(ws))
            .filter(Column::ConvertedTo.is_in(frontier))
            .into_tuple()
            .all(db)
            .await?;
        let next: Vec<Uuid> = next.into_iter().filter(|i| !all.contains(i)).collect();
        if next.is_empty() {
            break;
        }
        all.extend(&next);
        frontier = next;
    }
    Ok(all)
}
