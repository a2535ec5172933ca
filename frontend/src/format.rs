//! Numbers and times as each language writes them.

use chrono::{DateTime, Utc};
use wasm_bindgen::JsValue;

use crate::i18n::Lang;

/// `12345` → `12.345` (vi) or `12,345` (en).
pub fn count(lang: Lang, n: u64) -> String {
    let sep = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A list total: exact, or `10.001+` when the server only knows a lower bound, or `~52.000`
/// when it is the database's estimate.
pub fn total(lang: Lang, n: u64, estimate: bool) -> String {
    match (estimate, n) {
        (false, _) => count(lang, n),
        (true, 10_001) => format!("{}+", count(lang, 10_000)),
        (true, _) => format!("~{}", count(lang, n)),
    }
}

fn js_date(t: &DateTime<Utc>) -> js_sys::Date {
    js_sys::Date::new(&JsValue::from_f64(t.timestamp_millis() as f64))
}

fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "vi-VN",
        Lang::En => "en-GB",
    }
}

/// Date and time in the browser's time zone.
pub fn datetime(lang: Lang, t: &DateTime<Utc>) -> String {
    String::from(js_date(t).to_locale_string(locale(lang), &JsValue::UNDEFINED))
}

/// Date only, in the browser's time zone.
pub fn date(lang: Lang, t: &DateTime<Utc>) -> String {
    String::from(js_date(t).to_locale_date_string(locale(lang), &JsValue::UNDEFINED))
}

/// A `YYYY-MM-DD` day from a date input, as the instant its local midnight starts;
/// `next_day` gives the midnight that ends it (for an inclusive "to" bound).
pub fn local_day_start(day: &str, next_day: bool) -> Option<DateTime<Utc>> {
    let d = js_sys::Date::new(&JsValue::from_str(&format!("{day}T00:00:00")));
    let mut ms = d.get_time();
    if ms.is_nan() {
        return None;
    }
    if next_day {
        d.set_date(d.get_date() + 1);
        ms = d.get_time();
    }
    DateTime::from_timestamp_millis(ms as i64)
}

/// A stored E.164 number as people write it: Vietnamese numbers in national form
/// (`+84912345678` → `0912 345 678`), others as stored.
pub fn phone(e164: &str) -> String {
    let Some(national) = e164.strip_prefix("+84") else {
        return e164.to_owned();
    };
    let digits = format!("0{national}");
    if digits.len() != 10 {
        return digits;
    }
    format!("{} {} {}", &digits[..4], &digits[4..7], &digits[7..])
}

/// A decimal amount (`"165000000.00"`) with its currency: `165.000.000 VND` (vi),
/// `165,000,000 VND` (en); cents shown only when there are some.
pub fn money(lang: Lang, amount: &str, currency: &str) -> String {
    let (neg, digits) = match amount.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, amount),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let grouped = int
        .parse::<u64>()
        .map_or_else(|_| int.to_owned(), |n| count(lang, n));
    let frac = frac.trim_end_matches('0');
    let dec = match lang {
        Lang::Vi => ',',
        Lang::En => '.',
    };
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push(dec);
        out.push_str(frac);
    }
    if !currency.is_empty() {
        out.push(' ');
        out.push_str(currency);
    }
    out
}
