//! `/exports`: a list (filter and columns) as .xlsx or .csv, re-importable as is.

mod cells;
mod create;

use actix_web::web;
use sen_api_types::import::ExportRequest;
use utoipa::OpenApi;

/// Mounts the export routes.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(create::export_create);
}

/// The OpenAPI part of the export routes.
#[derive(OpenApi)]
#[openapi(
    paths(create::export_create),
    components(schemas(ExportRequest)),
    tags((name = "exports", description = "Exporting lists to .xlsx and .csv"))
)]
pub struct ExportsDoc;
