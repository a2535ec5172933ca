//! Workspace members.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::Role;

/// A member of a workspace.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct User {
    /// User id (UUIDv7).
    pub id: Uuid,
    /// The workspace the user belongs to.
    pub workspace_id: Uuid,
    /// Login email, lower-case.
    #[schema(example = "lan@abc.vn")]
    pub email: String,
    /// Display name.
    #[schema(example = "Lan")]
    pub name: String,
    /// Role in the workspace.
    pub role: Role,
    /// Deactivated users cannot log in and their API keys stop working.
    pub active: bool,
    /// When the user was created.
    pub created_at: DateTime<Utc>,
    /// When the user was last changed.
    pub updated_at: DateTime<Utc>,
}

/// An admin creates a user with a first password.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserCreate {
    /// Login email.
    #[schema(example = "an@abc.vn")]
    pub email: String,
    /// Display name.
    #[schema(example = "An")]
    pub name: String,
    /// `admin` or `member` (there is one owner).
    pub role: Role,
    /// First password, at least 8 characters.
    #[schema(example = "a long first password")]
    pub password: String,
}

/// A partial update of a user; absent fields stay as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserUpdate {
    /// New display name.
    #[serde(default)]
    pub name: Option<String>,
    /// New role (admins only; the owner's role cannot change).
    #[serde(default)]
    pub role: Option<Role>,
    /// Activate or deactivate (admins only).
    #[serde(default)]
    pub active: Option<bool>,
    /// New password (the user themself, or an admin).
    #[serde(default)]
    pub password: Option<String>,
}

/// The users of the caller's workspace.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UserList {
    /// Users, by name.
    pub items: Vec<User>,
    /// How many there are.
    pub total: u64,
}
