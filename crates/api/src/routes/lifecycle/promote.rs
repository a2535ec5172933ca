//! Prospect → lead. The lead carries everything the prospect had (fields, phones, emails,
//! tags, the custom values leads define, owner and sharing) and was created via the prospect's
//! channel; the prospect is kept, `converted`, pointing to its lead, and its timeline shows on
//! the lead's. Runs by hand, in bulk, and by itself when a chat prospect gains a phone or email.

use sen_api_types::error::ErrorCode;
use sen_api_types::record::{Record, RecordKind};
use sen_domain::lifecycle::{CONVERTED, should_promote};
use sen_store::ConnectionTrait;
use sen_store::entity::record::Model;
use sen_store::repo::lifecycle::{self, Conversion};
use sen_store::repo::{new_id, now, records, statuses};
use serde_json::json;

use super::{carry, events};
use crate::error::{ApiError, ApiResult};
use crate::routes::records::context::Ctx;
use crate::routes::records::read::present_one;

/// 409 for a record converted before.
pub fn already_converted(what: &str) -> ApiError {
    ApiError::new(
        ErrorCode::Conflict,
        format!("this {what} has already been converted"),
    )
}

/// Converts `prospect` (a live prospect the caller sees, read in this transaction) into a new
/// lead; returns the lead and the prospect as it is now. 409 when it was converted before.
pub async fn convert_prospect(
    tx: &impl ConnectionTrait,
    ctx: &Ctx,
    prospect: &Model,
) -> ApiResult<(Record, Record)> {
    if prospect.converted_at.is_some() {
        return Err(already_converted("prospect"));
    }
    let ws = ctx.ws();
    let status = statuses::default_of(tx, ws, RecordKind::Lead)
        .await?
        .ok_or_else(|| {
            ApiError::field(
                "status",
                "required",
                "the workspace has no default lead status",
            )
        })?;
    let before = present_one(tx, ws, prospect).await?;
    let (lead_id, at) = (new_id(), now());
    // The claim comes first: a concurrent conversion that lost stops before writing anything.
    let claim = Conversion {
        converted_to: lead_id,
        account_id: None,
        opportunity_id: None,
        at,
        status: CONVERTED.into(),
    };
    if !lifecycle::claim(tx, ws, prospect.id, prospect.version, &claim).await? {
        return Err(already_converted("prospect"));
    }
    let children = records::load_children(tx, ws, &[prospect.id])
        .await?
        .remove(&prospect.id)
        .unwrap_or_default();
    let custom = carry::custom_for(tx, ws, RecordKind::Lead, &before.custom).await?;
    let lead = Model {
        id: lead_id,
        kind: RecordKind::Lead.as_str().into(),
        status: status.key,
        custom: serde_json::Value::Object(custom),
        input_source: None,
        zalo_user_id: None,
        facebook_psid: None,
        created_by: ctx.auth.id,
        created_via: prospect
            .input_source
            .clone()
            .unwrap_or_else(|| "manual".into()),
        version: 1,
        created_at: at,
        updated_at: at,
        deleted_at: None,
        deleted_by: None,
        merged_into: None,
        converted_to: None,
        converted_at: None,
        converted_account_id: None,
        converted_opportunity_id: None,
        // The prospect keeps its import; the lead was made by the promotion.
        import_id: None,
        import_row: None,
        ..prospect.clone()
    };
    let lead = records::insert(tx, lead).await?;
    records::replace_children(tx, ws, lead.id, &children).await?;
    let lead = present_one(tx, ws, &lead).await?;
    let now_row = records::get_any(tx, ws, prospect.id)
        .await?
        .ok_or_else(|| ApiError::not_found("prospect"))?;
    let after = present_one(tx, ws, &now_row).await?;
    let data = json!({"prospect_id": prospect.id, "lead_id": lead.id});
    events::created(tx, &ctx.auth, &lead, &data).await?;
    events::source(tx, &ctx.auth, &before, &after, &data).await?;
    Ok((lead, after))
}

/// After a record's update (same transaction): a prospect from a chat channel that has just
/// gained a phone or an email becomes a lead. Returns the record as it now is.
pub async fn after_update(
    tx: &impl ConnectionTrait,
    ctx: &Ctx,
    before: &Record,
    after: Record,
) -> ApiResult<Record> {
    if after.kind != RecordKind::Prospect || after.converted_at.is_some() {
        return Ok(after);
    }
    let gained_phone = after
        .phones
        .iter()
        .any(|p| !before.phones.iter().any(|b| b.number == p.number));
    let gained_email = after
        .emails
        .iter()
        .any(|m| !before.emails.iter().any(|b| b.address == m.address));
    if !should_promote(after.input_source.as_deref(), gained_phone, gained_email) {
        return Ok(after);
    }
    let row = records::get_any(tx, ctx.ws(), after.id)
        .await?
        .ok_or_else(|| ApiError::not_found("prospect"))?;
    let (_, prospect) = convert_prospect(tx, ctx, &row).await?;
    Ok(prospect)
}
