//! Lead → contact (+ account) (+ opportunity), in the caller's transaction. Each part is new
//! (built from the lead, the caller's fields on top, validated like any create) or existing
//! (visible to the caller, filled from the lead). The lead is claimed first — a conditional
//! update on "not converted yet" — so a second, concurrent conversion fails before writing.

use sen_api_types::lifecycle::{ConvertTarget, LeadConvert, LeadConverted};
use sen_api_types::record::{Record, RecordInput, RecordKind};
use sen_domain::lifecycle::CONVERTED;
use sen_store::ConnectionTrait;
use sen_store::entity::record::Model;
use sen_store::repo::lifecycle::{self, Conversion};
use sen_store::repo::{new_id, now, records};
use serde_json::{Value, json};
use uuid::Uuid;

use super::fill::{self, Links};
use super::promote::already_converted;
use super::{carry, events, part_error};
use crate::error::{ApiError, ApiResult};
use crate::routes::records::context::Ctx;
use crate::routes::records::input::prepare;
use crate::routes::records::read::present_one;

/// One part of the conversion, its existing record looked up.
enum Part {
    New(Uuid, Box<RecordInput>),
    Existing(Box<Model>),
}

impl Part {
    fn id(&self) -> Uuid {
        match self {
            Part::New(id, _) => *id,
            Part::Existing(m) => m.id,
        }
    }
}

/// Converts `lead` (a live lead the caller sees, locked in this transaction).
pub async fn convert_lead(
    tx: &impl ConnectionTrait,
    ctx: &Ctx,
    lead: &Model,
    req: LeadConvert,
) -> ApiResult<LeadConverted> {
    if lead.converted_at.is_some() {
        return Err(already_converted("lead"));
    }
    let ws = ctx.ws();
    let contact = part(tx, ctx, RecordKind::Contact, req.contact).await?;
    let account = match req.account {
        Some(t) => Some(part(tx, ctx, RecordKind::Account, t).await?),
        None => None,
    };
    let opportunity = match req.opportunity {
        Some(t) => Some(part(tx, ctx, RecordKind::Opportunity, t).await?),
        None => None,
    };
    let (contact_id, account_id) = (contact.id(), account.as_ref().map(Part::id));
    let opportunity_id = opportunity.as_ref().map(Part::id);
    let before = present_one(tx, ws, lead).await?;
    let claim = Conversion {
        converted_to: contact_id,
        account_id,
        opportunity_id,
        at: now(),
        status: CONVERTED.into(),
    };
    if !lifecycle::claim(tx, ws, lead.id, lead.version, &claim).await? {
        return Err(already_converted("lead"));
    }
    let data = json!({
        "lead_id": lead.id, "contact_id": contact_id,
        "account_id": account_id, "opportunity_id": opportunity_id,
    });
    let links = Links {
        account_id,
        contact_id: Some(contact_id),
        source_lead_id: Some(lead.id),
    };

    let account = match account {
        None => None,
        Some(Part::New(id, over)) => {
            let mut input = carry::account(&before);
            carry::overlay(&mut input, *over);
            Some(create(tx, ctx, RecordKind::Account, id, input, None, &data).await?)
        }
        Some(Part::Existing(m)) => {
            Some(fill::existing(tx, ctx, RecordKind::Account, *m, &before, links, &data).await?)
        }
    };
    let contact = match contact {
        Part::New(id, over) => {
            let mut input = carry::contact(tx, ws, &before).await?;
            carry::overlay(&mut input, *over);
            if account_id.is_some() {
                input.account_id = Some(account_id);
            }
            create(tx, ctx, RecordKind::Contact, id, input, None, &data).await?
        }
        Part::Existing(m) => {
            fill::existing(tx, ctx, RecordKind::Contact, *m, &before, links, &data).await?
        }
    };
    let opportunity = match opportunity {
        None => None,
        Some(Part::New(id, over)) => {
            let mut input = carry::opportunity(tx, ws, &before, contact_id, account_id).await?;
            carry::overlay(&mut input, *over);
            let lead_id = Some(lead.id);
            Some(create(tx, ctx, RecordKind::Opportunity, id, input, lead_id, &data).await?)
        }
        Some(Part::Existing(m)) => {
            Some(fill::existing(tx, ctx, RecordKind::Opportunity, *m, &before, links, &data).await?)
        }
    };

    let now_row = records::get_any(tx, ws, lead.id)
        .await?
        .ok_or_else(|| ApiError::not_found("lead"))?;
    let after = present_one(tx, ws, &now_row).await?;
    events::source(tx, &ctx.auth, &before, &after, &data).await?;
    Ok(LeadConverted {
        contact,
        account,
        opportunity,
    })
}

/// A part of the request, its existing record checked: a live record of `kind` the caller
/// sees, else 404 (attaching to what one cannot see must not reveal it exists).
async fn part(
    tx: &impl ConnectionTrait,
    ctx: &Ctx,
    kind: RecordKind,
    target: ConvertTarget,
) -> ApiResult<Part> {
    Ok(match target {
        ConvertTarget::Create(input) => Part::New(new_id(), input),
        ConvertTarget::ExistingId(id) => {
            let row = records::get_visible(tx, &ctx.viewer, kind.as_str(), id)
                .await?
                .ok_or_else(|| ApiError::not_found(kind.as_str()))?;
            Part::Existing(Box::new(row))
        }
    })
}

/// Creates a record of `kind` with the chosen id, validated like `POST /{kind}`.
async fn create(
    tx: &impl ConnectionTrait,
    ctx: &Ctx,
    kind: RecordKind,
    id: Uuid,
    input: RecordInput,
    source_lead_id: Option<Uuid>,
    data: &Value,
) -> ApiResult<Record> {
    let ws = ctx.ws();
    let mut prepared = prepare(tx, ctx, kind, None, input)
        .await
        .map_err(|e| part_error(e, &format!("{}.create", kind.as_str())))?;
    prepared.row.id = id;
    prepared.row.source_lead_id = source_lead_id;
    prepared.row.created_via = if ctx.auth.api_key_id.is_some() {
        "api"
    } else {
        "manual"
    }
    .into();
    let row = records::insert(tx, prepared.row).await?;
    records::replace_children(tx, ws, row.id, &prepared.children).await?;
    let record = present_one(tx, ws, &row).await?;
    events::created(tx, &ctx.auth, &record, data).await?;
    Ok(record)
}
