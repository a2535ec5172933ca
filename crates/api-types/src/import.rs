//! Importing spreadsheets (PRODUCT §7): upload, options, dry-run preview, progress, per-row
//! outcomes, undo; and exporting a list.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::FieldError;
use crate::record::{RecordFilter, RecordKind, Sharing};
pub use sen_domain::import::DuplicateMode;

/// One column a kind can import and export.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ImportField {
    /// API name, the value to use in a mapping.
    #[schema(example = "phones")]
    pub name: String,
    /// Vietnamese label.
    #[schema(example = "Điện thoại")]
    pub label_vi: String,
    /// English label.
    #[schema(example = "Phone")]
    pub label_en: String,
    /// Rows without it fail.
    #[schema(example = false)]
    pub required: bool,
}

/// One sheet of an uploaded file.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ImportSheet {
    /// Sheet name (`csv` for a CSV file).
    #[schema(example = "Sheet1")]
    pub name: String,
    /// The first row's cells.
    #[schema(example = json!(["Họ", "Tên", "Điện thoại"]))]
    pub headers: Vec<String>,
    /// Data rows below the header (from the sheet's stated size for a workbook).
    #[schema(example = 120)]
    pub rows: u64,
    /// The first data rows, as text.
    #[schema(example = json!([["Nguyễn Văn", "An", "0912 345 678"]]))]
    pub first_rows: Vec<Vec<String>>,
    /// Header → field for the headers that name a field.
    #[schema(example = json!({"Điện thoại": "phones", "Tên": "first_name"}))]
    pub suggested_mapping: BTreeMap<String, String>,
}

/// The upload form of `POST /imports` (multipart/form-data).
#[derive(Debug, Clone, ToSchema)]
pub struct ImportUpload {
    /// The .xlsx or .csv file (at most 50 MiB by default).
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
    /// The kind of record to import: prospects, leads, contacts, accounts or opportunities.
    #[schema(example = "leads")]
    pub kind: String,
}

/// The answer to an upload.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ImportUploaded {
    /// The import's id.
    #[schema(example = "01a202f9-4d7b-76c4-acf3-4a082973f67a")]
    pub id: Uuid,
    /// Kind of record it imports.
    #[schema(example = "lead")]
    pub kind: RecordKind,
    /// The uploaded file's name.
    #[schema(example = "khach-hang.xlsx")]
    pub file_name: String,
    /// `xlsx` or `csv`.
    #[schema(example = "xlsx")]
    pub format: String,
    /// Every sheet (a CSV file has one).
    pub sheets: Vec<ImportSheet>,
    /// Headers of the first sheet.
    #[schema(example = json!(["Họ", "Tên", "Điện thoại"]))]
    pub headers: Vec<String>,
    /// Suggested mapping of the first sheet.
    #[schema(example = json!({"Điện thoại": "phones", "Tên": "first_name"}))]
    pub suggested_mapping: BTreeMap<String, String>,
    /// The fields a mapping may name.
    pub fields: Vec<ImportField>,
}

fn default_criteria() -> Vec<String> {
    vec!["phone".into(), "email".into()]
}

/// Duplicate handling.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DuplicateOptions {
    /// Criteria, any of which makes a duplicate: `phone`, `email`, `name`, or parts joined by
    /// `+` that must all match (`name+phone`). Default `["phone", "email"]`; `[]` checks
    /// nothing.
    #[serde(default = "default_criteria")]
    #[schema(example = json!(["phone", "email"]))]
    pub criteria: Vec<String>,
    /// What to do with a duplicate.
    #[serde(default)]
    #[schema(example = "skip")]
    pub mode: DuplicateMode,
}

impl Default for DuplicateOptions {
    fn default() -> Self {
        DuplicateOptions {
            criteria: default_criteria(),
            mode: DuplicateMode::Skip,
        }
    }
}

/// Who gets the imported records.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportAssign {
    /// One user for every row.
    #[serde(default)]
    #[schema(example = json!(null))]
    pub user_id: Option<Uuid>,
    /// A team whose assignment rule spreads the rows over its members.
    #[serde(default)]
    #[schema(example = "01a202f9-4d81-7392-92a3-16ab17447ed8")]
    pub team_id: Option<Uuid>,
}

/// Mapping and options of a preview or a run.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportOptions {
    /// The sheet to import (default: the first).
    #[serde(default)]
    #[schema(example = "Sheet1")]
    pub sheet: Option<String>,
    /// Header → field name (see `fields` of the upload). Unmapped columns are ignored.
    #[serde(default)]
    #[schema(example = json!({"Điện thoại": "phones", "Tên": "first_name"}))]
    pub mapping: BTreeMap<String, String>,
    /// First spreadsheet row to import (the header is row 1; default 2).
    #[serde(default)]
    #[schema(example = 2)]
    pub row_from: Option<u64>,
    /// Last spreadsheet row to import (default: the last).
    #[serde(default)]
    #[schema(example = json!(null))]
    pub row_to: Option<u64>,
    /// Duplicate criteria and mode.
    #[serde(default)]
    pub duplicates: DuplicateOptions,
    /// Tags added to every imported row.
    #[serde(default)]
    #[schema(example = json!(["hội chợ 2026"]))]
    pub tags: Vec<String>,
    /// Sharing of created records (default: everyone).
    #[serde(default)]
    pub sharing: Option<Sharing>,
    /// Owner of created records (default: you).
    #[serde(default)]
    pub assign: Option<ImportAssign>,
}

/// What happened (or, in a preview, would happen) to a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcome {
    /// A new record.
    Created,
    /// An existing record's values replaced by the row's (`overwrite`).
    Updated,
    /// An existing record's empty fields filled and lists united (`merge`).
    Merged,
    /// Left out as a duplicate.
    Skipped,
    /// Invalid; see the reasons.
    Failed,
}

