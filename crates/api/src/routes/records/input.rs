//! A record input (create or PATCH) applied onto the stored record: every field parsed,
//! normalised and checked against the workspace's settings, all failures reported at once.

use sen_api_types::record::RecordInput;
use sen_domain::custom_field::validate_custom;
use sen_domain::kind::RecordKind;
use sen_domain::search::search_document;
use sen_domain::value::{Phone, display_name, search_key, unique_emails, unique_phones};
use sen_store::ConnectionTrait;
use sen_store::entity::record::Model;
use sen_store::repo::records::{self, Children};
use sen_store::repo::tags;

use super::context::Ctx;
use super::fields::{
    opt_amount, opt_currency, opt_date, opt_long_text, opt_pick, opt_text, opt_word,
};
use super::lookups::Lookups;
use super::{applies, links};
use crate::error::ApiResult;
use crate::routes::lifecycle::stage;
use crate::validate::Errors;

/// A record ready to be written.
pub struct Prepared {
    /// The row.
    pub row: Model,
    /// Its children.
    pub children: Children,
}

/// Genders a person may have.
const GENDERS: &[&str] = &["male", "female", "other", "unknown"];
/// How a record came in.
pub const CHANNELS: &[&str] = &[
    "manual", "import", "webform", "email", "zalo", "facebook", "api",
];

/// Applies `input` to `current` (or to a blank record of `kind` when creating).
pub async fn prepare(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    kind: RecordKind,
    current: Option<(&Model, &Children)>,
    input: RecordInput,
) -> ApiResult<Prepared> {
    prepare_with(db, ctx, kind, current, input, &Lookups::live()).await
}

