//! Acting on many records at once, set-based: each action is a handful of `INSERT … SELECT`
//! / `UPDATE … WHERE id IN (…)` statements over the caller's visible selection, never a loop
//! of single-row writes. Every changed row's prior state goes to `operation_changes` (and
//! `operation_tags`) so the operation can be undone.

mod apply;
mod assign;
mod floor;
mod select;
pub(crate) mod sql;
mod tag_copy;
mod timeline;
mod undo;

use chrono::{DateTime, Utc};
use uuid::Uuid;

pub use apply::apply;
pub use floor::{FloorAction, floor};
pub use select::{Bounds, candidates, count, count_existing, ids_in_order, listed};
pub use undo::{UndoOutcome, undo};

/// To whom `assign` gives the records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assignee {
    /// One user.
    User(Uuid),
    /// A team's members in turn, from the team's stored cursor (members in their order).
    RoundRobin {
        /// The team whose `rr_cursor` advances.
        team: Uuid,
        /// Its active members, in round-robin order (not empty).
        members: Vec<Uuid>,
    },
    /// A uniformly random member for each record.
    Random {
        /// The team's active members (not empty).
        members: Vec<Uuid>,
    },
}

/// What a bulk operation does to each selected record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Adds these tags (rows that already carry all of them are not changed).
    AddTags(Vec<Uuid>),
    /// Removes these tags (rows that carry none of them are not changed).
    RemoveTags(Vec<Uuid>),
    /// Changes the owner.
    Assign(Assignee),
    /// Changes the status (rows already in it are not changed).
    SetStatus(String),
    /// Moves the records to the trash.
    Delete,
}

impl Action {
    /// The API's name of the action.
    pub fn name(&self) -> &'static str {
        match self {
            Action::AddTags(_) => "add_tags",
            Action::RemoveTags(_) => "remove_tags",
            Action::Assign(_) => "assign",
            Action::SetStatus(_) => "set_status",
            Action::Delete => "delete",
        }
    }
}

/// One bulk operation, as the statements need it.
#[derive(Debug, Clone)]
pub struct BulkOp {
    /// The caller's workspace.
    pub workspace_id: Uuid,
    /// The operation (its undo log is keyed by it).
    pub operation_id: Uuid,
    /// Who acts.
    pub actor_id: Uuid,
    /// What to do.
    pub action: Action,
    /// The time written to `updated_at`, `deleted_at` and the timeline.
    pub at: DateTime<Utc>,
}
