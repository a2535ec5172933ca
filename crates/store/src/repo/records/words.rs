//! SQLite's word table, scoped (m0017): each live record's words are filed under the rowid
//! `((workspace << 3 | kind) << 37) | (record rowid << 1) | restricted`, so a search of one
//! kind in one workspace is a rowid range of the table, and its matches need no record read
//! to tell kind, workspace, trash or merge apart. A restricted record is also filed once per
//! audience that sees it, in a companion table (m0018, `word_counts`).

use sea_orm::Value;
use sea_orm::sea_query::{Expr, SimpleExpr};
use uuid::Uuid;

use super::list::FtsQuery;

/// The word table.
pub(super) const WORDS: &str = "records_words";

/// The bits of a word-table rowid below the workspace and kind: the record's rowid and the
/// restricted bit.
const SCOPE_SHIFT: u32 = 37;

/// The low bits of a word-table rowid above the restricted bit: the record's rowid.
pub(super) const RECORD_ROWID_MASK: i64 = (1 << (SCOPE_SHIFT - 1)) - 1;

/// The number a kind's records are filed under (m0017's `KIND_NUMBER`).
pub(super) fn kind_number(kind: &str) -> i64 {
    match kind {
        "prospect" => 1,
        "lead" => 2,
        "contact" => 3,
        "account" => 4,
        "opportunity" => 5,
        _ => 6,
    }
}

/// The first word-table rowid of the records of `kind` in workspace `ws` (`next`: of the
/// kind after it), as SQL with the workspace's rowid looked up.
fn range_start(kind: &str, next: bool) -> String {
    format!(
        "((((SELECT rowid FROM workspaces WHERE id = ?) << 3) | {}) << {SCOPE_SHIFT})",
        kind_number(kind) + i64::from(next)
    )
}

impl FtsQuery {
    /// Whether the scoped word table answers this query.
    pub(super) fn scoped(&self) -> bool {
        self.table == WORDS
    }

    /// SQL of the `records.rowid` a row of the FTS table stands for.
    pub(super) fn record_rowid(&self) -> String {
        if self.scoped() {
            format!("((\"{WORDS}\".\"rowid\" >> 1) & {RECORD_ROWID_MASK})")
        } else {
            format!("\"{}\".\"rowid\"", self.table)
        }
    }

    /// The FTS match; on the word table, narrowed to the live records of `kind` in `ws`.
    pub(super) fn matching(&self, ws: Uuid, kind: &str) -> SimpleExpr {
        let table = self.table;
        if !self.scoped() {
            return Expr::cust_with_values(format!("\"{table}\" MATCH ?"), [self.expr.clone()]);
        }
        Expr::cust_with_values(
            format!(
                "\"{table}\" MATCH ? AND \"{table}\".\"rowid\" >= {} AND \"{table}\".\"rowid\" < {}",
                range_start(kind, false),
                range_start(kind, true)
            ),
            [
                Value::from(self.expr.clone()),
                Value::from(ws),
                Value::from(ws),
            ],
        )
    }
}

/// The word-table rowid of record `record_rowid` of `kind` in the workspace whose rowid is
/// `ws_rowid`, with the restricted bit as given.
pub(super) fn word_rowid(ws_rowid: i64, kind: &str, record_rowid: i64, restricted: bool) -> i64 {
    (((ws_rowid << 3) | kind_number(kind)) << SCOPE_SHIFT)
        | (record_rowid << 1)
        | i64::from(restricted)
}

/// The word-table rowids of the records of `kind` in the workspace whose rowid is
/// `ws_rowid`: from the first, up to (not including) the second.
pub(super) fn scope(ws_rowid: i64, kind: &str) -> (i64, i64) {
    let start = word_rowid(ws_rowid, kind, 0, false);
    (start, start + (1 << SCOPE_SHIFT))
}

/// The record rowid a word-table rowid stands for.
pub(super) fn record_rowid_of(word_rowid: i64) -> i64 {
    (word_rowid >> 1) & RECORD_ROWID_MASK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_rowids_come_back_out_of_word_rowids() {
        let word = word_rowid(7, "contact", 123_456, true);
        assert_eq!(record_rowid_of(word), 123_456);
        assert_eq!(record_rowid_of(word - 1), 123_456);
        let (start, end) = scope(7, "contact");
        assert!(start < word && word < end);
        assert_eq!(end, scope(7, "account").0, "kinds follow each other");
        assert_ne!(kind_number("lead"), kind_number("contact"));
        assert!(kind_number("opportunity") < kind_number("unknown"));
    }
}
