//! Workspace roles and teams' assignment rules.

use serde::{Deserialize, Serialize};

/// A user's role in their workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Created the workspace; cannot be demoted by an admin.
    Owner,
    /// Manages users, teams and settings.
    Admin,
    /// A sales user.
    Member,
}

impl Role {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Member => "member",
        }
    }

    /// Parses the stored spelling.
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "owner" => Some(Role::Owner),
            "admin" => Some(Role::Admin),
            "member" => Some(Role::Member),
            _ => None,
        }
    }

    /// Owners and admins manage the workspace.
    pub fn is_admin(self) -> bool {
        matches!(self, Role::Owner | Role::Admin)
    }
}

/// How a team spreads records over its members when they are assigned to the team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssignmentRule {
    /// The team cannot take assignments without a named user.
    None,
    /// Members in turn, continuing from the team's stored cursor.
    RoundRobin,
    /// A uniformly random member.
    Random,
}

impl AssignmentRule {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            AssignmentRule::None => "none",
            AssignmentRule::RoundRobin => "round_robin",
            AssignmentRule::Random => "random",
        }
    }

    /// Parses the stored spelling.
    pub fn parse(s: &str) -> Option<AssignmentRule> {
        match s {
            "none" => Some(AssignmentRule::None),
            "round_robin" => Some(AssignmentRule::RoundRobin),
            "random" => Some(AssignmentRule::Random),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_round_trips_and_admin_flag() {
        for r in [Role::Owner, Role::Admin, Role::Member] {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert!(Role::Owner.is_admin() && Role::Admin.is_admin() && !Role::Member.is_admin());
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn assignment_rule_round_trips() {
        for r in [
            AssignmentRule::None,
            AssignmentRule::RoundRobin,
            AssignmentRule::Random,
        ] {
            assert_eq!(AssignmentRule::parse(r.as_str()), Some(r));
        }
        assert_eq!(AssignmentRule::parse("roundrobin"), None);
    }
}
