//! Duplicate criteria (PRODUCT §4): which normalised values two records must share to be
//! taken for the same customer, and the keys those values fold to.

use std::fmt;

use crate::value::search_key;

/// At most this many criteria in one set (`[name, phone, email, …]`).
pub const MAX_CRITERIA: usize = 5;

/// One value two records are compared on, always in normalised form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Criterion {
    /// One of the phones (E.164).
    Phone,
    /// One of the e-mail addresses (lower-case).
    Email,
    /// The name, folded (case, diacritics and spacing ignored).
    Name,
    /// The national id, letters and digits only, upper-case.
    NationalId,
    /// The first address, folded.
    Address,
    /// A custom field's value (`custom.<key>`), folded.
    Custom(String),
}

/// Why a criterion could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CriterionError {
    /// Not a criterion name.
    #[error(
        "unknown criterion {0:?}; use phone, email, name, national_id, address or custom.<key>"
    )]
    Unknown(String),
    /// An empty set.
    #[error("a criteria set needs at least one criterion")]
    Empty,
    /// Too many in one set.
    #[error("a criteria set holds at most {MAX_CRITERIA} criteria")]
    TooMany,
    /// The same criterion twice.
    #[error("{0} appears twice in one criteria set")]
    Repeated(String),
}

impl Criterion {
    /// Reads `phone`, `email`, `name`, `national_id`, `address` or `custom.<key>`.
    pub fn parse(text: &str) -> Result<Criterion, CriterionError> {
        let t = text.trim();
        Ok(match t {
            "phone" | "phones" => Criterion::Phone,
            "email" | "emails" => Criterion::Email,
            "name" => Criterion::Name,
            "national_id" => Criterion::NationalId,
            "address" | "addresses" => Criterion::Address,
            _ => match t.strip_prefix("custom.") {
                Some(key) if is_key(key) => Criterion::Custom(key.to_owned()),
                _ => return Err(CriterionError::Unknown(t.to_owned())),
            },
        })
    }

    /// Reads a set: unique criteria, 1 to `MAX_CRITERIA`, sorted.
    pub fn parse_set<S: AsRef<str>>(items: &[S]) -> Result<Vec<Criterion>, CriterionError> {
        if items.is_empty() {
            return Err(CriterionError::Empty);
        }
        if items.len() > MAX_CRITERIA {
            return Err(CriterionError::TooMany);
        }
        let mut set = Vec::with_capacity(items.len());
        for item in items {
            let c = Criterion::parse(item.as_ref())?;
            if set.contains(&c) {
                return Err(CriterionError::Repeated(c.to_string()));
            }
            set.push(c);
        }
        set.sort();
        Ok(set)
    }

    /// The record field a criterion reads (for errors next to the field).
    pub fn field(&self) -> String {
        match self {
            Criterion::Phone => "phones".into(),
            Criterion::Email => "emails".into(),
            Criterion::Name => "name".into(),
            Criterion::NationalId => "national_id".into(),
            Criterion::Address => "addresses".into(),
            Criterion::Custom(key) => format!("custom.{key}"),
        }
    }
}

impl fmt::Display for Criterion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Criterion::Phone => f.write_str("phone"),
            Criterion::Email => f.write_str("email"),
            Criterion::Name => f.write_str("name"),
            Criterion::NationalId => f.write_str("national_id"),
            Criterion::Address => f.write_str("address"),
            Criterion::Custom(key) => write!(f, "custom.{key}"),
        }
    }
}

/// A custom field key: lower-case ASCII letters, digits and `_`.
fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 64
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The key two names share when they are the same name: folded, words in order.
pub fn name_key(name: &str) -> String {
    search_key(name)
}

/// The key of a national id: letters and digits only, upper-case; empty when none.
pub fn national_id_key(id: &str) -> String {
    id.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The key of an address given as its parts (street, ward, district, city, …): the folded
/// text of the non-empty parts; empty when every part is.
pub fn address_key<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let joined: Vec<&str> = parts.into_iter().filter(|p| !p.trim().is_empty()).collect();
    search_key(&joined.join(" "))
}

/// The key of a custom value as text: folded; JSON strings without their quotes.
pub fn custom_key(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => search_key(s),
        serde_json::Value::Array(items) if items.is_empty() => String::new(),
        other => search_key(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_parse_and_sort() {
        let set = Criterion::parse_set(&["phone", "name"]).unwrap();
        assert_eq!(set, vec![Criterion::Phone, Criterion::Name]);
        assert_eq!(
            Criterion::parse("custom.ma_so_thue").unwrap(),
            Criterion::Custom("ma_so_thue".into())
        );
        assert_eq!(Criterion::Custom("k".into()).to_string(), "custom.k");
    }

    #[test]
    fn bad_sets_are_refused() {
        assert_eq!(
            Criterion::parse_set::<&str>(&[]),
            Err(CriterionError::Empty)
        );
        assert!(matches!(
            Criterion::parse_set(&["phone", "phones"]),
            Err(CriterionError::Repeated(_))
        ));
        assert!(matches!(
            Criterion::parse("birthday"),
            Err(CriterionError::Unknown(_))
        ));
        assert!(matches!(
            Criterion::parse("custom.Bad Key"),
            Err(CriterionError::Unknown(_))
        ));
        let six = [
            "phone",
            "email",
            "name",
            "national_id",
            "address",
            "custom.a",
        ];
        assert_eq!(Criterion::parse_set(&six), Err(CriterionError::TooMany));
    }

    #[test]
    fn keys_fold() {
        assert_eq!(name_key("  Nguyễn  Văn Đạt "), "nguyen van dat");
        assert_eq!(national_id_key("0791 2345-678a"), "07912345678A");
        assert_eq!(
            address_key(["12 Lý Thái Tổ", "", "Hoàn Kiếm", "Hà Nội"]),
            "12 ly thai to hoan kiem ha noi"
        );
        assert_eq!(address_key(["", " "]), "");
        assert_eq!(custom_key(&serde_json::json!("ABC-1")), "abc 1");
        assert_eq!(custom_key(&serde_json::json!(12)), "12");
        assert_eq!(custom_key(&serde_json::Value::Null), "");
    }
}
