//! Who sees a record (PRODUCT §5), as a query condition: the owner, the creator, everyone for
//! `everyone`, the chosen teams' members for `team`, the chosen users for `users`, and every
//! owner/admin of a data-owner team.

use sea_orm::sea_query::{Condition, Query};
use sea_orm::{ColumnTrait, Condition as OrmCondition};
use uuid::Uuid;

use crate::entity::{record, record_share};

/// The user a query runs for.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// Their workspace; nothing outside it exists for them.
    pub workspace_id: Uuid,
    /// The user.
    pub user_id: Uuid,
    /// The teams they are a member of.
    pub team_ids: Vec<Uuid>,
    /// An owner/admin in a data-owner team sees every record of the workspace.
    pub sees_all: bool,
}

/// The condition under which the viewer sees a row of `records` (workspace included).
pub fn visible(viewer: &Viewer) -> OrmCondition {
    let ws = record::Column::WorkspaceId.eq(viewer.workspace_id);
    if viewer.sees_all {
        return Condition::all().add(ws);
    }
    let me = viewer.user_id;
    let shared_with = |cond: Condition| {
        Query::select()
            .column(record_share::Column::RecordId)
            .from(record_share::Entity)
            .and_where(record_share::Column::WorkspaceId.eq(viewer.workspace_id))
            .cond_where(cond)
            .to_owned()
    };
    let mut who = Condition::any()
        .add(record::Column::OwnerId.eq(me))
        .add(record::Column::CreatedBy.eq(me))
        .add(record::Column::SharingMode.eq("everyone"))
        .add(
            Condition::all()
                .add(record::Column::SharingMode.eq("users"))
                .add(record::Column::Id.in_subquery(shared_with(
                    Condition::all().add(record_share::Column::UserId.eq(me)),
                ))),
        );
    if !viewer.team_ids.is_empty() {
        who =
            who.add(
                Condition::all()
                    .add(record::Column::SharingMode.eq("team"))
                    .add(
                        record::Column::Id.in_subquery(shared_with(Condition::all().add(
                            record_share::Column::TeamId.is_in(viewer.team_ids.iter().copied()),
                        ))),
                    ),
            );
    }
    Condition::all().add(ws).add(who)
}
