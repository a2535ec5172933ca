//! Acting on many records: `POST /{kind}/bulk`, `POST /operations/{id}/undo` and
//! `GET /jobs/{id}` for the large ones that run in the background.

pub(crate) mod exec;
mod jobs;
pub(crate) mod plan;
mod run;
mod undo;

use actix_web::web;
use sen_api_types::bulk::{
    BulkAccepted, BulkAction, BulkParams, BulkRequest, BulkResult, BulkSelection, Job, JobState,
    UndoResult,
};
use utoipa::OpenApi;

/// Mounts the bulk routes; before the record routes, whose `/{kind}/{id}` would take them.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(run::bulk_run)
        .service(undo::operation_undo)
        .service(jobs::job_get);
}

/// The OpenAPI part of the bulk routes.
#[derive(OpenApi)]
#[openapi(
    paths(run::bulk_run, undo::operation_undo, jobs::job_get),
    components(schemas(
        BulkRequest, BulkAction, BulkSelection, BulkParams, BulkResult, BulkAccepted, UndoResult,
        Job, JobState,
    )),
    tags((name = "bulk", description = "Acting on many records at once, undoing it, and background jobs"))
)]
pub struct BulkDoc;
