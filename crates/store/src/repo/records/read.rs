//! Reading single records and the trash.

use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::visibility::{Viewer, visible, visible_per_row};
use crate::entity::record::{Column, Entity, Model};
use crate::error::StoreResult;

/// A live record of `kind` the viewer may see.
pub async fn get_visible(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: &str,
    id: Uuid,
) -> StoreResult<Option<Model>> {
    Ok(Entity::find()
        .filter(visible_per_row(db.get_database_backend(), viewer))
        .filter(Column::Kind.eq(kind))
        .filter(Column::Id.eq(id))
        .filter(Column::DeletedAt.is_null())
        .filter(Column::MergedInto.is_null())
        .one(db)
        .await?)
}

/// A record of the workspace whatever its state (trashed, merged), without visibility.
pub async fn get_any(db: &impl ConnectionTrait, ws: Uuid, id: Uuid) -> StoreResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .one(db)
        .await?)
}

/// Records the viewer may see that were deleted in the last 30 days, newest first.
pub async fn trash(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    limit: u64,
) -> StoreResult<Vec<Model>> {
    Ok(Entity::find()
        .filter(visible(viewer))
        .filter(Column::DeletedAt.gt(Utc::now() - Duration::days(30)))
        .filter(Column::MergedInto.is_null())
        .order_by_desc(Column::DeletedAt)
        .limit(limit)
        .all(db)
        .await?)
}

/// The live records of `kind` among `ids` that the viewer sees, in no particular order.
pub async fn visible_by_ids(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: &str,
    ids: &[Uuid],
) -> StoreResult<Vec<Model>> {
    // In chunks: an engine binds at most some tens of thousands of parameters.
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(5_000) {
        out.extend(
            Entity::find()
                .filter(visible(viewer))
                .filter(Column::Kind.eq(kind))
                .filter(Column::Id.is_in(chunk.iter().copied()))
                .filter(Column::DeletedAt.is_null())
                .filter(Column::MergedInto.is_null())
                .all(db)
                .await?,
        );
    }
    Ok(out)
}

/// The record a visible record of `kind` was merged into, when `id` is one.
pub async fn merged_into(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: &str,
    id: Uuid,
) -> StoreResult<Option<Uuid>> {
    Ok(Entity::find()
        .filter(visible_per_row(db.get_database_backend(), viewer))
        .filter(Column::Kind.eq(kind))
        .filter(Column::Id.eq(id))
        .filter(Column::MergedInto.is_not_null())
        .one(db)
        .await?
        .and_then(|m| m.merged_into))
}
