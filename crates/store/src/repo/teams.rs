//! Teams and their members.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use sen_domain::role::AssignmentRule;
use uuid::Uuid;

use super::{new_id, now};
use crate::entity::team::{ActiveModel, Column, Entity, Model};
use crate::entity::team_member;
use crate::error::{StoreError, StoreResult};

/// Fields to change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct TeamPatch {
    /// New name.
    pub name: Option<String>,
    /// New data-owner flag.
    pub data_owner: Option<bool>,
    /// New assignment rule.
    pub assignment_rule: Option<AssignmentRule>,
}

/// Creates a team; a taken name is [`StoreError::Conflict`].
pub async fn insert(
    db: &impl ConnectionTrait,
    ws: Uuid,
    name: &str,
    data_owner: bool,
    rule: AssignmentRule,
) -> StoreResult<Model> {
    let at = now();
    let row = ActiveModel {
        id: Set(new_id()),
        workspace_id: Set(ws),
        name: Set(name.to_owned()),
        data_owner: Set(data_owner),
        assignment_rule: Set(rule.as_str().to_owned()),
        rr_cursor: Set(0),
        created_at: Set(at),
        updated_at: Set(at),
    };
    Ok(row.insert(db).await?)
}

/// A team of the workspace.
pub async fn get(db: &impl ConnectionTrait, ws: Uuid, id: Uuid) -> StoreResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .one(db)
        .await?)
}

/// The workspace's teams, by name.
pub async fn list(db: &impl ConnectionTrait, ws: Uuid) -> StoreResult<Vec<Model>> {
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .order_by_asc(Column::Name)
        .all(db)
        .await?)
}

/// Applies a patch and returns the new row.
pub async fn update(
    db: &impl ConnectionTrait,
    ws: Uuid,
    id: Uuid,
    patch: TeamPatch,
) -> StoreResult<Model> {
    let current = get(db, ws, id).await?.ok_or(StoreError::NotFound)?;
    let mut row: ActiveModel = current.into();
    if let Some(name) = patch.name {
        row.name = Set(name);
    }
    if let Some(flag) = patch.data_owner {
        row.data_owner = Set(flag);
    }
    if let Some(rule) = patch.assignment_rule {
        row.assignment_rule = Set(rule.as_str().to_owned());
    }
    row.updated_at = Set(now());
    Ok(row.update(db).await?)
}

/// Deletes a team (its memberships go with it); false when there was none.
pub async fn delete(db: &impl ConnectionTrait, ws: Uuid, id: Uuid) -> StoreResult<bool> {
    team_member::Entity::delete_many()
        .filter(team_member::Column::WorkspaceId.eq(ws))
        .filter(team_member::Column::TeamId.eq(id))
        .exec(db)
        .await?;
    let res = Entity::delete_many()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(res.rows_affected > 0)
}

/// Replaces the team's members with `user_ids`, in that (round-robin) order.
pub async fn set_members(
    db: &impl ConnectionTrait,
    ws: Uuid,
    team: Uuid,
    user_ids: &[Uuid],
) -> StoreResult<()> {
    team_member::Entity::delete_many()
        .filter(team_member::Column::WorkspaceId.eq(ws))
        .filter(team_member::Column::TeamId.eq(team))
        .exec(db)
        .await?;
    if user_ids.is_empty() {
        return Ok(());
    }
    let rows = user_ids
        .iter()
        .enumerate()
        .map(|(i, user)| team_member::ActiveModel {
            workspace_id: Set(ws),
            team_id: Set(team),
            user_id: Set(*user),
            position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
        });
    team_member::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// Members of each of `teams`, in round-robin order.
pub async fn members_of(
    db: &impl ConnectionTrait,
    ws: Uuid,
    teams: &[Uuid],
) -> StoreResult<HashMap<Uuid, Vec<Uuid>>> {
    let rows = team_member::Entity::find()
        .filter(team_member::Column::WorkspaceId.eq(ws))
        .filter(team_member::Column::TeamId.is_in(teams.iter().copied()))
        .order_by_asc(team_member::Column::Position)
        .all(db)
        .await?;
    let mut out: HashMap<Uuid, Vec<Uuid>> = teams.iter().map(|t| (*t, Vec::new())).collect();
    for row in rows {
        out.entry(row.team_id).or_default().push(row.user_id);
    }
    Ok(out)
}

/// The teams a user is a member of, by name (one query).
pub async fn of_user(db: &impl ConnectionTrait, ws: Uuid, user: Uuid) -> StoreResult<Vec<Model>> {
    let members = sea_orm::sea_query::Query::select()
        .column(team_member::Column::TeamId)
        .from(team_member::Entity)
        .and_where(team_member::Column::WorkspaceId.eq(ws))
        .and_where(team_member::Column::UserId.eq(user))
        .to_owned();
    Ok(Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Id.in_subquery(members))
        .order_by_asc(Column::Name)
        .all(db)
        .await?)
}
