//! Acting on many records at once: bulk actions, their undo, and the jobs that run large ones.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::record::RecordFilter;

/// What a bulk action does to each selected record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BulkAction {
    /// Adds `params.tags` (unknown names become new tags).
    AddTags,
    /// Removes `params.tags`.
    RemoveTags,
    /// Gives the records to `params.user_id`, or spreads them over `params.team_id`'s members
    /// by the team's assignment rule.
    Assign,
    /// Sets `params.status`.
    SetStatus,
    /// Moves the records to the trash (restorable for 30 days, or by undoing the operation).
    Delete,
}

/// Which records: ticked ids, or every record matching a filter. Send exactly one.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkSelection {
    /// Ticked record ids (at most 10,000). Ids you may not see are counted in
    /// `skipped_forbidden`; ids of other workspaces do not exist for you.
    #[serde(default)]
    pub ids: Option<Vec<Uuid>>,
    /// Every record you may see that matches this filter ("all matching").
    #[serde(default)]
    pub filter: Option<RecordFilter>,
}

/// The action's parameters.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkParams {
    /// Tag names, for `add_tags` and `remove_tags`.
    #[serde(default)]
    #[schema(example = json!(["vip", "Hội chợ 2026"]))]
    pub tags: Vec<String>,
    /// The new owner, for `assign` (an active user of the workspace).
    #[serde(default)]
    pub user_id: Option<Uuid>,
    /// The team whose assignment rule picks each record's owner, for `assign`.
    #[serde(default)]
    pub team_id: Option<Uuid>,
    /// The new status key, for `set_status`.
    #[serde(default)]
    #[schema(example = "contacted")]
    pub status: Option<String>,
}

/// `POST /{kind}/bulk`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkRequest {
    /// What to do.
    pub action: BulkAction,
    /// To which records.
    pub selection: BulkSelection,
    /// With what.
    #[serde(default)]
    pub params: BulkParams,
}

/// What a bulk action did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BulkResult {
    /// The operation; `POST /operations/{id}/undo` undoes it.
    pub operation_id: Uuid,
    /// Selected records that exist: the ticked ids found in your workspace, or every record
    /// you may see that matches the filter.
    #[schema(example = 120)]
    pub matched: u64,
    /// Records actually changed (adding a tag a record already has is no change).
    #[schema(example = 118)]
    pub changed: u64,
    /// Selected records you may not see, and so may not change; left alone.
    #[schema(example = 2)]
    pub skipped_forbidden: u64,
    /// Records that could not be changed.
    #[schema(example = 0)]
    pub failed: u64,
}

/// A large bulk action accepted as a background job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BulkAccepted {
    /// Poll `GET /jobs/{id}`; its `result` is the [`BulkResult`] when done.
    pub job_id: Uuid,
    /// The operation the job carries out.
    pub operation_id: Uuid,
}

/// What an undo did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UndoResult {
    /// The undone operation.
    pub operation_id: Uuid,
    /// Records given their state before the operation back.
    #[schema(example = 118)]
    pub restored: u64,
    /// Records changed by someone since the operation, left as they are (at most 1,000 ids
    /// listed, in id order).
    pub skipped_changed_since: Vec<Uuid>,
    /// How many records were left as they are.
    #[schema(example = 0)]
    pub skipped_changed_since_count: u64,
}

/// A background job's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Waiting for a worker.
    Queued,
    /// Being worked on.
    Running,
    /// Finished; see `result`.
    Done,
    /// Gave up; see `error`.
    Failed,
}

/// A background job and its progress.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Job {
    /// Job id.
    pub id: Uuid,
    /// What it runs, e.g. `bulk`.
    #[schema(example = "bulk")]
    pub kind: String,
    /// Where it is.
    pub state: JobState,
    /// Share done, 0–1.
    #[schema(example = 0.42)]
    pub progress: f64,
    /// Running counts, e.g. `{"total": 100000, "processed": 42000, "changed": 41000}`.
    #[schema(value_type = Object)]
    pub counts: serde_json::Value,
    /// The outcome when done (for bulk jobs, a [`BulkResult`]).
    #[schema(value_type = Option<Object>)]
    pub result: Option<serde_json::Value>,
    /// Why it failed.
    pub error: Option<String>,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}
