//! A user's personal saved views of a list: search text, filter, sort and columns under a name.
//!
//! Sen's API has no saved-view resource yet, so they are kept in this browser's localStorage,
//! per user and kind (`sen.views.{user id}.{kind}`); they do not follow the user to another
//! browser, and "shared" views (PRODUCT §10) wait for the API.

use sen_api_types::record::RecordKind;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::list_filter::ListFilter;
use crate::storage;

/// The sort of a list nobody sorted.
pub const DEFAULT_SORT: &str = "-created_at";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedView {
    pub name: String,
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub filter: ListFilter,
    #[serde(default)]
    pub sort: String,
    /// Comma-separated column keys (see `columns::to_keys`).
    #[serde(default)]
    pub columns: String,
}

/// A list's state as a view compares it.
#[derive(Clone, Debug, PartialEq)]
pub struct ListState {
    pub q: String,
    pub filter: ListFilter,
    pub sort: String,
}

impl SavedView {
    pub fn shows(&self, now: &ListState) -> bool {
        self.q.trim() == now.q.trim() && self.filter == now.filter && self.sort == now.sort
    }
}

/// The built-in views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltIn {
    All,
    Mine,
    MyTeam,
}

impl BuiltIn {
    pub const ALL: [BuiltIn; 3] = [BuiltIn::All, BuiltIn::Mine, BuiltIn::MyTeam];

    pub fn id(self) -> &'static str {
        match self {
            BuiltIn::All => "all",
            BuiltIn::Mine => "mine",
            BuiltIn::MyTeam => "team",
        }
    }

    /// The filter of the view, for this user and their (first) team; `None` when it does not
    /// apply (no team).
    pub fn filter(self, me: Uuid, team: Option<Uuid>) -> Option<ListFilter> {
        match self {
            BuiltIn::All => Some(ListFilter::default()),
            BuiltIn::Mine => Some(ListFilter {
                owner: Some(me),
                ..ListFilter::default()
            }),
            BuiltIn::MyTeam => team.map(|t| ListFilter {
                team: Some(t),
                ..ListFilter::default()
            }),
        }
    }
}

fn key(user: Uuid, kind: RecordKind) -> String {
    format!("sen.views.{user}.{}", kind.plural())
}

pub fn load(user: Uuid, kind: RecordKind) -> Vec<SavedView> {
    storage::get(&key(user, kind))
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

pub fn save(user: Uuid, kind: RecordKind, views: &[SavedView]) {
    if let Ok(s) = serde_json::to_string(views) {
        storage::set(&key(user, kind), &s);
    }
}

/// Adds a view, or replaces the one of the same name.
pub fn upsert(views: &mut Vec<SavedView>, v: SavedView) {
    match views.iter_mut().find(|x| x.name == v.name) {
        Some(x) => *x = v,
        None => views.push(v),
    }
}
