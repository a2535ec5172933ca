//! Merging records of one kind into a master, and undoing it (PRODUCT §4).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::record::Record;

/// A merge request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeRequest {
    /// The record that stays.
    pub master_id: Uuid,
    /// The records merged into it (1–9), which then disappear.
    pub slave_ids: Vec<Uuid>,
    /// Field name → the slave whose value to take instead of the master's
    /// (`job_title`, `birthday`, `custom.<key>`, …).
    #[serde(default)]
    #[schema(value_type = Object, example = json!({"job_title": "0192f0a4-7a11-7c3e-9a55-2f1d8e9b6c01"}))]
    pub overrides: BTreeMap<String, Uuid>,
    /// The versions the caller saw (record id → version); a record changed since → 412.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub versions: BTreeMap<Uuid, i64>,
    /// Return the merged record without writing anything.
    #[serde(default)]
    pub dry_run: bool,
}

/// The result of a merge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MergeResult {
    /// The merge, for undo (`null` on a dry run).
    pub merge_id: Option<Uuid>,
    /// The master as merged.
    pub record: Record,
    /// Fields the master took from a slave.
    pub filled: Vec<String>,
}

/// The result of undoing a merge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MergeUndone {
    /// The merge.
    pub merge_id: Uuid,
    /// The master as it was before the merge.
    pub record: Record,
    /// The slaves, back in lists.
    pub restored_ids: Vec<Uuid>,
}
