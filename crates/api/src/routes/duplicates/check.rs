//! Duplicate rules applied to a record being created or changed: `block` → 422, `warn` → 409
//! (unless the caller resends with `?allow_duplicate=true`), both listing the candidates. A lead
//! that matches a contact or an account is told so: conversion is the way, not a new lead.

use std::collections::BTreeSet;

use sen_domain::duplicate::{Criterion, name_key};
use sen_domain::kind::RecordKind;
use sen_store::ConnectionTrait;
use sen_store::entity::record::Model;
use sen_store::repo::duplicate_rules::{self, Rule};
use sen_store::repo::records::{self, Children, Probe};

use super::present;
use crate::error::{ApiError, ApiResult};
use crate::routes::records::context::Ctx;

/// At most this many candidates in an answer.
const MAX_CANDIDATES: u64 = 20;

/// The `?allow_duplicate=true` of a create or update.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AllowDuplicate {
    /// Save even though a `warn` duplicate rule matches.
    #[serde(default)]
    pub allow_duplicate: bool,
}

/// Refuses `row` when the kind's duplicate rules find existing records like it. On an update
/// (`before` given), only rules over values that changed are checked.
pub async fn check(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    kind: RecordKind,
    row: &Model,
    children: &Children,
    before: Option<(&Model, &Children)>,
    allow: bool,
) -> ApiResult<()> {
    let rules = duplicate_rules::list(db, ctx.ws(), kind.as_str()).await?;
    if rules.is_empty() {
        return Ok(());
    }
    let probe = Probe::of(row, children);
    let old = before.map(|(m, c)| Probe::of(m, c));
    let changed = |r: &&Rule| {
        old.as_ref()
            .is_none_or(|o| r.criteria.iter().any(|c| differs(o, &probe, c)))
    };
    let (block, warn): (Vec<&Rule>, Vec<&Rule>) =
        rules.iter().filter(changed).partition(|r| r.block);
    let sets = |rs: &[&Rule]| rs.iter().map(|r| r.criteria.clone()).collect::<Vec<_>>();
    let (block, warn) = (sets(&block), sets(&warn));

    for (sets, blocked) in [(block, true), (warn, false)] {
        if sets.is_empty() || (!blocked && allow) {
            continue;
        }
        let found = find(db, ctx, kind, row, &probe, &sets).await?;
        if found.is_empty() {
            continue;
        }
        let converts = found.iter().any(|(m, _)| m.kind != kind.as_str());
        let detail = if converts {
            "this lead matches an existing contact or account: convert the lead instead of creating a duplicate"
        } else if blocked {
            "a record like this already exists; open it instead of creating a duplicate"
        } else {
            "this looks like a record that already exists; resend with ?allow_duplicate=true to save anyway"
        };
        return Err(ApiError::Duplicates {
            blocked,
            detail: detail.to_owned(),
            candidates: present::candidates(db, ctx.ws(), found).await?,
        });
    }
    Ok(())
}

/// The records of the same kind (and, for a lead, contacts and accounts) matching `sets`.
async fn find(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    kind: RecordKind,
    row: &Model,
    probe: &Probe,
    sets: &[Vec<Criterion>],
) -> ApiResult<Vec<(Model, BTreeSet<Criterion>)>> {
    let viewer = &ctx.viewer;
    let exclude = [row.id];
    let mut found = records::candidates(
        db,
        viewer,
        kind.as_str(),
        probe,
        sets,
        &exclude,
        MAX_CANDIDATES,
    )
    .await?;
    if kind == RecordKind::Lead {
        found.extend(
            records::candidates(db, viewer, "contact", probe, sets, &exclude, MAX_CANDIDATES)
                .await?,
        );
        let company = row
            .company_name
            .as_deref()
            .map(name_key)
            .unwrap_or_default();
        if !company.is_empty() {
            let by_company = Probe {
                name_key: company,
                ..Probe::default()
            };
            found.extend(
                records::candidates(
                    db,
                    viewer,
                    "account",
                    &by_company,
                    &[vec![Criterion::Name]],
                    &exclude,
                    MAX_CANDIDATES,
                )
                .await?,
            );
        }
    }
    Ok(found)
}

/// Whether the value of `c` differs between two probes.
fn differs(a: &Probe, b: &Probe, c: &Criterion) -> bool {
    let set = |v: &[String]| v.iter().cloned().collect::<BTreeSet<_>>();
    match c {
        Criterion::Phone => set(&a.phones) != set(&b.phones),
        Criterion::Email => set(&a.emails) != set(&b.emails),
        Criterion::Name => a.name_key != b.name_key,
        Criterion::NationalId => a.national_id != b.national_id,
        Criterion::Address => a.address_key != b.address_key,
        Criterion::Custom(k) => a.custom.get(k) != b.custom.get(k),
    }
}
