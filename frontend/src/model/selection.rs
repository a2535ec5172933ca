//! Which rows of a list are ticked: some ids, or "all that match the filter" minus some.

use std::collections::HashSet;

use uuid::Uuid;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    ids: HashSet<Uuid>,
    /// Everything matching the current filter is selected, except `ids`.
    all_matching: bool,
}

impl Selection {
    pub fn contains(&self, id: Uuid) -> bool {
        self.all_matching != self.ids.contains(&id)
    }

    pub fn toggle(&mut self, id: Uuid) {
        if !self.ids.remove(&id) {
            self.ids.insert(id);
        }
    }

    pub fn is_all_matching(&self) -> bool {
        self.all_matching
    }

    pub fn select_all_matching(&mut self) {
        self.all_matching = true;
        self.ids.clear();
    }

    /// Ticks (or unticks) every row given, e.g. all loaded rows.
    pub fn set_many(&mut self, ids: impl IntoIterator<Item = Uuid>, on: bool) {
        for id in ids {
            if on != self.all_matching {
                self.ids.insert(id);
            } else {
                self.ids.remove(&id);
            }
        }
    }

    pub fn clear(&mut self) {
        *self = Selection::default();
    }

    /// How many records are selected, given the list's total.
    pub fn count(&self, total: u64) -> u64 {
        if self.all_matching {
            total.saturating_sub(self.ids.len() as u64)
        } else {
            self.ids.len() as u64
        }
    }

    pub fn is_empty(&self) -> bool {
        !self.all_matching && self.ids.is_empty()
    }
}

/// What a bulk action acts on, for the API.
#[derive(Clone, Debug, PartialEq)]
pub enum BulkTarget {
    Ids(Vec<Uuid>),
    /// Every record matching the list's filter.
    AllMatching,
}

impl Selection {
    /// The ids or "all matching" to send. "All matching except some" is sent as ids when every
    /// matching row is loaded (`loaded`, `complete`); else it cannot be expressed (`None`).
    pub fn bulk_target(&self, loaded: &[Uuid], complete: bool) -> Option<BulkTarget> {
        if !self.all_matching {
            // Any order: the API takes a set.
            return Some(BulkTarget::Ids(self.ids.iter().copied().collect()));
        }
        if self.ids.is_empty() {
            return Some(BulkTarget::AllMatching);
        }
        complete.then(|| {
            BulkTarget::Ids(
                loaded
                    .iter()
                    .copied()
                    .filter(|id| self.contains(*id))
                    .collect(),
            )
        })
    }
}
