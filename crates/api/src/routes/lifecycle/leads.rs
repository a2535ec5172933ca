//! `POST /leads/{id}/convert` and `GET /leads/{id}/convert/preview`: a lead becomes a contact
//! (+ account) (+ opportunity); the preview proposes existing ones it matches.

use actix_web::{get, post, web};
use sen_api_types::error::Problem;
use sen_api_types::lifecycle::{
    ConvertMatch, ConvertPreview, LeadConvert, LeadConverted, MatchReason,
};
use sen_store::ConnectionTrait;
use sen_store::entity::record::Model;
use sen_store::repo::lifecycle::lock_visible;
use sen_store::repo::records::{self, MatchReason as Reason};
use uuid::Uuid;

use super::lead_convert::convert_lead;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::routes::records::context::Ctx;
use crate::routes::records::present;
use crate::routes::records::read::visible_or_404;
use crate::state::AppState;

/// Converts a lead into a contact, and optionally an account and an opportunity — each new or
/// existing — in one transaction. The lead is kept as `converted`, linked to what it became.
#[utoipa::path(post, path = "/api/v1/leads/{id}/convert", tag = "lifecycle", operation_id = "lead_convert",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Lead id")),
    request_body = LeadConvert,
    responses(
        (status = 200, description = "What the lead became", body = LeadConverted),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such lead, or existing record, visible to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already converted", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (named `contact.create.…`, `account.…`, …)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/leads/{id}/convert")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn lead_convert(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: Json<LeadConvert>,
) -> ApiResult<web::Json<LeadConverted>> {
    let ctx = Ctx::load(&state, auth).await?;
    let tx = state.db.begin().await?;
    let lead = lock_visible(&tx, &ctx.viewer, "lead", id.into_inner())
        .await?
        .ok_or_else(|| ApiError::not_found("lead"))?;
    let converted = convert_lead(&tx, &ctx, &lead, body.into_inner()).await?;
    sen_store::commit(tx).await?;
    Ok(web::Json(converted))
}

/// The existing contacts (same phone in any spelling, same email, same name) and accounts
/// (named like the lead's company) that you can see and the lead would match.
#[utoipa::path(get, path = "/api/v1/leads/{id}/convert/preview", tag = "lifecycle", operation_id = "lead_convert_preview",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Lead id")),
    responses(
        (status = 200, description = "Matching contacts and accounts", body = ConvertPreview),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such lead visible to you", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/leads/{id}/convert/preview")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn lead_convert_preview(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ConvertPreview>> {
    let ctx = Ctx::load(&state, auth).await?;
    let db = state.db.conn();
    let lead = visible_or_404(db, &ctx, "lead", id.into_inner()).await?;
    let children = records::load_children(db, ctx.ws(), &[lead.id])
        .await?
        .remove(&lead.id)
        .unwrap_or_default();
    let phones: Vec<String> = children.phones.into_iter().map(|(n, _)| n).collect();
    let emails: Vec<String> = children.emails.into_iter().map(|(a, _)| a).collect();
    let contacts = records::matches(
        db,
        &ctx.viewer,
        "contact",
        &phones,
        &emails,
        Some(&lead.name),
    )
    .await?;
    let accounts = match lead.company_name.as_deref() {
        Some(company) => {
            records::matches(db, &ctx.viewer, "account", &[], &[], Some(company)).await?
        }
        None => Vec::new(),
    };
    Ok(web::Json(ConvertPreview {
        contacts: shown(db, &ctx, contacts).await?,
        accounts: shown(db, &ctx, accounts).await?,
    }))
}

/// Matches as the API shows them.
async fn shown(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    found: Vec<(Model, Vec<Reason>)>,
) -> ApiResult<Vec<ConvertMatch>> {
    let ids: Vec<Uuid> = found.iter().map(|(m, _)| m.id).collect();
    let mut children = records::load_children(db, ctx.ws(), &ids).await?;
    Ok(found
        .into_iter()
        .map(|(m, reasons)| ConvertMatch {
            record: present::record(&m, &children.remove(&m.id).unwrap_or_default()),
            reasons: reasons
                .into_iter()
                .map(|r| match r {
                    Reason::Phone => MatchReason::Phone,
                    Reason::Email => MatchReason::Email,
                    Reason::Name => MatchReason::Name,
                    Reason::Company => MatchReason::Company,
                })
                .collect(),
        })
        .collect())
}
