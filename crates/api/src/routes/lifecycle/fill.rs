//! Converting a lead into records that already exist: the lead's values fill only their empty
//! fields, and its phones, emails and tags are united in (`sen_domain::merge`); the change is
//! written like any PATCH (validated by `prepare`, guarded by the record's version).

use sen_api_types::error::ErrorCode;
use sen_api_types::record::{Record, RecordInput};
use sen_domain::kind::RecordKind;
use sen_domain::merge::{Labelled, Values, fill_and_unite};
use sen_store::ConnectionTrait;
use sen_store::entity::record::Model;
use sen_store::repo::{now, records};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::{carry, events, part_error};
use crate::error::{ApiError, ApiResult};
use crate::routes::records::context::Ctx;
use crate::routes::records::input::prepare;
use crate::routes::records::present;
use crate::routes::records::read::present_one;

/// The single-valued fields a lead fills into an existing contact.
const CONTACT_FIELDS: &[&str] = &[
    "first_name",
    "last_name",
    "birthday",
    "gender",
    "national_id",
    "job_title",
    "source",
    "industry",
    "notes",
];
/// The lists other than phones, emails and tags a lead adds to an existing contact.
const CONTACT_LISTS: &[&str] = &["addresses", "socials", "websites"];
/// What a lead fills into an existing account (its phones and emails are the person's).
const ACCOUNT_FIELDS: &[&str] = &["industry", "source"];

/// Links an existing record gets when they are empty.
#[derive(Debug, Clone, Copy, Default)]
pub struct Links {
    /// Its account.
    pub account_id: Option<Uuid>,
    /// Its contact.
    pub contact_id: Option<Uuid>,
    /// The lead an opportunity came from.
    pub source_lead_id: Option<Uuid>,
}

/// Fills the existing `current` record of `kind` from `lead` and leaves the conversion's marks.
pub async fn existing(
    tx: &impl ConnectionTrait,
    ctx: &Ctx,
    kind: RecordKind,
    current: Model,
    lead: &Record,
    links: Links,
    data: &Value,
) -> ApiResult<Record> {
    let ws = ctx.ws();
    let part = kind.as_str();
    let mut children = records::load_children(tx, ws, &[current.id])
        .await?
        .remove(&current.id)
        .unwrap_or_default();
    let before = present::record(&current, &children);
    children.tag_names.clear();
    let patch = match kind {
        RecordKind::Contact => {
            let mut source = values(lead, CONTACT_FIELDS, CONTACT_LISTS);
            source.custom = carry::custom_for(tx, ws, kind, &lead.custom).await?;
            let mut patch = fill_patch(&before, &source, ctx, CONTACT_FIELDS, CONTACT_LISTS)?;
            if before.account_id.is_none() && links.account_id.is_some() {
                patch.account_id = Some(links.account_id);
            }
            patch
        }
        RecordKind::Account => {
            let source = Values {
                fields: values(lead, ACCOUNT_FIELDS, &[]).fields,
                ..Values::default()
            };
            fill_patch(&before, &source, ctx, ACCOUNT_FIELDS, &[])?
        }
        _ => RecordInput {
            account_id: (before.account_id.is_none() && links.account_id.is_some())
                .then_some(links.account_id),
            contact_id: (before.contact_id.is_none() && links.contact_id.is_some())
                .then_some(links.contact_id),
            ..RecordInput::default()
        },
    };
    let mut prepared = prepare(tx, ctx, kind, Some((&current, &children)), patch)
        .await
        .map_err(|e| part_error(e, part))?;
    if prepared.row.source_lead_id.is_none() {
        prepared.row.source_lead_id = links.source_lead_id;
    }
    let after = if prepared.row == current && prepared.children == children {
        before.clone()
    } else {
        prepared.row.version = current.version + 1;
        prepared.row.updated_at = now();
        if !records::update(tx, &prepared.row, current.version).await? {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!("the {part} changed while the lead was being converted; try again"),
            ));
        }
        records::replace_children(tx, ws, current.id, &prepared.children).await?;
        present_one(tx, ws, &prepared.row).await?
    };
    events::used(tx, &ctx.auth, &before, &after, data).await?;
    Ok(after)
}

/// The mergeable values of a record as the API shows it: `fields` by name, `lists` as JSON.
fn values(r: &Record, fields: &[&str], lists: &[&str]) -> Values {
    let json = serde_json::to_value(r).unwrap_or_default();
    let labelled = |v: &Value, key: &str| -> Vec<Labelled> {
        v.as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|i| {
                        Labelled::new(
                            i[key].as_str().unwrap_or_default(),
                            i["label"].as_str().unwrap_or_default(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    Values {
        fields: fields
            .iter()
            .filter_map(|f| Some(((*f).to_owned(), json[*f].as_str()?.to_owned())))
            .collect(),
        custom: Map::new(),
        phones: labelled(&json["phones"], "number"),
        emails: labelled(&json["emails"], "address"),
        tags: r.tags.clone(),
        lists: lists
            .iter()
            .map(|l| {
                let items = json[*l].as_array().cloned().unwrap_or_default();
                ((*l).to_owned(), items)
            })
            .collect(),
    }
}

/// The PATCH that fills `before` from `source`: only what the merge changed.
fn fill_patch(
    before: &Record,
    source: &Values,
    ctx: &Ctx,
    fields: &[&str],
    lists: &[&str],
) -> ApiResult<RecordInput> {
    let mut target = values(before, fields, lists);
    target.custom = before.custom.clone();
    let merged = fill_and_unite(&target, source, ctx.country);
    let v = &merged.values;
    let mut patch = Map::new();
    let mut custom = Map::new();
    for name in &merged.changed {
        let value = match name.as_str() {
            "phones" => json!(
                v.phones
                    .iter()
                    .map(|p| json!({"number": p.value, "label": label(&p.label)}))
                    .collect::<Vec<_>>()
            ),
            "emails" => json!(
                v.emails
                    .iter()
                    .map(|m| json!({"address": m.value, "label": label(&m.label)}))
                    .collect::<Vec<_>>()
            ),
            "tags" => json!(v.tags),
            other => match other.strip_prefix("custom.") {
                Some(key) => {
                    custom.insert(
                        key.to_owned(),
                        v.custom.get(key).cloned().unwrap_or_default(),
                    );
                    continue;
                }
                None => match v.lists.get(other) {
                    Some(items) => json!(items),
                    None => json!(v.fields.get(other)),
                },
            },
        };
        patch.insert(name.clone(), value);
    }
    if !custom.is_empty() {
        patch.insert("custom".into(), Value::Object(custom));
    }
    serde_json::from_value(Value::Object(patch))
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("fill patch: {e}")))
}

fn label(l: &str) -> Option<&str> {
    (!l.is_empty()).then_some(l)
}
