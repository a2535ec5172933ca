//! The app's own view models: list columns, filters and selection, and the record fields each
//! kind shows. No DOM and no HTTP here.

pub mod columns;
pub mod fields;
pub mod list_filter;
pub mod merge;
pub mod saved_views;
pub mod selection;
