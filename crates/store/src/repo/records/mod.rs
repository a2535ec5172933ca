//! Customer records: writes, reads with their child rows, and filtered lists — every read
//! through the caller's visibility, inside the query.

mod bulk;
mod children;
mod dupes;
mod estimate;
mod keyset;
mod list;
mod matches;
mod page;
mod read;
mod related;
mod sample;
mod searched;
mod tag_walk;
mod total;
mod visibility;
mod word_counts;
mod word_pages;
mod words;
mod write;

pub(crate) use bulk::insert_chunked;
pub use bulk::{BULK_TABLES, insert_many, nullable_columns_with_default};
pub use children::{Children, load_children, load_children_sorted, replace_children};
pub use dupes::{Probe, candidates, clusters, scan_groups};
pub use keyset::{Cursor, SortField};
pub use list::{Filter, list_select};
pub use matches::{MatchReason, matches};
pub use page::{Page, list, page};
pub use read::{get_any, get_visible, merged_into, trash, visible_by_ids};
pub use related::account_contacts;
pub use total::{count_kind, count_visible};
pub use visibility::{Viewer, visible};
pub use write::{blank, blank_with_id, insert, restore, soft_delete, update};
