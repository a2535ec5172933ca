//! Phone search: any spelling of a whole number or a fragment, matched against stored E.164.

use super::phone_input::{Dialled, fix_international, read_dialled, strip_trunk};
use super::{Country, Phone, vn_legacy};

/// What a phone search fragment asks for, in terms of stored E.164 values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneQuery {
    /// The fragment is the start of a number (written with a `+`, `00` or trunk `0`, or an old
    /// Vietnamese mobile): stored values that start with this E.164 prefix, e.g. `+84912`.
    Prefix(String),
    /// Bare digits from anywhere in a number: stored values that contain them.
    Digits(String),
}

impl PhoneQuery {
    /// Reads a search fragment typed by a user in `country`. `0381234567`, `+84 381 234 567`
    /// and `0168 123 4567` all become `Prefix("+84381234567")`; `0912 34` becomes
    /// `Prefix("+8491234")`; `345 678` becomes `Digits("345678")`. A leading `0` is read as the
    /// trunk prefix, so `0345` looks for numbers starting `+84345`, not for `0345` anywhere.
    /// `None` when the fragment is not phone-like (letters, no digits).
    pub fn parse(fragment: &str, country: Country) -> Option<PhoneQuery> {
        let dialled = read_dialled(fragment.trim()).ok()?;
        let whole = Phone::parse(fragment, country)
            .ok()
            .map(|phone| phone.as_e164().to_owned());
        let query = match dialled {
            // No calling code starts with 0: `000123` is digits from the middle of a number.
            Dialled::International(digits) if digits.is_empty() || digits.starts_with('0') => {
                if fragment.contains('+') {
                    return None;
                }
                PhoneQuery::Digits(format!("00{digits}"))
            }
            Dialled::International(digits) => PhoneQuery::Prefix(
                whole.unwrap_or_else(|| format!("+{}", fix_international_fragment(&digits))),
            ),
            Dialled::National(digits) => match strip_trunk(&digits, country) {
                Some(nsn) => PhoneQuery::Prefix(whole.unwrap_or_else(|| {
                    let nsn = if country == Country::VN {
                        vn_legacy::renumber_prefix(nsn)
                    } else {
                        nsn.to_owned()
                    };
                    format!("+{}{nsn}", country.calling_code())
                })),
                // Bare digits may be a whole number (`912345678`, its 0 left out) or the middle
                // of a longer one (`69000000` is both): look for them anywhere, unless they
                // only find their number once renumbered (`1681234567`).
                None => match whole {
                    Some(e164) if !e164.contains(digits.as_str()) => PhoneQuery::Prefix(e164),
                    _ => PhoneQuery::Digits(digits),
                },
            },
        };
        Some(query)
    }

    /// Whether a stored E.164 value matches.
    pub fn matches(&self, e164: &str) -> bool {
        match self {
            PhoneQuery::Prefix(prefix) => e164.starts_with(prefix.as_str()),
            PhoneQuery::Digits(digits) => e164.contains(digits.as_str()),
        }
    }
}

/// Like [`fix_international`], but for the start of a number: the old prefix is renumbered
/// however many digits follow it.
fn fix_international_fragment(digits: &str) -> String {
    let vn = Country::VN.calling_code().to_string();
    match digits.strip_prefix(vn.as_str()) {
        Some(nsn) => {
            let nsn = nsn.strip_prefix('0').unwrap_or(nsn);
            format!("{vn}{}", vn_legacy::renumber_prefix(nsn))
        }
        None => fix_international(digits),
    }
}

#[cfg(test)]
mod tests {
    use super::{Country, PhoneQuery};

    fn query(fragment: &str) -> Option<PhoneQuery> {
        PhoneQuery::parse(fragment, Country::VN)
    }

    #[test]
    fn whole_numbers_in_any_spelling_find_the_stored_number() {
        for fragment in [
            "0381234567",
            "+84 381 234 567",
            "0168 123 4567",
            "1681234567",
        ] {
            let q = query(fragment).unwrap();
            assert_eq!(q, PhoneQuery::Prefix("+84381234567".into()), "{fragment}");
        }
        for fragment in ["84381234567", "381234567"] {
            let q = query(fragment).unwrap();
            assert_eq!(q, PhoneQuery::Digits(fragment.into()), "{fragment}");
            assert!(q.matches("+84381234567"));
        }
        // A whole (short) number is also the middle of longer ones.
        assert!(query("69000000").unwrap().matches("+84569000000"));
    }

    #[test]
    fn fragments_match_starts_or_middles() {
        assert_eq!(
            query("0912 34"),
            Some(PhoneQuery::Prefix("+8491234".into()))
        );
        assert_eq!(
            query("+84 168 12"),
            Some(PhoneQuery::Prefix("+843812".into()))
        );
        assert_eq!(query("0168"), Some(PhoneQuery::Prefix("+8438".into())));
        assert_eq!(query("0084 91"), Some(PhoneQuery::Prefix("+8491".into())));
        assert_eq!(query("345 678"), Some(PhoneQuery::Digits("345678".into())));
        assert_eq!(query("000 123"), Some(PhoneQuery::Digits("000123".into())));
        assert_eq!(query("+0"), None);
        assert!(query("345 678").unwrap().matches("+84912345678"));
        assert!(!query("0913").unwrap().matches("+84912345678"));
        assert_eq!(query("Nguyễn"), None);
        assert_eq!(query(""), None);
    }
}
