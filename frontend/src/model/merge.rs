//! The choices of the merge dialog: which record's value each single-valued field keeps.

use std::collections::{BTreeMap, HashMap};

use uuid::Uuid;

/// One field across the records being merged: `(record id, has a value)` in column order.
pub type Cells = [(Uuid, bool)];

/// What the merge does by itself: the master's value when it has one, else the first other
/// record's that has one (else the master's, empty).
pub fn default_pick(cells: &Cells, master: Uuid) -> Uuid {
    if cells.iter().any(|(id, has)| *id == master && *has) {
        return master;
    }
    cells
        .iter()
        .find(|(id, has)| *id != master && *has)
        .map_or(master, |(id, _)| *id)
}

/// The overrides to send: every field whose chosen record is not the master.
pub fn overrides(picks: &HashMap<String, Uuid>, master: Uuid) -> BTreeMap<String, Uuid> {
    picks
        .iter()
        .filter(|(_, id)| **id != master)
        .map(|(k, id)| (k.clone(), *id))
        .collect()
}
