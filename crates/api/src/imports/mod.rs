//! Importing a spreadsheet: the workspace settings a row is read against, turning a row's
//! cells into a record input, the duplicate keys of a row, planning a chunk of rows (shared by
//! the dry-run preview and the run) and writing a planned chunk.

pub mod build;
pub mod chunks;
pub mod keys;
pub mod matches;
pub mod merge;
pub mod options;
pub mod plan;
pub mod read_ahead;
pub mod settings;
pub mod store_file;
pub mod write;

pub use chunks::Chunks;
pub use options::Resolved;
pub use plan::{Planner, ReadRow, RowPlan};
pub use read_ahead::{MatchAhead, ReadAhead, ReadChunk};
pub use settings::Settings;
