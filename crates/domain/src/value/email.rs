//! `Email`: a syntactically valid e-mail address, stored lower-case.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use unicode_normalization::UnicodeNormalization;

use super::ValueError;

/// RFC 5321's limits: 64 octets of local part, 254 of path, 63 per domain label.
const MAX_LOCAL: usize = 64;
const MAX_ADDRESS: usize = 254;
const MAX_LABEL: usize = 63;

/// A valid e-mail address, trimmed and lower-cased (`An.Nguyen@Example.VN` is
/// `an.nguyen@example.vn`). It serialises as that string.
///
/// The check is syntactic (no DNS): `local@domain`, an unquoted ASCII local part, a domain of
/// at least two labels with a non-numeric last label. Quoted local parts and IP-literal domains
/// are refused: in a CRM they are typos far more often than real addresses.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email(String);

impl Email {
    /// Parses an address as typed: surrounding blanks are dropped, case is folded.
    pub fn parse(input: &str) -> Result<Email, ValueError> {
        let address: String = input.trim().to_lowercase().nfc().collect();
        if address.is_empty() {
            return Err(invalid("it is empty"));
        }
        if address.len() > MAX_ADDRESS {
            return Err(invalid("it is too long"));
        }
        let Some((local, domain)) = address.rsplit_once('@') else {
            return Err(invalid("it has no @"));
        };
        check_local(local)?;
        check_domain(domain)?;
        Ok(Email(address))
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after the `@`.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, domain)| domain)
    }
}

fn check_local(local: &str) -> Result<(), ValueError> {
    if local.is_empty() {
        return Err(invalid("nothing comes before the @"));
    }
    if local.len() > MAX_LOCAL {
        return Err(invalid("the part before the @ is too long"));
    }
    if !local.chars().all(is_atext_or_dot) {
        return Err(invalid(
            "the part before the @ has a character that is not allowed",
        ));
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(invalid("the part before the @ has a misplaced dot"));
    }
    Ok(())
}

/// RFC 5322 `atext` plus the dot; `@` appears here when there are two of them.
fn is_atext_or_dot(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c)
}

fn check_domain(domain: &str) -> Result<(), ValueError> {
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Err(invalid("the domain has no dot"));
    }
    for label in &labels {
        let well_formed = !label.is_empty()
            && label.chars().count() <= MAX_LABEL
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !well_formed {
            return Err(invalid("the domain is not well formed"));
        }
    }
    if labels
        .last()
        .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(invalid("the domain is not well formed"));
    }
    Ok(())
}

fn invalid(reason: &'static str) -> ValueError {
    ValueError::InvalidEmail { reason }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Email {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Email {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let input = String::deserialize(deserializer)?;
        Email::parse(&input).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::Email;

    #[test]
    fn folds_case_and_trims() {
        let email = Email::parse("  An.Nguyen@Example.VN ").unwrap();
        assert_eq!(email.as_str(), "an.nguyen@example.vn");
        assert_eq!(email.domain(), "example.vn");
    }

    #[test]
    fn explains_what_is_wrong() {
        let reason = |input: &str| Email::parse(input).unwrap_err().to_string();
        assert_eq!(reason("an"), "Not a valid e-mail address: it has no @.");
        assert_eq!(
            reason("an@example"),
            "Not a valid e-mail address: the domain has no dot."
        );
    }
}
