//! `PersonName`: a trimmed, whitespace-collapsed, NFC name; and the Vietnamese display order.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::ValueError;

/// Longer "names" are pasted paragraphs, not names.
const MAX_NAME_CHARS: usize = 200;

/// A person's (or an organisation's) name, or one part of it: first or last name.
///
/// Normalised by [`normalise_text`]: Unicode NFC, so `Nguyễn` typed with combining marks
/// equals the precomposed one; every run of blanks (tabs, non-breaking spaces, line breaks)
/// is one space; no blanks at either end. It serialises as that string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonName(String);

impl PersonName {
    /// Parses a required name: blank input is [`ValueError::Required`].
    pub fn parse(input: &str) -> Result<PersonName, ValueError> {
        PersonName::parse_optional(input)?.ok_or(ValueError::Required)
    }

    /// Parses an optional name: blank input is `None`.
    pub fn parse_optional(input: &str) -> Result<Option<PersonName>, ValueError> {
        if input.chars().any(|c| c.is_control() && !c.is_whitespace()) {
            return Err(ValueError::InvalidName {
                reason: "it contains control characters",
            });
        }
        let name = normalise_text(input);
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(ValueError::InvalidName {
                reason: "it is longer than 200 characters",
            });
        }
        Ok((!name.is_empty()).then_some(PersonName(name)))
    }

    /// The normalised name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// NFC, blanks collapsed to single spaces, trimmed; zero-width characters removed.
pub fn normalise_text(input: &str) -> String {
    // Text already in NFC (ASCII, and Vietnamese as keyboards type it) is read as it is: the
    // quick check is a table lookup a character, composing runs the whole text through a
    // decomposing and recomposing iterator.
    let nfc: std::borrow::Cow<'_, str> =
        if input.is_ascii() || is_nfc_quick(input.chars()) == IsNormalized::Yes {
            std::borrow::Cow::Borrowed(input)
        } else {
            std::borrow::Cow::Owned(input.nfc().collect())
        };
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for c in nfc.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if !is_invisible(c) {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Zero-width characters that paste in from web pages and chat apps.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// A person's name for display, in Vietnamese order: last name, then first name
/// (`display_name("Nguyễn", "Văn An")` is `Nguyễn Văn An`). Blank parts are skipped.
pub fn display_name(last: &str, first: &str) -> String {
    let last = normalise_text(last);
    let first = normalise_text(first);
    match (last.is_empty(), first.is_empty()) {
        (true, _) => first,
        (false, true) => last,
        (false, false) => format!("{last} {first}"),
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for PersonName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for PersonName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let input = String::deserialize(deserializer)?;
        PersonName::parse(&input).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::{PersonName, display_name};

    #[test]
    fn optional_names_may_be_blank() {
        assert_eq!(PersonName::parse_optional(" \t ").unwrap(), None);
        assert_eq!(
            PersonName::parse_optional(" Lê ")
                .unwrap()
                .unwrap()
                .as_str(),
            "Lê"
        );
        assert_eq!(PersonName::parse("\u{a0}").unwrap_err().code(), "required");
    }

    #[test]
    fn display_order_is_last_then_first() {
        assert_eq!(display_name("Nguyễn", "Văn An"), "Nguyễn Văn An");
        assert_eq!(display_name("  ", "An"), "An");
        assert_eq!(display_name("Nguyễn", ""), "Nguyễn");
        assert_eq!(display_name("", ""), "");
    }
}
