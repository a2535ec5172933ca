//! Tags: free labels on records, one per case- and diacritics-folded name.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// A workspace tag.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Tag {
    /// Tag id (UUIDv7).
    pub id: Uuid,
    /// The name as first spelled (or last renamed).
    #[schema(example = "Hội chợ 2026")]
    pub name: String,
    /// The folded name the tag is unique by: lower-case, without diacritics.
    #[schema(example = "hoi cho 2026")]
    pub key: String,
    /// How many records carry the tag.
    #[schema(example = 0)]
    pub record_count: u64,
    /// When the tag was created.
    pub created_at: DateTime<Utc>,
    /// When the tag was last renamed.
    pub updated_at: DateTime<Utc>,
}

/// Creates a tag, or finds the one with the same folded name.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TagCreate {
    /// The name; "VIP", "vip" and "Víp" name the same tag.
    #[schema(example = "Hội chợ 2026")]
    pub name: String,
}

/// Renames a tag.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TagUpdate {
    /// The new name; its folded form must not be another tag's.
    #[schema(example = "Hội chợ Hà Nội 2026")]
    pub name: String,
}

/// Filters of the tag list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TagQuery {
    /// Tags whose folded name contains this, ignoring case and diacritics (`hoi` finds
    /// "Hội chợ"); those starting with it first.
    #[param(example = "hoi")]
    pub q: Option<String>,
    /// At most this many (default 50, at most 500).
    #[param(example = 50)]
    pub limit: Option<u64>,
}

/// Tags of the workspace.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TagList {
    /// Tags, by folded name (prefix matches of `q` first).
    pub items: Vec<Tag>,
    /// How many match in all.
    pub total: u64,
}
