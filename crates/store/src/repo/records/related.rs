//! Records related to another: an account's contacts, as a page like any list's.

use sea_orm::{ColumnTrait, ConnectionTrait, Order, QueryFilter};
use uuid::Uuid;

use super::keyset::{Cursor, SortField};
use super::list::{Filter, list_select};
use super::page::{Page, page};
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
    page(db, base, viewer, "contact", sort, cursor, limit).await
}
