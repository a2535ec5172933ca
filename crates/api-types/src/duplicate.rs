//! Duplicate rules, candidates and workspace-wide scans (PRODUCT §4).

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::record::RecordKind;

/// What a rule does when a record being saved matches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateAction {
    /// Answer 409 with the candidates; resend with `?allow_duplicate=true` to save anyway.
    Warn,
    /// Refuse with 422 and the candidates.
    Block,
}

/// One duplicate rule: records sharing every criterion are duplicates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DuplicateRule {
    /// Criteria compared on normalised values: `phone`, `email`, `name`, `national_id`,
    /// `address` or `custom.<key>`; 1 to 5, all must match.
    #[schema(example = json!(["name", "phone"]))]
    pub criteria: Vec<String>,
    /// What to do on a match.
    pub action: DuplicateAction,
}

/// The duplicate rules of one kind, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DuplicateRules {
    /// The rules; the first that matches decides between warn and block (block wins).
    pub rules: Vec<DuplicateRule>,
}

/// A record that looks like the same customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DuplicateCandidate {
    /// Its id.
    pub id: Uuid,
    /// Its kind (a lead may match a contact or account: convert it instead of merging).
    pub kind: RecordKind,
    /// Its display name.
    #[schema(example = "Nguyễn Văn An")]
    pub name: String,
    /// Its phones (E.164).
    pub phones: Vec<String>,
    /// Its e-mail addresses.
    pub emails: Vec<String>,
    /// Its owner.
    pub owner_id: Uuid,
    /// The criteria it matched on.
    #[schema(example = json!(["phone"]))]
    pub matched_on: Vec<String>,
}

/// The candidates of one record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DuplicateList {
    /// Oldest first.
    pub items: Vec<DuplicateCandidate>,
}

/// Which criteria to look for duplicates by.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DuplicateQuery {
    /// Comma-separated criteria, all of which must match (e.g. `phone` or `name,phone`);
    /// by default each of phone, email and name on its own.
    pub criteria: Option<String>,
}

/// A workspace-wide scan.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DuplicateScan {
    /// Criteria sets; records matching on any set end in one cluster. By default the kind's
    /// duplicate rules, or `[phone]`, `[email]` when it has none.
    #[serde(default)]
    #[schema(example = json!([["phone"], ["email"]]))]
    pub criteria: Vec<Vec<String>>,
    /// At most this many clusters in the answer (1–1000, default 100); the totals count all.
    #[serde(default)]
    pub limit: Option<u32>,
}

/// One cluster of likely duplicates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DuplicateCluster {
    /// The records, oldest first.
    pub records: Vec<DuplicateCandidate>,
}

/// The clusters a scan found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DuplicateScanResult {
    /// Largest first, at most `limit`.
    pub clusters: Vec<DuplicateCluster>,
    /// How many clusters there are.
    pub total_clusters: u64,
    /// How many records are in a cluster.
    pub total_records: u64,
    /// How long the scan took, in milliseconds.
    pub took_ms: u64,
}
