//! Every record-related row of a workspace as JSON, in key order: what a merge or an undo may
//! touch. Support and tests compare two dumps to prove an undo put everything back.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::entity::{activity, record, record_email, record_phone, record_share, record_tag};
use crate::error::StoreResult;

/// `{"records": [...], "record_phones": [...], ...}` of workspace `ws`.
pub async fn record_tables(db: &impl ConnectionTrait, ws: Uuid) -> StoreResult<Value> {
    let records = record::Entity::find()
        .filter(record::Column::WorkspaceId.eq(ws))
        .order_by_asc(record::Column::Id)
        .all(db)
        .await?;
    let phones = record_phone::Entity::find()
        .filter(record_phone::Column::WorkspaceId.eq(ws))
        .order_by_asc(record_phone::Column::RecordId)
        .order_by_asc(record_phone::Column::Position)
        .all(db)
        .await?;
    let emails = record_email::Entity::find()
        .filter(record_email::Column::WorkspaceId.eq(ws))
        .order_by_asc(record_email::Column::RecordId)
        .order_by_asc(record_email::Column::Position)
        .all(db)
        .await?;
    let tags = record_tag::Entity::find()
        .filter(record_tag::Column::WorkspaceId.eq(ws))
        .order_by_asc(record_tag::Column::RecordId)
        .order_by_asc(record_tag::Column::TagId)
        .all(db)
        .await?;
    let shares = record_share::Entity::find()
        .filter(record_share::Column::WorkspaceId.eq(ws))
        .order_by_asc(record_share::Column::Id)
        .all(db)
        .await?;
    let activities = activity::Entity::find()
        .filter(activity::Column::WorkspaceId.eq(ws))
        .order_by_asc(activity::Column::Id)
        .all(db)
        .await?;
    Ok(json!({
        "records": records,
        "record_phones": phones,
        "record_emails": emails,
        "record_tags": tags,
        "record_shares": shares,
        "activities": activities,
    }))
}
