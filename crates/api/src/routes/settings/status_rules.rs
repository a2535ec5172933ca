//! What makes a status list valid: keys, labels, one default, and the statuses other features
//! rely on (opportunity outcomes; `converted` for leads and prospects).

use std::collections::HashSet;

use sen_api_types::settings::{StageOutcome, StatusInput};
use sen_domain::kind::RecordKind;
use sen_store::repo::statuses::NewStatus;

use super::rules;
use crate::error::ApiResult;
use crate::validate::Errors;

/// The status that converting a lead or prospect sets.
pub const CONVERTED: &str = "converted";

/// Checks a whole replacement list of `kind`, reporting every failure at once.
pub fn check(kind: RecordKind, items: &[StatusInput]) -> ApiResult<Vec<NewStatus>> {
    let mut errors = Errors::default();
    if items.is_empty() {
        errors.push("statuses", "required", "list at least one status");
    }
    rules::list_len(&mut errors, "statuses", items.len());
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, s) in items.iter().enumerate() {
        let at = format!("statuses[{i}]");
        let (label_vi, label_en) = rules::entry(
            &mut errors,
            &at,
            &mut seen,
            (&s.key, &s.label_vi, &s.label_en),
        );
        match (kind, s.outcome) {
            (RecordKind::Opportunity, None) => {
                errors.push(
                    &format!("{at}.outcome"),
                    "required",
                    "say open, won or lost",
                );
            }
            (RecordKind::Opportunity, Some(_)) | (_, None) => {}
            (_, Some(_)) => errors.push(
                &format!("{at}.outcome"),
                "not_allowed",
                "only opportunity stages have an outcome",
            ),
        }
        out.push(NewStatus {
            key: s.key.clone(),
            label_vi,
            label_en,
            is_default: s.is_default,
            outcome: s.outcome.map(|o| o.as_str().to_owned()),
        });
    }
    check_default(&mut errors, kind, items);
    check_required_statuses(&mut errors, kind, items);
    errors.finish()?;
    Ok(out)
}

/// Exactly one default, and one that new records may start in.
fn check_default(errors: &mut Errors, kind: RecordKind, items: &[StatusInput]) {
    let defaults: Vec<(usize, &StatusInput)> = items
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_default)
        .collect();
    match defaults.as_slice() {
        [] if items.is_empty() => {}
        [(i, s)] => {
            let closed = s.outcome.is_some_and(|o| o != StageOutcome::Open);
            if closed || (kind != RecordKind::Opportunity && s.key == CONVERTED) {
                errors.push(
                    &format!("statuses[{i}].is_default"),
                    "invalid_default",
                    "new records cannot start converted, won or lost",
                );
            }
        }
        _ => errors.push(
            "statuses",
            "invalid_default",
            &format!(
                "mark exactly one status as the default, not {}",
                defaults.len()
            ),
        ),
    }
}

/// Opportunities need an open, a won and a lost stage; conversion needs `converted`.
fn check_required_statuses(errors: &mut Errors, kind: RecordKind, items: &[StatusInput]) {
    match kind {
        RecordKind::Opportunity => {
            for outcome in [StageOutcome::Open, StageOutcome::Won, StageOutcome::Lost] {
                if !items.iter().any(|s| s.outcome == Some(outcome)) {
                    let name = outcome.as_str();
                    errors.push("statuses", "missing_stage", &format!("add a {name} stage"));
                }
            }
        }
        RecordKind::Lead | RecordKind::Prospect => {
            if !items.iter().any(|s| s.key == CONVERTED) {
                errors.push(
                    "statuses",
                    "missing_converted",
                    "keep a `converted` status: converting a record sets it",
                );
            }
        }
        RecordKind::Contact | RecordKind::Account => {}
    }
}