impl ImportOutcome {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportOutcome::Created => "created",
            ImportOutcome::Updated => "updated",
            ImportOutcome::Merged => "merged",
            ImportOutcome::Skipped => "skipped",
            ImportOutcome::Failed => "failed",
        }
    }

    /// Parses the stored spelling.
    pub fn parse(s: &str) -> Option<ImportOutcome> {
        [
            ImportOutcome::Created,
            ImportOutcome::Updated,
            ImportOutcome::Merged,
            ImportOutcome::Skipped,
            ImportOutcome::Failed,
        ]
        .into_iter()
        .find(|o| o.as_str() == s)
    }
}

/// One row's outcome.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ImportRowResult {
    /// Spreadsheet row number (the header is row 1).
    #[schema(example = 7)]
    pub row: u64,
    /// What happened to it.
    #[schema(example = "skipped")]
    pub outcome: ImportOutcome,
    /// The record created or changed, or the existing record it duplicates.
    #[schema(example = "01a202f9-4d81-7392-92a3-16ab17447ed8")]
    pub record_id: Option<Uuid>,
    /// The earlier row of the file it duplicates.
    #[schema(example = json!(null))]
    pub duplicate_of_row: Option<u64>,
    /// Fields an overwrite or merge changed.
    #[schema(example = json!(["emails"]))]
    pub fields: Vec<String>,
    /// Why it failed or was skipped (field is the API name).
    #[schema(example = json!([{"field": "row", "code": "duplicate_in_file", "message": "duplicate of row 2"}]))]
    pub reasons: Vec<FieldError>,
    /// Values left empty, e.g. an unknown picklist value.
    #[schema(example = json!([{"field": "source", "code": "unknown_option", "message": "\"Hội chợ ma\" is not a value of Source; left empty"}]))]
    pub warnings: Vec<FieldError>,
}

/// Row counts of an import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ImportCounts {
    /// Rows in the chosen range.
    #[schema(example = 100000)]
    pub total: u64,
    /// Rows handled so far.
    #[schema(example = 42000)]
    pub scanned: u64,
    /// New records.
    #[schema(example = 30000)]
    pub created: u64,
    /// Overwritten records.
    #[schema(example = 0)]
    pub updated: u64,
    /// Merged-into records.
    #[schema(example = 0)]
    pub merged: u64,
    /// Duplicates left out.
    #[schema(example = 11000)]
    pub skipped: u64,
    /// Invalid rows.
    #[schema(example = 1000)]
    pub failed: u64,
}

/// A dry run's result: nothing was written.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ImportPreview {
    /// What the run would do.
    pub counts: ImportCounts,
    /// Each row's planned outcome (at most 1,000; see `rows_truncated`).
    pub rows: Vec<ImportRowResult>,
    /// More rows than listed.
    #[schema(example = false)]
    pub rows_truncated: bool,
}

/// What an undo did.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct ImportUndoReport {
    /// Created records removed.
    #[schema(example = 120)]
    pub removed: u64,
    /// Overwritten or merged records restored.
    #[schema(example = 3)]
    pub restored: u64,
    /// Records left as they are because they changed after the import.
    #[schema(example = json!([]))]
    pub changed_since: Vec<Uuid>,
}

/// An import and its progress.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Import {
    /// Its id.
    #[schema(example = "01a202f9-4d7b-76c4-acf3-4a082973f67a")]
    pub id: Uuid,
    /// Kind of record it imports.
    #[schema(example = "lead")]
    pub kind: RecordKind,
    /// `uploaded`, `queued`, `running`, `done`, `failed` or `undone`.
    #[schema(example = "running")]
    pub state: String,
    /// The uploaded file's name.
    #[schema(example = "khach-hang.xlsx")]
    pub file_name: String,
    /// `xlsx` or `csv`.
    #[schema(example = "xlsx")]
    pub format: String,
    /// The sheet chosen for the run.
    #[schema(example = "Sheet1")]
    pub sheet: Option<String>,
    /// Share of rows handled, 0 to 1.
    #[schema(example = 0.42)]
    pub progress: f64,
    /// Row counts.
    pub counts: ImportCounts,
    /// The background job running it.
    #[schema(example = "01a202f9-4d81-7392-92a3-16ab17447ed8")]
    pub job_id: Option<Uuid>,
    /// What the undo did, once undone.
    pub undo: Option<ImportUndoReport>,
    /// When it was uploaded.
    #[schema(example = "2026-11-22T11:17:02.461950Z")]
    pub created_at: DateTime<Utc>,
    /// When its run ended.
    #[schema(example = "2026-11-22T11:17:04.127135Z")]
    pub finished_at: Option<DateTime<Utc>>,
}

/// A page of row outcomes.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ImportRowPage {
    /// Rows in order.
    pub items: Vec<ImportRowResult>,
    /// Pass as `after` for the next page; null at the end.
    #[schema(example = json!(null))]
    pub next_after: Option<u64>,
}

/// `POST /exports`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExportRequest {
    /// Which kind.
    #[schema(example = "lead")]
    pub kind: RecordKind,
    /// Which records (default: all you see).
    #[serde(default)]
    pub filter: Option<RecordFilter>,
    /// Field names, in order (default: every column of the import template).
    #[serde(default)]
    #[schema(example = json!(["last_name", "first_name", "phones", "emails"]))]
    pub columns: Vec<String>,
    /// `xlsx` (default) or `csv`.
    #[serde(default)]
    #[schema(example = "xlsx")]
    pub format: Option<String>,
    /// At most this many rows (default: all, up to 1,048,575, a sheet's limit).
    #[serde(default)]
    #[schema(example = json!(null))]
    pub limit: Option<u64>,
}
