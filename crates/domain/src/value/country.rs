//! `Country`: an ISO 3166 alpha-2 code that has a telephone numbering plan; a workspace's default.

use std::fmt;
use std::str::FromStr;

use phonenumber::country::Id;
use phonenumber::metadata::DATABASE;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ValueError;

/// A country, as its ISO 3166 alpha-2 code (`VN`), known to the phone numbering metadata.
///
/// Phone numbers written without an international prefix are read in a workspace's default
/// country, which is Vietnam unless the workspace says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Country {
    id: Id,
    calling_code: u16,
}

impl Country {
    /// Vietnam, the default.
    pub const VN: Country = Country {
        id: Id::VN,
        calling_code: 84,
    };

    /// Parses a two-letter code, in any case and with surrounding blanks (`" vn "` is VN).
    pub fn parse(code: &str) -> Result<Country, ValueError> {
        let code = code.trim();
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(ValueError::InvalidCountry);
        }
        let id =
            Id::from_str(&code.to_ascii_uppercase()).map_err(|_| ValueError::InvalidCountry)?;
        Country::from_id(id).ok_or(ValueError::InvalidCountry)
    }

    /// The country of a metadata id, when the metadata has a numbering plan for it.
    pub(crate) fn from_id(id: Id) -> Option<Country> {
        let meta = DATABASE.by_id(id.as_ref())?;
        Some(Country {
            id,
            calling_code: meta.country_code(),
        })
    }

    /// The upper-case two-letter code, e.g. `VN`.
    pub fn as_str(&self) -> &str {
        self.id.as_ref()
    }

    /// The international calling code, e.g. 84 for Vietnam.
    pub fn calling_code(self) -> u16 {
        self.calling_code
    }

    /// The prefix dialled before a national number inside the country (`0` in Vietnam), if any.
    pub(crate) fn trunk_prefix(self) -> Option<&'static str> {
        DATABASE
            .by_id(self.id.as_ref())
            .and_then(|meta| meta.national_prefix())
    }

    pub(crate) fn id(self) -> Id {
        self.id
    }
}

impl Default for Country {
    fn default() -> Self {
        Country::VN
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Country {
    type Err = ValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Country::parse(s)
    }
}

impl Serialize for Country {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Country {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Country::parse(&code).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::Country;

    #[test]
    fn parses_codes_in_any_case() {
        assert_eq!(Country::parse(" vn ").unwrap(), Country::VN);
        assert_eq!(Country::parse("US").unwrap().calling_code(), 1);
        assert_eq!(Country::parse("gb").unwrap().as_str(), "GB");
        assert_eq!(Country::default(), Country::VN);
        assert_eq!(Country::VN.trunk_prefix(), Some("0"));
    }

    #[test]
    fn the_vn_constant_matches_the_metadata() {
        assert_eq!(Country::from_id(Country::VN.id()), Some(Country::VN));
    }

    #[test]
    fn rejects_unknown_codes() {
        for code in ["", "V", "VNM", "ZZ", "1A", "84", "việt"] {
            assert!(Country::parse(code).is_err(), "{code}");
        }
    }
}