/// [`prepare`] checking the fields against `lookups` (settings loaded once for many rows).
pub async fn prepare_with(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    kind: RecordKind,
    current: Option<(&Model, &Children)>,
    input: RecordInput,
    lookups: &Lookups,
) -> ApiResult<Prepared> {
    let ws = ctx.ws();
    let creating = current.is_none();
    let mut row = match current {
        Some((m, _)) => m.clone(),
        None => records::blank(ctx.ws(), kind.as_str(), ctx.auth.id, sen_store::repo::now()),
    };
    let mut ch = current.map(|(_, c)| c.clone()).unwrap_or_default();
    let mut e = Errors::default();
    let lost_reason_sent = input.lost_reason.as_ref().map(Option::is_some);
    applies::check(kind, &input, &mut e);
    links::apply(db, ctx, kind, creating, &mut row, &mut ch, &input, &mut e).await?;

    if let Some(v) = input.first_name {
        row.first_name = opt_text(&mut e, "first_name", v, 100);
    }
    if let Some(v) = input.last_name {
        row.last_name = opt_text(&mut e, "last_name", v, 100);
    }
    if let Some(v) = input.name {
        row.name = opt_text(&mut e, "name", v, 200).unwrap_or_default();
    }
    if kind.is_person() {
        if row.first_name.is_none() {
            e.push("first_name", "required", "the first name (Tên) is required");
        }
        row.name = display_name(
            row.last_name.as_deref().unwrap_or(""),
            row.first_name.as_deref().unwrap_or(""),
        );
    } else if row.name.is_empty() {
        e.push("name", "required", "the name is required");
    }
    if let Some(v) = input.birthday {
        row.birthday = opt_date(&mut e, "birthday", v);
    }
    if let Some(v) = input.gender {
        row.gender = opt_word(&mut e, "gender", v, GENDERS);
    }
    if let Some(v) = input.national_id {
        row.national_id = opt_text(&mut e, "national_id", v, 40);
    }
    if let Some(v) = input.job_title {
        row.job_title = opt_text(&mut e, "job_title", v, 120);
    }
    if let Some(v) = input.company_name {
        row.company_name = opt_text(&mut e, "company_name", v, 200);
    }
    if let Some(v) = input.notes {
        row.notes = opt_long_text(&mut e, "notes", v, 20_000);
    }
    if let Some(v) = input.input_source {
        row.input_source = opt_word(&mut e, "input_source", v, CHANNELS);
    }
    if let Some(v) = input.zalo_user_id {
        row.zalo_user_id = opt_text(&mut e, "zalo_user_id", v, 100);
    }
    if let Some(v) = input.facebook_psid {
        row.facebook_psid = opt_text(&mut e, "facebook_psid", v, 100);
    }

    match input.status {
        Some(Some(key)) => {
            if lookups.status(db, ws, kind, key.trim()).await?.is_some() {
                row.status = key.trim().to_owned();
            } else {
                e.push(
                    "status",
                    "invalid_option",
                    &format!("{key:?} is not a status of {}", kind.plural()),
                );
            }
        }
        Some(None) => e.push("status", "required", "a record always has a status"),
        None if creating => match lookups.default_status(db, ws, kind).await? {
            Some(s) => row.status = s.key,
            None => e.push(
                "status",
                "required",
                "the workspace has no default status for this kind",
            ),
        },
        None => {}
    }
    if let Some(v) = input.source {
        row.source = opt_pick(db, ws, lookups, &mut e, "source", "source", v)
            .await?
            .unwrap_or_default();
    }
    if let Some(v) = input.industry {
        row.industry = opt_pick(db, ws, lookups, &mut e, "industry", "industry", v)
            .await?
            .unwrap_or_default();
    }
    if let Some(v) = input.org_size {
        row.org_size = opt_pick(db, ws, lookups, &mut e, "org_size", "org_size", v).await?;
    }
    if let Some(v) = input.contact_source {
        row.contact_source = opt_pick(
            db,
            ws,
            lookups,
            &mut e,
            "contact_source",
            "contact_source",
            v,
        )
        .await?;
    }
    if let Some(v) = input.customer_group {
        row.customer_group = opt_pick(
            db,
            ws,
            lookups,
            &mut e,
            "customer_group",
            "customer_group",
            v,
        )
        .await?;
    }
    if let Some(v) = input.contact_status {
        row.contact_status = opt_pick(
            db,
            ws,
            lookups,
            &mut e,
            "contact_status",
            "contact_status",
            v,
        )
        .await?;
    }
    if let Some(v) = input.lost_reason {
        row.lost_reason =
            opt_pick(db, ws, lookups, &mut e, "lost_reason", "lost_reason", v).await?;
    }
    if let Some(v) = input.amount {
        row.amount = opt_amount(&mut e, v);
    }
    if let Some(v) = input.currency {
        row.currency = opt_currency(&mut e, v);
    }
    if kind == RecordKind::Opportunity && row.currency.is_none() {
        row.currency = Some("VND".into());
    }
    if let Some(v) = input.expected_close_date {
        row.expected_close_date = opt_date(&mut e, "expected_close_date", v);
    }
    if let Some(v) = input.probability {
        if v.is_some_and(|p| !(0..=100).contains(&p)) {
            e.push(
                "probability",
                "out_of_range",
                "use a percentage from 0 to 100",
            );
        }
        row.probability = v;
    }

    // Kept for the search document, so each phone is parsed once.
    let mut parsed_phones: Option<Vec<Phone>> = None;
    if let Some(list) = input.phones {
        match unique_phones(
            list.iter().map(|p| (p.number.as_str(), p.label.clone())),
            ctx.country,
        ) {
            Ok(parsed) => {
                ch.phones = parsed
                    .iter()
                    .map(|(p, l)| (p.as_e164().to_owned(), label(l.clone())))
                    .collect();
                parsed_phones = Some(parsed.into_iter().map(|(p, _)| p).collect());
            }
            Err(errors) => {
                for (i, err) in errors {
                    e.push(&format!("phones[{i}].number"), err.code(), &err.to_string());
                }
            }
        }
    }
    if let Some(list) = input.emails {
        match unique_emails(list.iter().map(|m| (m.address.as_str(), m.label.clone()))) {
            Ok(parsed) => {
                ch.emails = parsed
                    .into_iter()
                    .map(|(m, l)| (m.as_str().to_owned(), label(l)))
                    .collect()
            }
            Err(errors) => {
                for (i, err) in errors {
                    e.push(
                        &format!("emails[{i}].address"),
                        err.code(),
                        &err.to_string(),
                    );
                }
            }
        }
    }
    if let Some(v) = input.socials {
        row.socials = serde_json::to_value(v).unwrap_or_default();
    }
    if let Some(v) = input.websites {
        let sites: Vec<String> = v
            .into_iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        row.websites = serde_json::to_value(sites).unwrap_or_default();
    }
    if let Some(v) = input.addresses {
        row.city = v
            .first()
            .and_then(|a| a.city.as_deref())
            .map(search_key)
            .unwrap_or_default();
        row.addresses = serde_json::to_value(v).unwrap_or_default();
    }

    if kind == RecordKind::Opportunity {
        let current = current.map(|(m, _)| m);
        stage::apply(db, ws, current, lost_reason_sent, &mut row, &mut e).await?;
    }

    let defs = lookups.custom_defs(db, ws, kind).await?;
    let given = input.custom.clone().unwrap_or_default();
    if creating || input.custom.is_some() {
        match validate_custom(&defs, &given, !creating) {
            Ok(valid) => {
                let mut merged = if creating {
                    serde_json::Map::new()
                } else {
                    row.custom.as_object().cloned().unwrap_or_default()
                };
                for (k, v) in valid {
                    if v.is_null() {
                        merged.remove(&k);
                    } else {
                        merged.insert(k, v);
                    }
                }
                row.custom = serde_json::Value::Object(merged);
            }
            Err(errors) => {
                for err in errors {
                    e.push(&format!("custom.{}", err.key), err.code, &err.message);
                }
            }
        }
    }

    let tag_names = input.tags.map(|names| check_tags(&mut e, names));
    e.finish()?;

    if let Some(names) = tag_names {
        ch.tag_ids = tags::ensure(db, ws, &names)
            .await?
            .into_iter()
            .map(|t| t.id)
            .collect();
    }
    let emails: Vec<&str> = ch.emails.iter().map(|(a, _)| a.as_str()).collect();
    let phones: Vec<Phone> = parsed_phones.unwrap_or_else(|| {
        ch.phones
            .iter()
            .filter_map(|(n, _)| Phone::parse(n, ctx.country).ok())
            .collect()
    });
    let phone_refs: Vec<&Phone> = phones.iter().collect();
    row.search_key = search_document(&row.name, row.company_name.as_deref(), &emails, &phone_refs);
    Ok(Prepared { row, children: ch })
}

fn label(l: Option<String>) -> String {
    l.map(|l| l.trim().to_owned()).unwrap_or_default()
}

/// Tag names: trimmed, non-empty, at most 60 characters.
fn check_tags(e: &mut Errors, names: Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    for (i, name) in names.into_iter().enumerate() {
        let clean = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if clean.is_empty() || clean.chars().count() > 60 {
            e.push(
                &format!("tags[{i}]"),
                "invalid_tag",
                "a tag has 1 to 60 characters",
            );
        } else {
            out.push(clean);
        }
    }
    out
}
