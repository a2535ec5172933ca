//! Merge (PRODUCT §4): records of one kind folded into a master, and undone.

mod plan;
mod run;
mod undo;

use actix_web::web;
use sen_api_types::merge::{MergeRequest, MergeResult, MergeUndone};
use utoipa::OpenApi;

/// Mounts the merge routes (before the record routes).
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(run::record_merge).service(undo::merge_undo);
}

/// The OpenAPI part of the merge routes.
#[derive(OpenApi)]
#[openapi(
    paths(run::record_merge, undo::merge_undo),
    components(schemas(MergeRequest, MergeResult, MergeUndone))
)]
pub struct MergeDoc;
