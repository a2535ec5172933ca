//! `Phone`: a telephone number that exists in its country's plan, stored as E.164.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use phonenumber::Mode;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::phone_input::{Dialled, read_dialled};
use super::phone_plan::Valid;
use super::{Country, ValueError, phone_fast, phone_plan, vn_legacy};

/// A valid phone number. Holding one means it parsed and is normalised.
///
/// Two spellings of one number (`0912 345 678`, `+84 912345678`) are equal `Phone`s.
/// It serialises as its E.164 form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone {
    e164: String,
    national: String,
    country: Option<Country>,
}

/// A number the shortcut for Vietnamese numbers read.
impl From<phone_fast::Read> for Phone {
    fn from(r: phone_fast::Read) -> Phone {
        Phone {
            e164: r.e164,
            national: r.national,
            country: r.country,
        }
    }
}

impl Phone {
    /// Parses a number as people write it. Without a `+` or `00` prefix it is read as dialled
    /// in `default_country`; a bare country code (`84912345678`) is recognised too.
    /// Vietnamese 11-digit mobiles from before 2018 (`0168 123 4567`) are renumbered to today's
    /// (`+84381234567`), whichever way they are written.
    pub fn parse(input: &str, default_country: Country) -> Result<Phone, ValueError> {
        let dialled = read_dialled(input.trim())?;
        match phone_fast::read(&dialled, default_country) {
            Some(read) => Ok(Phone::from(read)),
            None => Phone::parse_by_metadata(dialled, default_country),
        }
    }

    /// [`Phone::parse`] by the metadata crate's parser and formatter alone, without the
    /// shortcut for Vietnamese numbers (`phone_fast`).
    fn parse_by_metadata(dialled: Dialled, default_country: Country) -> Result<Phone, ValueError> {
        let valid = match dialled {
            Dialled::International(digits) => phone_plan::parse_international(&digits)?,
            Dialled::National(digits) => phone_plan::parse_national(&digits, default_country)?,
        };
        Ok(Phone::from_valid(&valid))
    }

    fn from_valid(Valid { number, country }: &Valid) -> Phone {
        let national: String = number
            .format()
            .mode(Mode::National)
            .to_string()
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        Phone {
            e164: number.format().mode(Mode::E164).to_string(),
            national,
            country: *country,
        }
    }

    /// The stored form, E.164: `+84912345678`.
    pub fn as_e164(&self) -> &str {
        &self.e164
    }

    /// The number as dialled inside its own country, digits only: `0912345678`.
    pub fn national(&self) -> &str {
        &self.national
    }

    /// The international form, grouped for reading: `+84 912 345 678`. Formatted when asked
    /// (only a number shown abroad needs it): formatting goes through the metadata's shared
    /// pattern cache, a third of what reading a number cost when every parse did it.
    pub fn international(&self) -> String {
        phonenumber::parse(None, &self.e164).map_or_else(
            |_| self.e164.clone(),
            |n| n.format().mode(Mode::International).to_string(),
        )
    }

    /// The country the number belongs to, when its calling code's plan names one.
    pub fn country(&self) -> Option<Country> {
        self.country
    }

    /// How to show the number to a user in `home`: national digits for a number of that
    /// country, the international form for any other.
    pub fn display_for(&self, home: Country) -> Cow<'_, str> {
        if self.country == Some(home) {
            Cow::Borrowed(&self.national)
        } else {
            Cow::Owned(self.international())
        }
    }

    /// The digit strings a plain text search may find this number by: the E.164 digits
    /// (`84381234567`), the national form (`0381234567`) and, for a renumbered Vietnamese
    /// mobile, its old national form (`01681234567`).
    pub fn search_variants(&self) -> Vec<String> {
        let digits = self.e164.trim_start_matches('+');
        let mut variants = vec![digits.to_owned(), self.national.clone()];
        let vn = Country::VN.calling_code().to_string();
        if let Some(old) = digits
            .strip_prefix(vn.as_str())
            .and_then(vn_legacy::old_nsn)
        {
            variants.push(format!("0{old}"));
        }
        variants
    }
}

/// Ordered by E.164, so lists of phones sort the same way everywhere.
impl Ord for Phone {
    fn cmp(&self, other: &Self) -> Ordering {
        self.e164.cmp(&other.e164)
    }
}

impl PartialOrd for Phone {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.e164)
    }
}

