//! Writing records: insert, optimistic update, trash and restore.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
};
use sen_domain::duplicate::{address_key, name_key};
use uuid::Uuid;

use crate::entity::record::{Column, Entity, Model};
use crate::error::{StoreError, StoreResult};

/// Inserts a complete record row.
pub async fn insert(db: &impl ConnectionTrait, mut row: Model) -> StoreResult<Model> {
    with_keys(&mut row);
    Ok(row.into_active_model().reset_all().insert(db).await?)
}

/// Writes `row` over the stored record when the stored version is still `expected`; the row's
/// version must already be `expected + 1`. `Ok(false)` when someone else changed it first.
pub async fn update(db: &impl ConnectionTrait, row: &Model, expected: i64) -> StoreResult<bool> {
    let mut row = row.clone();
    with_keys(&mut row);
    let res = Entity::update_many()
        .set(row.clone().into_active_model().reset_all())
        .filter(Column::WorkspaceId.eq(row.workspace_id))
        .filter(Column::Id.eq(row.id))
        .filter(Column::Version.eq(expected))
        .filter(Column::DeletedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Moves a live record to the trash.
pub async fn soft_delete(
    db: &impl ConnectionTrait,
    ws: Uuid,
    id: Uuid,
    by: Uuid,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let res = Entity::update_many()
        .col_expr(Column::DeletedAt, Expr::value(at))
        .col_expr(Column::DeletedBy, Expr::value(by))
        .col_expr(Column::UpdatedAt, Expr::value(at))
        .col_expr(Column::Version, Expr::col(Column::Version).add(1))
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .filter(Column::DeletedAt.is_null())
        .exec(db)
        .await?;
    if res.rows_affected == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

/// Takes a record out of the trash.
pub async fn restore(
    db: &impl ConnectionTrait,
    ws: Uuid,
    id: Uuid,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let res = Entity::update_many()
        .col_expr(
            Column::DeletedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(Column::DeletedBy, Expr::value(Option::<Uuid>::None))
        .col_expr(Column::UpdatedAt, Expr::value(at))
        .col_expr(Column::Version, Expr::col(Column::Version).add(1))
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .filter(Column::DeletedAt.is_not_null())
        .exec(db)
        .await?;
    if res.rows_affected == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

/// An empty live record of `kind`: what a create starts from before its fields are applied
/// (the API's create path and bulk loaders build rows the same way).
pub fn blank(ws: Uuid, kind: &str, actor: Uuid, now: DateTime<Utc>) -> Model {
    blank_with_id(crate::repo::new_id(), ws, kind, actor, now)
}

/// [`blank`] under an id the caller already has (a record read in part), so that no id is
/// drawn only to be replaced.
pub fn blank_with_id(id: Uuid, ws: Uuid, kind: &str, actor: Uuid, now: DateTime<Utc>) -> Model {
    let empty = || serde_json::Value::Array(Vec::new());
    Model {
        id,
        workspace_id: ws,
        kind: kind.to_owned(),
        status: String::new(),
        first_name: None,
        last_name: None,
        name: String::new(),
        search_key: String::new(),
        birthday: None,
        gender: None,
        national_id: None,
        job_title: None,
        source: String::new(),
        industry: String::new(),
        company_name: None,
        account_id: None,
        contact_id: None,
        notes: None,
        custom: serde_json::Value::Object(serde_json::Map::new()),
        socials: empty(),
        websites: empty(),
        addresses: empty(),
        city: String::new(),
        org_size: None,
        contact_source: None,
        customer_group: None,
        contact_status: None,
        amount: None,
        currency: None,
        expected_close_date: None,
        probability: None,
        lost_reason: None,
        closed_at: None,
        source_lead_id: None,
        input_source: None,
        zalo_user_id: None,
        facebook_psid: None,
        owner_id: actor,
        sharing_mode: "everyone".into(),
        created_by: actor,
        created_via: "manual".into(),
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: None,
        deleted_by: None,
        merged_into: None,
        converted_to: None,
        converted_at: None,
        converted_account_id: None,
        converted_opportunity_id: None,
        name_key: String::new(),
        address_key: String::new(),
        import_id: None,
        import_row: None,
    }
}

/// Sets the folded keys duplicates are found by from the row's name and first address, so
/// that every write path keeps them whatever built the row.
pub fn with_keys(row: &mut Model) {
    row.name_key = name_key(&row.name);
    row.address_key = first_address_key(row);
}

/// The folded key of a row's first address; empty when it has none.
pub fn first_address_key(row: &Model) -> String {
    row.addresses
        .as_array()
        .and_then(|a| a.first())
        .and_then(serde_json::Value::as_object)
        .map(|parts| {
            let fields = ["street", "ward", "district", "city", "zip", "country"];
            address_key(
                fields
                    .iter()
                    .filter_map(|f| parts.get(*f).and_then(serde_json::Value::as_str)),
            )
        })
        .unwrap_or_default()
}
