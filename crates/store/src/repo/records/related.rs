//! Records related to another: an account's contacts, as a page like any list's.

use sea_orm::{ColumnTrait, ConnectionTrait, Order, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::keyset::{Cursor, SortField};
use super::list::{Filter, Page, count_visible, list_select};
use super::visibility::Viewer;
use crate::entity::record::Column;
use crate::error::StoreResult;

/// One page of the live contacts of `account_id` the viewer sees, narrowed by `filter`.
pub async fn account_contacts(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    account_id: Uuid,
    filter: &Filter,
    sort: (SortField, Order),
    cursor: Option<&Cursor>,
    limit: u64,
) -> StoreResult<Page> {
    let base = list_select(db.get_database_backend(), viewer, "contact", filter)
        .filter(Column::AccountId.eq(account_id));
    let (field, order) = sort;
    let mut q = base.clone();
    if let Some(cond) = cursor.and_then(|c| c.condition(field, &order)) {
        q = q.filter(cond);
    }
    let mut rows = q
        .order_by(field.column(), order.clone())
        .order_by(Column::Id, order)
        .limit(limit + 1)
        .all(db)
        .await?;
    let next_cursor = if rows.len() as u64 > limit {
        rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        rows.last().map(|r| Cursor::after(r, field).encode())
    } else {
        None
    };
    let (total, total_is_estimate) = count_visible(db, base).await?;
    Ok(Page {
        rows,
        next_cursor,
        total,
        total_is_estimate,
    })
}
