//! Duplicates (PRODUCT §4): each kind's rules, applied on create and update; the duplicates
//! of one record; and workspace-wide scans.

pub(crate) mod check;
mod find;
mod present;
mod rules;
mod scan;

use actix_web::web;
use sen_api_types::duplicate::{
    DuplicateAction, DuplicateCandidate, DuplicateCluster, DuplicateList, DuplicateRule,
    DuplicateRules, DuplicateScan, DuplicateScanResult,
};
use utoipa::OpenApi;

/// Mounts the duplicate routes; before the record routes, whose `/{kind}/{id}` would take
/// `/{kind}/duplicates/scan`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(rules::duplicate_rules_get)
        .service(rules::duplicate_rules_replace)
        .service(scan::duplicate_scan)
        .service(find::duplicate_list);
}

/// The OpenAPI part of the duplicate routes.
#[derive(OpenApi)]
#[openapi(
    paths(
        rules::duplicate_rules_get, rules::duplicate_rules_replace, find::duplicate_list,
        scan::duplicate_scan,
    ),
    components(schemas(
        DuplicateAction, DuplicateRule, DuplicateRules, DuplicateCandidate, DuplicateList,
        DuplicateScan, DuplicateCluster, DuplicateScanResult,
    )),
    tags((name = "duplicates", description = "Duplicate rules, candidates and scans"))
)]
pub struct DuplicatesDoc;
