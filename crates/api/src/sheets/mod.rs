//! Spreadsheet files: detecting and decoding an upload (.xlsx through calamine, .csv through
//! the `csv` crate with encoding and delimiter sniffing), streaming its rows with bounded
//! memory, and writing .xlsx (constant memory) and .csv.

mod csv_text;
mod read;
mod write;

pub use read::{Format, RowBatch, SheetError, SheetInfo, detect, inspect, stream_rows};
pub use write::{Column, CsvSink, XlsxSink, write_csv, write_xlsx};
