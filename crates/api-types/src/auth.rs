//! Sign-up, log-in, token refresh and the current user.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::user::User;

/// Creates a workspace and its owner.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignupRequest {
    /// The company's name.
    #[schema(example = "Công ty ABC")]
    pub workspace_name: String,
    /// The owner's display name.
    #[schema(example = "Lan")]
    pub name: String,
    /// The owner's email, used to log in.
    #[schema(example = "lan@abc.vn")]
    pub email: String,
    /// At least 8 characters.
    #[schema(example = "correct horse battery")]
    pub password: String,
}

/// A workspace: one company's isolated data.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Workspace {
    /// Workspace id (UUIDv7).
    pub id: Uuid,
    /// The company's name.
    #[schema(example = "Công ty ABC")]
    pub name: String,
    /// Default country for phone numbers (ISO 3166-1 alpha-2).
    #[schema(example = "VN")]
    pub default_country: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

/// An access token and its refresh token.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TokenPair {
    /// Short-lived JWT for `Authorization: Bearer`.
    pub access_token: String,
    /// Single-use token to get a new pair from `/auth/refresh`.
    pub refresh_token: String,
    /// Always `Bearer`.
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the access token expires.
    #[schema(example = 900)]
    pub expires_in: i64,
}

/// The answer to a sign-up: the new workspace, its owner and their first tokens.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SignupResponse {
    /// The new workspace.
    pub workspace: Workspace,
    /// Its owner.
    pub user: User,
    /// Tokens for the owner, so the client is logged in at once.
    pub tokens: TokenPair,
}

/// Email and password; `workspace_id` only when the email belongs to several workspaces.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// The user's email.
    #[schema(example = "lan@abc.vn")]
    pub email: String,
    /// The user's password.
    #[schema(example = "correct horse battery")]
    pub password: String,
    /// Needed only when the same email and password open several workspaces.
    #[serde(default)]
    pub workspace_id: Option<Uuid>,
}

/// A refresh token to exchange for a new pair.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token from the last login or refresh; it can be used once.
    pub refresh_token: String,
}

/// A team the current user belongs to.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TeamRef {
    /// Team id.
    pub id: Uuid,
    /// Team name.
    #[schema(example = "Kinh doanh miền Bắc")]
    pub name: String,
}

/// The current user, their workspace and teams.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Me {
    /// The user.
    pub user: User,
    /// Their workspace.
    pub workspace: Workspace,
    /// The teams they are a member of.
    pub teams: Vec<TeamRef>,
}
