//! Writes that undo an import, and the team turns an import's assignment takes.

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::entity::{activity, record, team};
use crate::error::StoreResult;

/// Deletes the records `ids` for good, with their timeline (child rows go by cascade).
pub async fn delete_records(db: &impl ConnectionTrait, ws: Uuid, ids: &[Uuid]) -> StoreResult<u64> {
    let mut n = 0;
    for chunk in ids.chunks(5_000) {
        activity::Entity::delete_many()
            .filter(activity::Column::WorkspaceId.eq(ws))
            .filter(activity::Column::RecordId.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
        n += record::Entity::delete_many()
            .filter(record::Column::WorkspaceId.eq(ws))
            .filter(record::Column::Id.is_in(chunk.iter().copied()))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(n)
}

/// Takes `n` consecutive round-robin turns of a team; returns the first turn's number. The
/// UPDATE row-locks the team until commit, so concurrent takers get disjoint ranges.
pub async fn take_turns(
    db: &impl ConnectionTrait,
    ws: Uuid,
    team_id: Uuid,
    n: i64,
) -> StoreResult<i64> {
    let stmt = Query::update()
        .table(team::Entity)
        .value(
            team::Column::RrCursor,
            Expr::col(team::Column::RrCursor).add(n),
        )
        .and_where(Expr::col(team::Column::WorkspaceId).eq(ws))
        .and_where(Expr::col(team::Column::Id).eq(team_id))
        .to_owned();
    db.execute(&stmt).await?;
    let after = team::Entity::find()
        .filter(team::Column::WorkspaceId.eq(ws))
        .filter(team::Column::Id.eq(team_id))
        .one(db)
        .await?
        .map_or(n, |t| t.rr_cursor);
    Ok(after - n)
}
