//! What a converted record carries into the records it becomes: the inputs a new contact,
//! account or opportunity is created from (before the caller's overrides go on top), and the
//! custom values the target kind knows.

use sen_api_types::record::{Record, RecordInput};
use sen_domain::custom_field::validate_custom;
use sen_domain::kind::RecordKind;
use sen_domain::lifecycle::Outcome;
use sen_store::ConnectionTrait;
use sen_store::repo::{custom_fields, statuses};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::error::ApiResult;

/// The custom values of `values` that `kind` defines and accepts; the others are dropped.
pub async fn custom_for(
    db: &impl ConnectionTrait,
    ws: Uuid,
    kind: RecordKind,
    values: &Map<String, Value>,
) -> ApiResult<Map<String, Value>> {
    let defs = custom_fields::defs(db, ws, kind).await?;
    let mut out = Map::new();
    for (key, value) in values {
        if !defs.iter().any(|d| d.key == *key) {
            continue;
        }
        let one = Map::from_iter([(key.clone(), value.clone())]);
        if let Ok(valid) = validate_custom(&defs, &one, true) {
            out.extend(valid.into_iter().filter(|(_, v)| !v.is_null()));
        }
    }
    Ok(out)
}

/// A new contact from a lead: the person's fields, contact details, tags, owner and sharing.
pub async fn contact(db: &impl ConnectionTrait, ws: Uuid, lead: &Record) -> ApiResult<RecordInput> {
    Ok(RecordInput {
        first_name: Some(lead.first_name.clone()),
        last_name: Some(lead.last_name.clone()),
        birthday: lead.birthday.clone().map(Some),
        gender: lead.gender.clone().map(Some),
        national_id: lead.national_id.clone().map(Some),
        job_title: lead.job_title.clone().map(Some),
        source: lead.source.clone().map(Some),
        industry: lead.industry.clone().map(Some),
        notes: lead.notes.clone().map(Some),
        phones: Some(lead.phones.clone()),
        emails: Some(lead.emails.clone()),
        socials: Some(lead.socials.clone()),
        websites: Some(lead.websites.clone()),
        addresses: Some(lead.addresses.clone()),
        tags: Some(lead.tags.clone()),
        custom: Some(custom_for(db, ws, RecordKind::Contact, &lead.custom).await?),
        owner_id: Some(lead.owner_id),
        sharing: Some(lead.sharing.clone()),
        ..RecordInput::default()
    })
}

/// A new account from a lead: named after its company, with its industry, source, owner and
/// sharing.
pub fn account(lead: &Record) -> RecordInput {
    RecordInput {
        name: lead.company_name.clone().map(Some),
        source: lead.source.clone().map(Some),
        industry: lead.industry.clone().map(Some),
        owner_id: Some(lead.owner_id),
        sharing: Some(lead.sharing.clone()),
        ..RecordInput::default()
    }
}

/// A new opportunity from a lead, of its contact and account: named after the company (or the
/// person), in the first open stage, with the lead's source, owner and sharing.
pub async fn opportunity(
    db: &impl ConnectionTrait,
    ws: Uuid,
    lead: &Record,
    contact_id: Uuid,
    account_id: Option<Uuid>,
) -> ApiResult<RecordInput> {
    let first_open = statuses::list(db, ws, RecordKind::Opportunity)
        .await?
        .into_iter()
        .find(|s| s.outcome.as_deref().and_then(Outcome::parse) == Some(Outcome::Open));
    let name = lead
        .company_name
        .clone()
        .unwrap_or_else(|| lead.display_name.clone());
    Ok(RecordInput {
        name: Some(Some(name)),
        status: first_open.map(|s| Some(s.key)),
        source: lead.source.clone().map(Some),
        account_id: Some(account_id),
        contact_id: Some(Some(contact_id)),
        owner_id: Some(lead.owner_id),
        sharing: Some(lead.sharing.clone()),
        ..RecordInput::default()
    })
}

/// Puts every field `over` sets on top of `base` (`null` in `over` clears the carried value).
pub fn overlay(base: &mut RecordInput, over: RecordInput) {
    macro_rules! take {
        ($($field:ident),* $(,)?) => {
            $(if over.$field.is_some() {
                base.$field = over.$field;
            })*
        };
    }
    take!(
        status,
        first_name,
        last_name,
        name,
        birthday,
        gender,
        national_id,
        job_title,
        source,
        industry,
        company_name,
        account_id,
        contact_id,
        phones,
        emails,
        socials,
        websites,
        addresses,
        notes,
        tags,
        org_size,
        contact_source,
        customer_group,
        contact_status,
        amount,
        currency,
        expected_close_date,
        probability,
        lost_reason,
        input_source,
        zalo_user_id,
        facebook_psid,
        owner_id,
        sharing,
    );
    if let Some(custom) = over.custom {
        let mut merged = base.custom.take().unwrap_or_default();
        for (k, v) in custom {
            if v.is_null() {
                merged.remove(&k);
            } else {
                merged.insert(k, v);
            }
        }
        base.custom = Some(merged);
    }
}
