//! Parsing single input fields into their stored form, collecting field errors.

use rust_decimal::Decimal;
use sen_domain::value::{normalise_text, parse_date};
use sen_store::ConnectionTrait;
use uuid::Uuid;

use super::lookups::Lookups;
use crate::error::ApiResult;
use crate::validate::Errors;

/// Trimmed, whitespace-collapsed optional text of at most `max` characters; blank is none.
pub fn opt_text(e: &mut Errors, field: &str, value: Option<String>, max: usize) -> Option<String> {
    let clean = normalise_text(value.as_deref().unwrap_or(""));
    if clean.chars().count() > max {
        e.push(field, "too_long", &format!("use at most {max} characters"));
    }
    (!clean.is_empty()).then_some(clean)
}

/// Free text keeping its line breaks (notes), at most `max` characters; blank is none.
pub fn opt_long_text(
    e: &mut Errors,
    field: &str,
    value: Option<String>,
    max: usize,
) -> Option<String> {
    let clean = value.unwrap_or_default().trim().to_owned();
    if clean.chars().count() > max {
        e.push(field, "too_long", &format!("use at most {max} characters"));
    }
    (!clean.is_empty()).then_some(clean)
}

/// A date in any accepted spelling, as a calendar date.
pub fn opt_date(e: &mut Errors, field: &str, value: Option<String>) -> Option<chrono::NaiveDate> {
    let text = value.filter(|v| !v.trim().is_empty())?;
    match parse_date(&text) {
        Ok(d) => chrono::NaiveDate::from_ymd_opt(
            i32::from(d.year()),
            u32::from(d.month()),
            u32::from(d.day()),
        ),
        Err(err) => {
            e.push(field, err.code(), &err.to_string());
            None
        }
    }
}

/// One of a fixed set of words.
pub fn opt_word(
    e: &mut Errors,
    field: &str,
    value: Option<String>,
    allowed: &[&str],
) -> Option<String> {
    let v = value
        .map(|v| v.trim().to_lowercase())
        .filter(|v| !v.is_empty())?;
    if allowed.contains(&v.as_str()) {
        Some(v)
    } else {
        e.push(
            field,
            "invalid_option",
            &format!("use one of: {}", allowed.join(", ")),
        );
        None
    }
}

/// A key of the workspace's picklist `list`.
pub async fn opt_pick(
    db: &impl ConnectionTrait,
    ws: Uuid,
    lookups: &Lookups,
    e: &mut Errors,
    field: &str,
    list: &str,
    value: Option<String>,
) -> ApiResult<Option<String>> {
    let Some(key) = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if lookups.has_pick(db, ws, list, &key).await? {
        Ok(Some(key))
    } else {
        e.push(
            field,
            "invalid_option",
            &format!("{key:?} is not a value of the {list} list"),
        );
        Ok(None)
    }
}

/// A non-negative decimal amount, kept exactly, with at least two decimals.
pub fn opt_amount(e: &mut Errors, value: Option<String>) -> Option<String> {
    let text = value
        .map(|v| v.trim().replace([' ', '_'], ""))
        .filter(|v| !v.is_empty())?;
    let plain = text.strip_prefix('-').unwrap_or(&text);
    let parsed = if plain.chars().all(|c| c.is_ascii_digit() || c == '.') {
        text.parse::<Decimal>()
    } else {
        Err(rust_decimal::Error::ConversionTo("decimal".into()))
    };
    match parsed {
        Ok(d) if d.is_sign_negative() => {
            e.push("amount", "out_of_range", "the amount cannot be negative");
            None
        }
        Ok(d) if d.scale() > 4 => {
            e.push("amount", "invalid_amount", "use at most 4 decimals");
            None
        }
        Ok(mut d) => {
            if d.scale() < 2 {
                d.rescale(2);
            }
            Some(d.to_string())
        }
        Err(_) => {
            e.push(
                "amount",
                "invalid_amount",
                "write the amount as a decimal number, e.g. 15000000.00",
            );
            None
        }
    }
}

/// An ISO 4217 currency code.
pub fn opt_currency(e: &mut Errors, value: Option<String>) -> Option<String> {
    let v = value
        .map(|v| v.trim().to_uppercase())
        .filter(|v| !v.is_empty())?;
    if v.len() == 3 && v.chars().all(|c| c.is_ascii_uppercase()) {
        Some(v)
    } else {
        e.push(
            "currency",
            "invalid_currency",
            "use a three-letter ISO code such as VND or USD",
        );
        None
    }
}
