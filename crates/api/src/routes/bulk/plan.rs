//! A bulk request checked and resolved into a plan: tag names to tag ids (new names
//! created), the assignee and the team's rule and members checked, the status checked. The
//! plan is what a background job stores and runs.

use sen_api_types::AssignmentRule;
use sen_api_types::bulk::{BulkAction, BulkParams, BulkRequest};
use sen_api_types::record::RecordFilter;
use sen_domain::kind::RecordKind;
use sen_store::ConnectionTrait;
use sen_store::repo::bulk::{Action, Assignee};
use sen_store::repo::{statuses, tags, teams, users};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::routes::records::context::Ctx;

/// At most this many ticked ids per request.
pub const MAX_IDS: usize = 10_000;

/// Which records.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Selection {
    /// Ticked ids.
    Ids(Vec<Uuid>),
    /// All matching.
    Filter(Box<RecordFilter>),
}

/// A checked bulk request.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Plan {
    /// The operation it carries out.
    pub operation_id: Uuid,
    /// Record kind.
    pub kind: RecordKind,
    /// Who acts (their visibility applies).
    pub actor_id: Uuid,
    /// Which records.
    pub selection: Selection,
    /// What to do, resolved.
    pub action: Resolved,
}

/// The action with its parameters resolved to ids.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Resolved {
    /// Add these tags.
    AddTags {
        /// Tag ids.
        tag_ids: Vec<Uuid>,
    },
    /// Remove these tags.
    RemoveTags {
        /// Tag ids.
        tag_ids: Vec<Uuid>,
    },
    /// Give to one user.
    AssignUser {
        /// The user.
        user_id: Uuid,
    },
    /// Spread over a team's members.
    AssignTeam {
        /// The team.
        team_id: Uuid,
        /// `round_robin` or `random`.
        rule: AssignmentRule,
        /// Its active members, in order.
        members: Vec<Uuid>,
    },
    /// Set this status.
    SetStatus {
        /// Status key.
        status: String,
    },
    /// Move to the trash.
    Delete,
}

impl Resolved {
    /// The store's action.
    pub fn to_store(&self) -> Action {
        match self {
            Resolved::AddTags { tag_ids } => Action::AddTags(tag_ids.clone()),
            Resolved::RemoveTags { tag_ids } => Action::RemoveTags(tag_ids.clone()),
            Resolved::AssignUser { user_id } => Action::Assign(Assignee::User(*user_id)),
            Resolved::AssignTeam {
                team_id,
                rule: AssignmentRule::RoundRobin,
                members,
            } => Action::Assign(Assignee::RoundRobin {
                team: *team_id,
                members: members.clone(),
            }),
            Resolved::AssignTeam { members, .. } => Action::Assign(Assignee::Random {
                members: members.clone(),
            }),
            Resolved::SetStatus { status } => Action::SetStatus(status.clone()),
            Resolved::Delete => Action::Delete,
        }
    }
}

/// Checks the request and resolves its parameters (creating new tag names).
pub async fn plan(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    kind: RecordKind,
    req: BulkRequest,
) -> ApiResult<Plan> {
    let selection = match (req.selection.ids, req.selection.filter) {
        (Some(ids), None) if ids.len() > MAX_IDS => {
            return Err(ApiError::field(
                "selection.ids",
                "too_many",
                format!("select at most {MAX_IDS} records by id, or select them by a filter"),
            ));
        }
        (Some(ids), None) => Selection::Ids(ids),
        (None, Some(filter)) => Selection::Filter(Box::new(filter)),
        _ => {
            return Err(ApiError::field(
                "selection",
                "invalid_selection",
                "send either `ids` or `filter`",
            ));
        }
    };
    let action = resolve(db, ctx, kind, req.action, req.params).await?;
    Ok(Plan {
        operation_id: sen_store::repo::new_id(),
        kind,
        actor_id: ctx.auth.id,
        selection,
        action,
    })
}

async fn resolve(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    kind: RecordKind,
    action: BulkAction,
    p: BulkParams,
) -> ApiResult<Resolved> {
    let ws = ctx.ws();
    match action {
        BulkAction::AddTags | BulkAction::RemoveTags => {
            if p.tags.iter().all(|t| tags::key_of(t).is_empty()) {
                return Err(ApiError::field(
                    "params.tags",
                    "required",
                    "name at least one tag",
                ));
            }
            if action == BulkAction::AddTags {
                let tag_ids = tags::ensure(db, ws, &p.tags)
                    .await?
                    .iter()
                    .map(|t| t.id)
                    .collect();
                Ok(Resolved::AddTags { tag_ids })
            } else {
                let mut tag_ids = Vec::new();
                for name in &p.tags {
                    // A tag that does not exist is on no record: nothing to remove.
                    if let Some(t) = tags::by_name(db, ws, name).await? {
                        tag_ids.push(t.id);
                    }
                }
                Ok(Resolved::RemoveTags { tag_ids })
            }
        }
        BulkAction::Assign => assignee(db, ws, p.user_id, p.team_id).await,
        BulkAction::SetStatus => {
            let Some(status) = p.status else {
                return Err(ApiError::field(
                    "params.status",
                    "required",
                    "choose a status",
                ));
            };
            if statuses::get(db, ws, kind, &status).await?.is_none() {
                return Err(ApiError::field(
                    "params.status",
                    "unknown_status",
                    format!("{status:?} is not a status of {}", kind.plural()),
                ));
            }
            Ok(Resolved::SetStatus { status })
        }
        BulkAction::Delete => Ok(Resolved::Delete),
    }
}

/// A user of the workspace, or a team with a rule and members.
async fn assignee(
    db: &impl ConnectionTrait,
    ws: Uuid,
    user: Option<Uuid>,
    team: Option<Uuid>,
) -> ApiResult<Resolved> {
    match (user, team) {
        (Some(user_id), None) => match users::get(db, ws, user_id).await? {
            Some(u) if u.active => Ok(Resolved::AssignUser { user_id }),
            _ => Err(ApiError::field(
                "params.user_id",
                "unknown_user",
                "choose an active user of this workspace",
            )),
        },
        (None, Some(team_id)) => {
            let Some(team) = teams::get(db, ws, team_id).await? else {
                return Err(ApiError::field(
                    "params.team_id",
                    "unknown_team",
                    "choose a team of this workspace",
                ));
            };
            let rule = AssignmentRule::parse(&team.assignment_rule).unwrap_or(AssignmentRule::None);
            if rule == AssignmentRule::None {
                return Err(ApiError::field(
                    "params.team_id",
                    "no_assignment_rule",
                    format!(
                        "the team {:?} has no assignment rule; choose a user or set the team's rule",
                        team.name
                    ),
                ));
            }
            let listed = teams::members_of(db, ws, &[team_id])
                .await?
                .remove(&team_id)
                .unwrap_or_default();
            let active: std::collections::HashSet<Uuid> = users::list(db, ws)
                .await?
                .into_iter()
                .filter(|u| u.active)
                .map(|u| u.id)
                .collect();
            let members: Vec<Uuid> = listed.into_iter().filter(|m| active.contains(m)).collect();
            if members.is_empty() {
                return Err(ApiError::field(
                    "params.team_id",
                    "empty_team",
                    format!(
                        "the team {:?} has no active members; add members or choose a user",
                        team.name
                    ),
                ));
            }
            Ok(Resolved::AssignTeam {
                team_id,
                rule,
                members,
            })
        }
        _ => Err(ApiError::field(
            "params",
            "invalid_assignee",
            "send either `user_id` or `team_id`",
        )),
    }
}