impl Serialize for Phone {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.e164)
    }
}

/// Reads any spelling, in the default country (Vietnam); stored values are E.164 and so
/// independent of it.
impl<'de> Deserialize<'de> for Phone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let input = String::deserialize(deserializer)?;
        Phone::parse(&input, Country::default()).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::{Country, Phone};

    fn vn(input: &str) -> Phone {
        Phone::parse(input, Country::VN).unwrap()
    }

    #[test]
    fn gives_every_form() {
        let phone = vn("0912.345.678");
        assert_eq!(phone.as_e164(), "+84912345678");
        assert_eq!(phone.national(), "0912345678");
        assert_eq!(phone.international(), "+84 912 345 678");
        assert_eq!(phone.country(), Some(Country::VN));
        assert_eq!(phone.display_for(Country::VN), "0912345678");
        assert_eq!(phone.to_string(), "+84912345678");
    }

    #[test]
    fn shows_foreign_numbers_internationally() {
        let phone = vn("+1 415 555 2671");
        assert_eq!(phone.display_for(Country::VN), "+1 415-555-2671");
        assert_eq!(
            phone.display_for(Country::parse("US").unwrap()),
            "4155552671"
        );
    }

    #[test]
    fn lists_search_variants() {
        assert_eq!(
            vn("0381234567").search_variants(),
            ["84381234567", "0381234567", "01681234567"]
        );
        assert_eq!(
            vn("0912345678").search_variants(),
            ["84912345678", "0912345678"]
        );
    }

    #[test]
    fn reads_numbers_in_another_default_country() {
        let us = Country::parse("US").unwrap();
        assert_eq!(
            Phone::parse("(415) 555-2671", us).unwrap().as_e164(),
            "+14155552671"
        );
        assert_eq!(
            Phone::parse("1 415 555 2671", us).unwrap().as_e164(),
            "+14155552671"
        );
        assert_eq!(Phone::parse("0912345678", us).ok(), None);
        // Old Vietnamese numbers are only renumbered when they are recognisably Vietnamese.
        assert_eq!(
            Phone::parse("+84 168 123 4567", us).unwrap().as_e164(),
            "+84381234567"
        );
    }

    /// The shortcut for Vietnamese numbers reads exactly what the metadata crate reads, or
    /// leaves the number to it: over generated national significant numbers of every length
    /// and leading digits, each written five ways, and the plan's own example numbers.
    #[test]
    fn the_shortcut_reads_as_the_metadata_crate_does() {
        use super::super::phone_fast;
        use super::super::phone_input::read_dialled;
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut nsns: Vec<String> = Vec::new();
        for i in 0..3_000 {
            // Every other one the shape of a mobile or a landline, the others any shape.
            let (first, len) = match i % 2 {
                0 => (b"3579"[(next() % 4) as usize], 9),
                _ => (b'1' + (next() % 9) as u8, 6 + (next() % 7) as usize),
            };
            let mut nsn = char::from(first).to_string();
            while nsn.len() < len {
                nsn.push(char::from(b'0' + (next() % 10) as u8));
            }
            nsns.push(nsn);
        }
        // Today's mobiles, landlines, old 11-digit mobiles, toll-free and premium numbers.
        for fixed in [
            "912345678",
            "381234567",
            "868123456",
            "2363456789",
            "2838251234",
            "1681234567",
            "18001234",
            "19001234",
            "1800123456",
            "672012345",
            "24382512345",
        ] {
            nsns.push(fixed.to_owned());
        }
        let (mut taken, mut valid) = (0, 0);
        for nsn in &nsns {
            for input in [
                format!("0{nsn}"),
                nsn.clone(),
                format!("+84 {nsn}"),
                format!("84{nsn}"),
                format!("+840{nsn}"),
            ] {
                let dialled = read_dialled(&input).unwrap();
                let slow = Phone::parse_by_metadata(dialled.clone(), Country::VN);
                valid += usize::from(slow.is_ok());
                if let Some(fast) = phone_fast::read(&dialled, Country::VN) {
                    taken += 1;
                    assert_eq!(slow.as_ref(), Ok(&Phone::from(fast)), "{input}");
                }
            }
        }
        // Nearly every valid number takes the shortcut.
        assert!(valid > 6_000, "{valid} valid numbers");
        assert!(
            taken * 100 >= valid * 95,
            "{taken} of {valid} valid numbers taken"
        );
    }
}
