//! API keys: long-lived credentials that act as their user.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// An API key, without its secret.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApiKey {
    /// Key id.
    pub id: Uuid,
    /// The user the key acts as.
    pub user_id: Uuid,
    /// A label to recognise the key by.
    #[schema(example = "website form")]
    pub name: String,
    /// The first characters of the key, to recognise it.
    #[schema(example = "sen_k7Qm")]
    pub prefix: String,
    /// When the key was created.
    pub created_at: DateTime<Utc>,
    /// When the key was last used, if ever.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When the key was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Creates an API key for the caller.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiKeyCreate {
    /// A label to recognise the key by.
    #[schema(example = "website form")]
    pub name: String,
}

/// A new key: the secret is shown this once and never again.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApiKeyCreated {
    /// The key's record.
    pub api_key: ApiKey,
    /// The secret to send as `Authorization: Bearer <key>`.
    #[schema(example = "sen_k7QmZ2…")]
    pub key: String,
}

/// API keys visible to the caller (their own; admins see all).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApiKeyList {
    /// Keys, newest first.
    pub items: Vec<ApiKey>,
    /// How many there are.
    pub total: u64,
}
