//! Store rows → API shapes.

use sen_api_types::api_key::ApiKey;
use sen_api_types::auth::Workspace;
use sen_api_types::team::Team;
use sen_api_types::user::User;
use sen_api_types::{AssignmentRule, Role};
use sen_store::entity::{api_key, team, user, workspace};
use uuid::Uuid;

/// A workspace row as the API shows it.
pub fn workspace(m: &workspace::Model) -> Workspace {
    Workspace {
        id: m.id,
        name: m.name.clone(),
        default_country: m.default_country.clone(),
        created_at: m.created_at,
    }
}

/// A user row as the API shows it (never the password hash).
pub fn user(m: &user::Model) -> User {
    User {
        id: m.id,
        workspace_id: m.workspace_id,
        email: m.email.clone(),
        name: m.name.clone(),
        role: Role::parse(&m.role).unwrap_or(Role::Member),
        active: m.active,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

/// A team row and its members as the API shows them.
pub fn team(m: &team::Model, member_ids: Vec<Uuid>) -> Team {
    Team {
        id: m.id,
        name: m.name.clone(),
        data_owner: m.data_owner,
        assignment_rule: AssignmentRule::parse(&m.assignment_rule).unwrap_or(AssignmentRule::None),
        member_ids,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

/// An API key row as the API shows it (never the hash).
pub fn api_key(m: &api_key::Model) -> ApiKey {
    ApiKey {
        id: m.id,
        user_id: m.user_id,
        name: m.name.clone(),
        prefix: m.prefix.clone(),
        created_at: m.created_at,
        last_used_at: m.last_used_at,
        revoked_at: m.revoked_at,
    }
}

/// A DTO as audit JSON.
pub fn audit_json<T: serde::Serialize>(value: &T) -> Option<serde_json::Value> {
    serde_json::to_value(value).ok()
}
