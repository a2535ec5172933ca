//! Writing records: insert, optimistic update, trash and restore.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
};
use uuid::Uuid;

use crate::entity::record::{Column, Entity, Model};
use crate::error::{StoreError, StoreResult};

/// Inserts a complete record row.
pub async fn insert(db: &impl ConnectionTrait, row: Model) -> StoreResult<Model> {
    Ok(row.into_active_model().reset_all().insert(db).await?)
}

/// Writes `row` over the stored record when the stored version is still `expected`; the row's
/// version must already be `expected + 1`. `Ok(false)` when someone else changed it first.
pub async fn update(db: &impl ConnectionTrait, row: &Model, expected: i64) -> StoreResult<bool> {
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
