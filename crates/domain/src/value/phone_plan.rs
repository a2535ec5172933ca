//! Reading dialled digits against the numbering plans, with Vietnam's renumbering applied.

use phonenumber::PhoneNumber;
use phonenumber::country::Id;
use phonenumber::metadata::Metadata;

use super::phone_input::{fix_international, invalid, strip_trunk};
use super::plan_patterns::plan_for;
use super::{Country, ValueError, vn_legacy};

/// A number that exists in a numbering plan, and the country of that plan (none for
/// non-geographic codes such as +800).
pub(crate) struct Valid {
    pub number: PhoneNumber,
    pub country: Option<Country>,
}

/// Digits that start with a country calling code.
pub(crate) fn parse_international(digits: &str) -> Result<Valid, ValueError> {
    let digits = fix_international(digits);
    let number = phonenumber::parse(None, format!("+{digits}"))
        .map_err(|_| invalid("not a number of any country"))?;
    validate(number).ok_or_else(not_in_plan)
}

/// Digits as dialled inside `country` (with or without its trunk prefix), or with its calling
/// code but no `+`.
///
/// The national reading goes first, and always with the trunk prefix: without it the metadata
/// parser takes the `84` of `841234567` (`084 123 4567` missing its `0`) for Vietnam's code.
pub(crate) fn parse_national(digits: &str, country: Country) -> Result<Valid, ValueError> {
    let digits = if country == Country::VN {
        renumber_national(digits)
    } else {
        digits.to_owned()
    };
    let national = match country.trunk_prefix() {
        Some(trunk) if !digits.starts_with(trunk) => format!("{trunk}{digits}"),
        _ => digits.clone(),
    };
    if let Some(valid) = phonenumber::parse(Some(country.id()), &national)
        .ok()
        .and_then(validate)
    {
        return Ok(valid);
    }
    if digits.starts_with(&country.calling_code().to_string()) {
        return parse_international(&digits);
    }
    Err(not_in_plan())
}

/// Renumbers an old Vietnamese mobile written nationally, with or without the trunk `0`.
pub(crate) fn renumber_national(digits: &str) -> String {
    match strip_trunk(digits, Country::VN) {
        Some(nsn) => format!("0{}", vn_legacy::renumber_nsn(nsn)),
        None => vn_legacy::renumber_nsn(digits),
    }
}

/// The number with its country when it is valid by libphonenumber's rules: the national
/// significant number wholly matches the pattern of one of the number types of a country with
/// its calling code.
///
/// `phonenumber::is_valid` alone is looser: it accepts a pattern matching only the start of
/// the number when the length is possible for the type (so `+84 1228 862208`, ten digits,
/// passed as an 8-digit toll-free number); the whole-match check restores libphonenumber's.
fn validate(number: PhoneNumber) -> Option<Valid> {
    if number.extension().is_some() {
        return None;
    }
    let plan = plan_of(&number)?;
    if !phonenumber::is_valid(&number) {
        return None;
    }
    let country = plan.id().parse::<Id>().ok().and_then(Country::from_id);
    Some(Valid { number, country })
}

/// The plan a number belongs to (see [`plan_for`]).
fn plan_of(number: &PhoneNumber) -> Option<&'static Metadata> {
    plan_for(number.code().value(), &number.national().to_string())
}

fn not_in_plan() -> ValueError {
    invalid("it is not a number in use in its country's numbering plan")
}

#[cfg(test)]
mod tests {
    use super::{Country, parse_international, parse_national};

    #[test]
    fn needs_a_whole_match_of_a_number_type() {
        // Toll-free 1228 xxxx has eight digits; the metadata crate alone accepts ten.
        assert!(parse_international("8412288622").is_ok());
        assert!(
            parse_international("841228862208")
                .is_ok_and(|v| v.number.national().value() == 778_862_208)
        );
        assert!(parse_international("84120312345").is_err());
        let milan = parse_international("390212345678").unwrap();
        assert_eq!(milan.country, Country::parse("IT").ok());
    }

    #[test]
    fn reads_a_bare_calling_code_after_the_national_reading() {
        let e164 = |digits: &str| {
            parse_national(digits, Country::VN)
                .map(|v| v.number.format().mode(phonenumber::Mode::E164).to_string())
        };
        assert_eq!(e164("841234567").unwrap(), "+84841234567");
        assert_eq!(e164("84912345678").unwrap(), "+84912345678");
        assert_eq!(e164("841228862208").unwrap(), "+84778862208");
    }
}
