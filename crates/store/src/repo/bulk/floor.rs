//! The least SQL each bulk action needs — one statement over the selection, no undo log, no
//! timeline: the floor the benchmark compares bulk actions with.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, QuerySelect, QueryTrait};
use uuid::Uuid;

use crate::entity::record::{Column, Entity};
use crate::entity::record_tag;
use crate::error::StoreResult;
use crate::repo::records::{Filter, Viewer, list_select};

/// What the floor statement does.
#[derive(Debug, Clone)]
pub enum FloorAction {
    /// `INSERT … SELECT` of one tag.
    AddTag(Uuid),
    /// `UPDATE` of the status.
    SetStatus(String),
    /// `UPDATE` of the owner.
    Assign(Uuid),
}

/// Runs the floor statement over the viewer's records of `kind` matching `filter`; returns the
/// rows it wrote.
pub async fn floor(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: &str,
    filter: &Filter,
    action: &FloorAction,
    at: DateTime<Utc>,
) -> StoreResult<u64> {
    let ids = list_select(db.get_database_backend(), viewer, kind, filter)
        .select_only()
        .column(Column::Id)
        .into_query();
    let res = match action {
        FloorAction::AddTag(tag) => {
            let mut select = list_select(db.get_database_backend(), viewer, kind, filter)
                .select_only()
                .column(Column::WorkspaceId)
                .column(Column::Id)
                .expr(Expr::val(*tag))
                .into_query();
            super::tag_copy::copy_of(&mut select, "records");
            let stmt = Query::insert()
                .into_table(record_tag::Entity)
                .columns(super::tag_copy::with_pair([
                    record_tag::Column::WorkspaceId,
                    record_tag::Column::RecordId,
                    record_tag::Column::TagId,
                ]))
                .select_from(select)
                .map_err(|e| crate::error::StoreError::Corrupt(e.to_string()))?
                .on_conflict(OnConflict::new().do_nothing().to_owned())
                .to_owned();
            db.execute(&stmt).await?
        }
        FloorAction::SetStatus(status) => {
            let stmt = Query::update()
                .table(Entity)
                .value(Column::Status, status.clone())
                .value(Column::UpdatedAt, at)
                .value(Column::Version, Expr::col(Column::Version).add(1))
                .and_where(Column::Id.in_subquery(ids))
                .to_owned();
            db.execute(&stmt).await?
        }
        FloorAction::Assign(user) => {
            let stmt = Query::update()
                .table(Entity)
                .value(Column::OwnerId, *user)
                .value(Column::UpdatedAt, at)
                .value(Column::Version, Expr::col(Column::Version).add(1))
                .and_where(Column::Id.in_subquery(ids))
                .to_owned();
            db.execute(&stmt).await?
        }
    };
    Ok(res.rows_affected())
}
