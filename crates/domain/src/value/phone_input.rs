//! Reading what people type as a phone number into digits, before any numbering-plan rule.

use super::{Country, ValueError, vn_legacy};

/// Longer inputs are not phone numbers (E.164 has at most 15 digits); this bounds the work.
const MAX_INPUT_CHARS: usize = 64;

/// The digits of a phone input, split by whether they were written with an international prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Dialled {
    /// Written with `+` or `00`: the digits start with a country calling code.
    International(String),
    /// Written as dialled inside a country: maybe a trunk prefix, maybe a bare country code.
    National(String),
}

/// Keeps the digits of `input` and notes a leading `+` or `00`. Spaces (any Unicode blank),
/// dots, dashes, slashes and parentheses are separators; anything else is an error.
pub(crate) fn read_dialled(input: &str) -> Result<Dialled, ValueError> {
    if input.chars().count() > MAX_INPUT_CHARS {
        return Err(invalid("too long"));
    }
    let mut digits = String::new();
    let mut plus = false;
    for c in input.chars() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if digits.is_empty() && !plus => plus = true,
            c if is_separator(c) => {}
            _ => {
                return Err(invalid(
                    "only digits, spaces, dots, dashes, parentheses and a leading + are allowed",
                ));
            }
        }
    }
    if digits.is_empty() {
        return Err(invalid("it has no digits"));
    }
    if plus {
        return Ok(Dialled::International(digits));
    }
    match digits.strip_prefix("00") {
        Some(rest) => Ok(Dialled::International(rest.to_owned())),
        None => Ok(Dialled::National(digits)),
    }
}

fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | '-' | '(' | ')' | '/' | '\u{2010}'..='\u{2015}' | '\u{2212}'
        )
}

/// Vietnamese fix-ups of digits that start with a country code: a trunk `0` written after `84`
/// (`+84 0912…`) is dropped, and an old 11-digit mobile is renumbered.
pub(crate) fn fix_international(digits: &str) -> String {
    let vn = Country::VN.calling_code().to_string();
    match digits.strip_prefix(vn.as_str()) {
        Some(nsn) => {
            let nsn = nsn.strip_prefix('0').unwrap_or(nsn);
            format!("{vn}{}", vn_legacy::renumber_nsn(nsn))
        }
        None => digits.to_owned(),
    }
}

/// The national digits with the trunk prefix of `country` taken off, if they start with it.
pub(crate) fn strip_trunk(digits: &str, country: Country) -> Option<&str> {
    country
        .trunk_prefix()
        .and_then(|trunk| digits.strip_prefix(trunk))
}

pub(crate) fn invalid(reason: &'static str) -> ValueError {
    ValueError::InvalidPhone { reason }
}

#[cfg(test)]
mod tests {
    use super::{Dialled, fix_international, read_dialled};

    #[test]
    fn reads_prefixes_and_separators() {
        let national = |d: &str| Ok(Dialled::National(d.to_owned()));
        let international = |d: &str| Ok(Dialled::International(d.to_owned()));
        assert_eq!(read_dialled("0912 345.678"), national("0912345678"));
        assert_eq!(
            read_dialled("(+84) 91-234-5678"),
            international("84912345678")
        );
        assert_eq!(read_dialled("0084 912345678"), international("84912345678"));
        assert_eq!(
            read_dialled("091\u{a0}234\u{2013}5678"),
            national("0912345678")
        );
        assert!(read_dialled("+84 +912").is_err());
        assert!(read_dialled("0912 345 67x").is_err());
        assert!(read_dialled(" - ").is_err());
    }

    #[test]
    fn fixes_vietnamese_international_digits() {
        assert_eq!(fix_international("840912345678"), "84912345678");
        assert_eq!(fix_international("841681234567"), "84381234567");
        assert_eq!(fix_international("14155552671"), "14155552671");
    }
}
