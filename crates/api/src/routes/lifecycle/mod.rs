//! The sales life cycle (PRODUCT §1): prospect → lead → contact + account + opportunity, an
//! account's contacts, and the opportunity pipeline with its stage rules.

mod accounts;
mod carry;
mod events;
mod fill;
mod lead_convert;
mod leads;
mod pipeline;
pub(crate) mod promote;
mod prospects;
pub(crate) mod stage;

use actix_web::web;
use sen_api_types::lifecycle::{
    BulkFailure, ConvertMatch, ConvertPreview, ConvertTarget, LeadConvert, LeadConverted,
    MatchReason, Pipeline, PipelineAmount, PipelineStage, ProspectBulkConverted, ProspectConverted,
    RecordSelection,
};
use sen_api_types::settings::StageOutcome;
use utoipa::OpenApi;

use crate::error::ApiError;

/// Mounts the life-cycle routes. They go before the record routes: `/{kind}/{id}` would
/// otherwise take `/opportunities/pipeline` and `/prospects/convert`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(prospects::prospect_convert_bulk)
        .service(prospects::prospect_convert)
        .service(leads::lead_convert_preview)
        .service(leads::lead_convert)
        .service(accounts::account_contact_list)
        .service(accounts::account_contact_create)
        .service(pipeline::opportunity_pipeline);
}

/// A field error of one part of a conversion, named after the part (`contact.create.phones[0]`).
fn part_error(err: ApiError, part: &str) -> ApiError {
    match err {
        ApiError::Validation(errors) => ApiError::Validation(
            errors
                .into_iter()
                .map(|mut e| {
                    e.field = format!("{part}.{}", e.field);
                    e
                })
                .collect(),
        ),
        other => other,
    }
}

/// The OpenAPI part of the life-cycle routes.
#[derive(OpenApi)]
#[openapi(
    paths(
        prospects::prospect_convert, prospects::prospect_convert_bulk,
        leads::lead_convert_preview, leads::lead_convert,
        accounts::account_contact_list, accounts::account_contact_create,
        pipeline::opportunity_pipeline,
    ),
    components(schemas(
        ProspectConverted, RecordSelection, BulkFailure, ProspectBulkConverted, ConvertTarget,
        LeadConvert, LeadConverted, MatchReason, ConvertMatch, ConvertPreview, PipelineAmount,
        PipelineStage, Pipeline, StageOutcome,
    )),
    tags((name = "lifecycle", description = "Converting prospects and leads; accounts' contacts; the opportunity pipeline"))
)]
pub struct LifecycleDoc;
