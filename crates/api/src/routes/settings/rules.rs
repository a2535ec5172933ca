//! Checks shared by the settings routes: keys, labels, choice lists and the kind in a path.

use std::collections::HashSet;

use sen_api_types::settings::Choice;
use sen_domain::kind::RecordKind;
use sen_store::repo::picklists;

use crate::error::{ApiError, ApiResult};
use crate::validate::Errors;

/// The longest label, in characters.
pub const LABEL_MAX: usize = 100;
/// The most entries a status list, picklist or option list may have.
pub const LIST_MAX: usize = 500;

/// The record kind named by a path's plural (`leads`); anything else is a 404.
pub fn kind_of(plural: &str) -> ApiResult<RecordKind> {
    RecordKind::parse_plural(plural).ok_or_else(|| ApiError::not_found("record kind"))
}

/// Whether `key` matches `^[a-z][a-z0-9_]{0,39}$`.
pub fn is_key(key: &str) -> bool {
    let mut bytes = key.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_lowercase())
        && key.len() <= 40
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Reports `key` at `field` unless it is a valid key.
pub fn key(errors: &mut Errors, field: &str, key: &str) {
    if !is_key(key) {
        errors.push(
            field,
            "invalid_key",
            "use a lower-case letter, then up to 39 lower-case letters, digits or _",
        );
    }
}

/// Reports a list longer than [`LIST_MAX`] at `field`.
pub fn list_len(errors: &mut Errors, field: &str, len: usize) {
    if len > LIST_MAX {
        errors.push(
            field,
            "too_many",
            &format!("list at most {LIST_MAX} entries"),
        );
    }
}

/// Checks one entry's key (also unique among `seen`) and labels; returns the clean labels.
pub fn entry(
    errors: &mut Errors,
    at: &str,
    seen: &mut HashSet<String>,
    (k, vi, en): (&str, &str, &str),
) -> (String, String) {
    key(errors, &format!("{at}.key"), k);
    if !seen.insert(k.to_owned()) {
        errors.push(
            &format!("{at}.key"),
            "duplicate_value",
            "this key is listed twice",
        );
    }
    let vi = errors.text(&format!("{at}.label_vi"), vi, LABEL_MAX);
    let en = errors.text(&format!("{at}.label_en"), en, LABEL_MAX);
    (vi, en)
}

/// Checks a choice list (picklist values, field options) reported under `field`.
pub fn choices(errors: &mut Errors, field: &str, items: &[Choice]) -> Vec<picklists::Choice> {
    list_len(errors, field, items.len());
    let mut seen = HashSet::new();
    items
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let at = format!("{field}[{i}]");
            let (label_vi, label_en) =
                entry(errors, &at, &mut seen, (&c.key, &c.label_vi, &c.label_en));
            picklists::Choice {
                key: c.key.clone(),
                label_vi,
                label_en,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::is_key;

    #[test]
    fn keys_are_short_lower_snake_case() {
        for good in ["a", "new", "trade_show", "q3_2026", &"k".repeat(40)] {
            assert!(is_key(good), "{good}");
        }
        for bad in [
            "",
            "New",
            "1st",
            "_x",
            "trade-show",
            "hội",
            "a b",
            &"k".repeat(41),
        ] {
            assert!(!is_key(bad), "{bad}");
        }
    }
}
