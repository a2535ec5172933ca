//! `Date`: a calendar day that exists (proleptic Gregorian), without any clock or time zone.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ValueError;

/// A calendar date from 0001-01-01 to 9999-12-31. It serialises as ISO 8601 (`2024-01-31`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date of a year, month (1–12) and day, if that day exists (leap years included).
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, ValueError> {
        if !(1..=9999).contains(&year) {
            return Err(invalid("the year must be between 1 and 9999"));
        }
        if !(1..=12).contains(&month) {
            return Err(invalid("the month must be between 1 and 12"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(invalid("that day does not exist in that month"));
        }
        Ok(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// ISO 8601: `YYYY-MM-DD`.
    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Parses exactly `YYYY-MM-DD`, the stored form.
    pub fn parse_iso(input: &str) -> Result<Date, ValueError> {
        let bytes = input.as_bytes();
        let shaped = input.is_ascii()
            && bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && input.chars().filter(char::is_ascii_digit).count() == 8;
        if !shaped {
            return Err(invalid("use YYYY-MM-DD"));
        }
        let number = |range: std::ops::Range<usize>| input[range].parse::<u16>().unwrap_or(0);
        let month = u8::try_from(number(5..7)).unwrap_or(0);
        let day = u8::try_from(number(8..10)).unwrap_or(0);
        Date::new(number(0..4), month, day)
    }

    /// Days since 1970-01-01 (negative before it).
    pub(crate) fn to_days(self) -> i64 {
        days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        )
    }

    /// The date `days` after 1970-01-01, if it is within the supported years.
    pub(crate) fn from_days(days: i64) -> Option<Date> {
        let (year, month, day) = civil_from_days(days);
        let date = Date {
            year: u16::try_from(year).ok()?,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
        };
        Date::new(date.year, date.month, date.day).ok()
    }
}

pub(crate) fn invalid(reason: &'static str) -> ValueError {
    ValueError::InvalidDate { reason }
}

fn is_leap(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Howard Hinnant's `days_from_civil`: days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Howard Hinnant's `civil_from_days`, the inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let input = String::deserialize(deserializer)?;
        Date::parse_iso(&input).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn knows_leap_years() {
        assert!(Date::new(2024, 2, 29).is_ok());
        assert!(Date::new(2000, 2, 29).is_ok());
        assert!(Date::new(1900, 2, 29).is_err());
        assert!(Date::new(2023, 2, 29).is_err());
        assert!(Date::new(2024, 4, 31).is_err());
        assert!(Date::new(0, 1, 1).is_err());
        assert!(Date::new(2024, 13, 1).is_err());
    }

    #[test]
    fn counts_days_from_the_unix_epoch() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
        assert_eq!(Date::new(2024, 1, 1).unwrap().to_days(), 19_723);
        assert_eq!(Date::from_days(-1), Date::new(1969, 12, 31).ok());
        assert_eq!(
            Date::from_days(Date::new(1, 1, 1).unwrap().to_days() - 1),
            None
        );
    }

    #[test]
    fn reads_and_writes_iso() {
        let date = Date::parse_iso("2024-02-29").unwrap();
        assert_eq!(date.to_iso(), "2024-02-29");
        assert_eq!(Date::new(33, 3, 9).unwrap().to_iso(), "0033-03-09");
        for bad in [
            "2024-2-29",
            "2023-02-29",
            "24-02-29",
            "2024-02-29 ",
            "２０２４-02-29",
        ] {
            assert!(Date::parse_iso(bad).is_err(), "{bad}");
        }
    }
}
