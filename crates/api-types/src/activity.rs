//! A record's timeline: notes, calls and meetings logged by hand, and system events.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// What kind of timeline entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// A note.
    Note,
    /// A phone call.
    Call,
    /// A meeting.
    Meeting,
    /// Written by Sen: created, updated, status/owner changed, deleted, restored, …
    System,
}

/// One timeline entry.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Activity {
    /// Entry id.
    pub id: Uuid,
    /// The record it belongs to.
    pub record_id: Uuid,
    /// The kind of entry.
    pub kind: ActivityKind,
    /// For system entries: `created`, `updated`, `status_changed`, `owner_changed`, `deleted`, `restored`.
    pub event: Option<String>,
    /// Short title.
    pub subject: Option<String>,
    /// Free text.
    pub body: Option<String>,
    /// Details, e.g. the changed fields of an update.
    #[schema(value_type = Option<Object>)]
    pub data: Option<serde_json::Value>,
    /// Who did it.
    pub actor_id: Option<Uuid>,
    /// When it happened.
    pub occurred_at: DateTime<Utc>,
}

/// Logs a note, call or meeting on a record.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityCreate {
    /// `note`, `call` or `meeting`.
    pub kind: ActivityKind,
    /// Short title.
    #[serde(default)]
    #[schema(example = "Gọi tư vấn gói Pro")]
    pub subject: Option<String>,
    /// Free text.
    #[serde(default)]
    pub body: Option<String>,
    /// When it happened (default: now).
    #[serde(default)]
    pub occurred_at: Option<DateTime<Utc>>,
}

/// A record's timeline, newest first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ActivityList {
    /// Entries, newest first.
    pub items: Vec<Activity>,
}
