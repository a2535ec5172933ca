//! Import and export of spreadsheets: the one catalogue of a kind's columns (used by the
//! template, the suggested mapping and the export headers, so an exported file re-imports
//! with the template mapping unchanged), header matching, cell splitting and the duplicate
//! criteria.

mod catalogue;
mod cells;
mod criteria;
mod mapping;

pub use catalogue::{ColumnType, CustomColumn, FieldSpec, catalogue};
pub use cells::{neutralise, split_list, unquote};
pub use criteria::{Criterion, DuplicateMode, parse_criteria};
pub use mapping::{header_label, suggest};
