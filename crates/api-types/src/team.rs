//! Teams: groups of users with a data-owner flag and an assignment rule.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AssignmentRule;

/// A team of users.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Team {
    /// Team id (UUIDv7).
    pub id: Uuid,
    /// Team name, unique in the workspace.
    #[schema(example = "Kinh doanh miền Bắc")]
    pub name: String,
    /// Owners/admins in a data-owner team see every record of the workspace.
    pub data_owner: bool,
    /// How records assigned to the team are spread over its members.
    pub assignment_rule: AssignmentRule,
    /// Members, in round-robin order.
    pub member_ids: Vec<Uuid>,
    /// When the team was created.
    pub created_at: DateTime<Utc>,
    /// When the team was last changed.
    pub updated_at: DateTime<Utc>,
}

/// Creates a team.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamCreate {
    /// Team name, unique in the workspace.
    #[schema(example = "Kinh doanh miền Bắc")]
    pub name: String,
    /// Whether the team's owners/admins see all data (default false).
    #[serde(default)]
    pub data_owner: bool,
    /// Assignment rule (default `none`).
    #[serde(default = "default_rule")]
    pub assignment_rule: AssignmentRule,
    /// Members, in round-robin order.
    #[serde(default)]
    pub member_ids: Vec<Uuid>,
}

fn default_rule() -> AssignmentRule {
    AssignmentRule::None
}

/// A partial update of a team; absent fields stay as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamUpdate {
    /// New name.
    #[serde(default)]
    pub name: Option<String>,
    /// New data-owner flag.
    #[serde(default)]
    pub data_owner: Option<bool>,
    /// New assignment rule.
    #[serde(default)]
    pub assignment_rule: Option<AssignmentRule>,
    /// The complete new member list, in round-robin order.
    #[serde(default)]
    pub member_ids: Option<Vec<Uuid>>,
}

/// The teams of the caller's workspace.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TeamList {
    /// Teams, by name.
    pub items: Vec<Team>,
    /// How many there are.
    pub total: u64,
}
