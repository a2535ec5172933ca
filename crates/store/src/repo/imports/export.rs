//! Reading the records an export writes: the caller's visible records matching the list
//! filter, in id order, a page at a time (memory stays bounded whatever the list's size).

use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::entity::record::{Column, Model};
use crate::error::StoreResult;
use crate::repo::records::{Filter, Viewer, list_select};

/// The next `limit` records after `after`.
pub async fn export_page(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: &str,
    filter: &Filter,
    after: Option<Uuid>,
    limit: u64,
) -> StoreResult<Vec<Model>> {
    let mut q = list_select(db.get_database_backend(), viewer, kind, filter);
    if let Some(a) = after {
        q = q.filter(Column::Id.gt(a));
    }
    Ok(q.order_by_asc(Column::Id).limit(limit).all(db).await?)
}
