//! Reading dates as people and spreadsheets write them: `dd/mm/yyyy` first, Excel serials too.

use super::ValueError;
use super::date::{Date, invalid};

/// Excel's serial for 9999-12-31, its last date.
const MAX_EXCEL_SERIAL: f64 = 2_958_465.0;
/// Excel's serial 60 is 29 February 1900, a day that never was (a Lotus 1-2-3 bug kept).
const FAKE_LEAP_DAY: u32 = 60;
/// A number with fewer integer digits is a day or a year alone, not a serial.
const MIN_SERIAL_DIGITS: usize = 5;

/// Parses a date written as `dd/mm/yyyy`, `dd-mm-yyyy` or `dd.mm.yyyy` (day first, the
/// Vietnamese order; one or two digits for day and month), `yyyy-mm-dd` (also with `/` or
/// `.`), or an Excel serial day number of at least five digits (`45292` is 2024-01-01; a time
/// fraction is ignored).
///
/// Refused: a year alone (`1990`), a day alone (`15`), a missing year (`15/03`), two-digit
/// years (`15/03/90`), days that do not exist (`31/02/2024`, `29/02/2023`).
pub fn parse_date(input: &str) -> Result<Date, ValueError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(invalid("it is empty"));
    }
    if input.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && let Some(serial) = excel_serial_text(input)?
    {
        return Date::from_excel_serial(serial);
    }
    parse_written(input)
}

/// `Some(serial)` when `input` is a plain number; errors for numbers too short to be one.
fn excel_serial_text(input: &str) -> Result<Option<f64>, ValueError> {
    let (whole, fraction) = input.split_once('.').unwrap_or((input, "0"));
    let is_number = !whole.is_empty()
        && !fraction.is_empty()
        && !fraction.contains('.')
        && whole.bytes().all(|b| b.is_ascii_digit());
    if !is_number {
        return Ok(None);
    }
    match whole.len() {
        len if len >= MIN_SERIAL_DIGITS => Ok(input.parse::<f64>().ok()),
        // `15.03` is a day and a month: let the written forms explain.
        _ if input.contains('.') => Ok(None),
        4 => Err(invalid("a year alone is not a date")),
        _ => Err(invalid("a day alone is not a date")),
    }
}

fn parse_written(input: &str) -> Result<Date, ValueError> {
    let Some(separator) = input.chars().find(|c| matches!(c, '/' | '-' | '.')) else {
        return Err(invalid("use dd/mm/yyyy or yyyy-mm-dd"));
    };
    let parts: Vec<&str> = input.split(separator).collect();
    let all_digits = parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if !all_digits {
        return Err(invalid("use dd/mm/yyyy or yyyy-mm-dd"));
    }
    match parts.as_slice() {
        [year, month, day] if year.len() == 4 => from_parts(year, month, day),
        [day, month, year] if year.len() == 4 => from_parts(year, month, day),
        [_, _, year] if year.len() <= 2 => Err(invalid("write the year with four digits")),
        [_, _] => Err(invalid("the year is missing")),
        _ => Err(invalid("use dd/mm/yyyy or yyyy-mm-dd")),
    }
}

fn from_parts(year: &str, month: &str, day: &str) -> Result<Date, ValueError> {
    if month.len() > 2 || day.len() > 2 {
        return Err(invalid("use dd/mm/yyyy or yyyy-mm-dd"));
    }
    let number = |digits: &str| digits.parse::<u16>().unwrap_or(0);
    let month = u8::try_from(number(month)).unwrap_or(0);
    let day = u8::try_from(number(day)).unwrap_or(0);
    Date::new(number(year), month, day)
}

impl Date {
    /// The date of an Excel serial day number in the 1900 date system, as an .xlsx cell holds
    /// it: 1 is 1900-01-01, 45292 is 2024-01-01. Excel counts a 29 February 1900 that never
    /// was, so serial 60 is refused and later serials are shifted back a day. A time
    /// fraction is ignored.
    pub fn from_excel_serial(serial: f64) -> Result<Date, ValueError> {
        if !(1.0..MAX_EXCEL_SERIAL + 1.0).contains(&serial) {
            return Err(invalid(
                "an Excel date number must be between 1 and 2958465",
            ));
        }
        // In range and floored, so the cast is exact.
        let serial = serial.floor() as u32;
        if serial == FAKE_LEAP_DAY {
            return Err(invalid("29 February 1900 does not exist (Excel's day 60)"));
        }
        Date::from_days(excel_epoch(serial) + i64::from(serial)).ok_or(invalid(
            "an Excel date number must be between 1 and 2958465",
        ))
    }

    /// The Excel serial day number of this date (see [`Date::from_excel_serial`]), if Excel
    /// can show it: from 1900-01-01 on.
    pub fn to_excel_serial(self) -> Option<u32> {
        let counted_with_leap_day = self.to_days() - excel_epoch(FAKE_LEAP_DAY + 1);
        let serial = if counted_with_leap_day > i64::from(FAKE_LEAP_DAY) {
            counted_with_leap_day
        } else {
            self.to_days() - excel_epoch(1)
        };
        u32::try_from(serial).ok().filter(|s| *s >= 1)
    }
}

/// Days since 1970-01-01 of Excel's day 0: 1899-12-31 before the fake leap day,
/// 1899-12-30 after it.
fn excel_epoch(serial: u32) -> i64 {
    const DEC_31_1899: i64 = -25_568;
    if serial < FAKE_LEAP_DAY {
        DEC_31_1899
    } else {
        DEC_31_1899 - 1
    }
}

#[cfg(test)]
mod tests {
    use super::{Date, parse_date};

    #[test]
    fn reads_excel_serials_both_ways() {
        let iso = |serial: f64| Date::from_excel_serial(serial).map(Date::to_iso);
        assert_eq!(iso(1.0).unwrap(), "1900-01-01");
        assert_eq!(iso(59.0).unwrap(), "1900-02-28");
        assert!(iso(60.0).is_err());
        assert_eq!(iso(61.0).unwrap(), "1900-03-01");
        assert_eq!(iso(45292.75).unwrap(), "2024-01-01");
        assert_eq!(iso(2_958_465.0).unwrap(), "9999-12-31");
        for bad in [0.0, 0.5, -1.0, 2_958_466.0, f64::NAN, f64::INFINITY] {
            assert!(iso(bad).is_err(), "{bad}");
        }
        for serial in [1, 59, 61, 45292, 2_958_465] {
            let date = Date::from_excel_serial(f64::from(serial)).unwrap();
            assert_eq!(date.to_excel_serial(), Some(serial));
        }
        assert_eq!(Date::new(1899, 12, 31).unwrap().to_excel_serial(), None);
    }

    #[test]
    fn reads_serials_written_as_text() {
        assert_eq!(parse_date("45292").unwrap().to_iso(), "2024-01-01");
        assert_eq!(parse_date("45292.5").unwrap().to_iso(), "2024-01-01");
        assert_eq!(
            parse_date("1990").unwrap_err().to_string(),
            "Not a valid date: a year alone is not a date."
        );
    }
}
