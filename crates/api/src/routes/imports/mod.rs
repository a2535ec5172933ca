//! `/imports`: the spreadsheet import wizard through the API (PRODUCT §7) — template,
//! upload, dry-run preview, run as a background job, progress, per-row outcomes, report and
//! undo.

pub(crate) mod common;
mod create;
mod preview;
mod read;
mod report;
mod run;
pub(crate) mod template;
mod undo;

use actix_web::web;
use sen_api_types::import::{
    DuplicateMode, DuplicateOptions, Import, ImportAssign, ImportCounts, ImportField,
    ImportOptions, ImportOutcome, ImportPreview, ImportRowPage, ImportRowResult, ImportSheet,
    ImportUndoReport, ImportUpload, ImportUploaded,
};
use utoipa::OpenApi;

/// Mounts the import routes (fixed paths before `/{id}`).
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(template::import_template)
        .service(create::import_create)
        .service(preview::import_preview)
        .service(run::import_run)
        .service(read::import_rows)
        .service(report::import_report)
        .service(undo::import_undo)
        .service(read::import_get);
}

/// The OpenAPI part of the import routes.
#[derive(OpenApi)]
#[openapi(
    paths(
        template::import_template, create::import_create, preview::import_preview,
        run::import_run, read::import_get, read::import_rows, report::import_report,
        undo::import_undo,
    ),
    components(schemas(
        Import, ImportUploaded, ImportSheet, ImportField, ImportOptions, DuplicateOptions,
        DuplicateMode, ImportAssign, ImportPreview, ImportCounts, ImportOutcome, ImportRowResult,
        ImportRowPage, ImportUndoReport, ImportUpload,
    )),
    tags((name = "imports", description = "Importing .xlsx and .csv files"))
)]
pub struct ImportsDoc;
