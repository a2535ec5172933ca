//! The filter panel's state, and the `RecordFilter` it stands for.

use sen_api_types::record::RecordFilter;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::format;

/// Serialisable: saved views keep one (in localStorage).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListFilter {
    pub status: Vec<String>,
    pub tags: Vec<String>,
    pub owner: Option<Uuid>,
    /// Owned by a member of this team.
    pub team: Option<Uuid>,
    pub source: Vec<String>,
    /// `YYYY-MM-DD` from a date input, or empty.
    pub created_from: String,
    pub created_to: String,
    pub has_phone: Option<bool>,
    pub has_email: Option<bool>,
}

impl ListFilter {
    /// How many conditions are set (the filter button's badge).
    pub fn active(&self) -> usize {
        [
            !self.status.is_empty(),
            !self.tags.is_empty(),
            self.owner.is_some(),
            self.team.is_some(),
            !self.source.is_empty(),
            !self.created_from.is_empty() || !self.created_to.is_empty(),
            self.has_phone.is_some(),
            self.has_email.is_some(),
        ]
        .into_iter()
        .filter(|b| *b)
        .count()
    }

    pub fn to_filter(&self, q: &str) -> RecordFilter {
        let q = q.trim();
        RecordFilter {
            q: (!q.is_empty()).then(|| q.to_owned()),
            status: self.status.clone(),
            tags_any: self.tags.clone(),
            owner_ids: self.owner.into_iter().collect(),
            team_id: self.team,
            source: self.source.clone(),
            created_from: format::local_day_start(&self.created_from, false),
            created_to: format::local_day_start(&self.created_to, true),
            has_phone: self.has_phone,
            has_email: self.has_email,
            ..RecordFilter::default()
        }
    }
}

/// Adds or removes a value of a multi-valued condition.
pub fn toggle(values: &mut Vec<String>, v: &str) {
    if let Some(i) = values.iter().position(|x| x == v) {
        values.remove(i);
    } else {
        values.push(v.to_owned());
    }
}
