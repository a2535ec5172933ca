//! Property tests of the value types: idempotent parsing and spelling-independent results.

use proptest::prelude::*;
use sen_domain::value::{
    Country, Date, Email, PersonName, Phone, PhoneQuery, ValueError, parse_date, search_key,
    unique_phones,
};
use unicode_normalization::UnicodeNormalization;

/// The national significant number of a current Vietnamese mobile: 2-digit prefix + 7 digits.
fn vn_mobile_nsn() -> impl Strategy<Value = String> {
    "(3[0-9]|5[1689]|7[06-9]|8[1-8]|9[0-8])[0-9]{7}"
}

/// Old 11-digit mobiles (without the trunk 0) and the E.164 they were renumbered to.
fn legacy_mobile() -> impl Strategy<Value = (String, String)> {
    const MAP: &[(&str, &str)] = &[
        ("162", "32"),
        ("163", "33"),
        ("164", "34"),
        ("165", "35"),
        ("166", "36"),
        ("167", "37"),
        ("168", "38"),
        ("169", "39"),
        ("120", "70"),
        ("121", "79"),
        ("122", "77"),
        ("126", "76"),
        ("128", "78"),
        ("123", "83"),
        ("124", "84"),
        ("125", "85"),
        ("127", "81"),
        ("129", "82"),
        ("186", "56"),
        ("188", "58"),
        ("199", "59"),
    ];
    (prop::sample::select(MAP), "[0-9]{7}")
        .prop_map(|((old, new), rest)| (format!("{old}{rest}"), format!("+84{new}{rest}")))
}

/// One way of writing a Vietnamese national significant number: a prefix, separators
/// between digits, blanks around.
fn spelling(nsn: String) -> impl Strategy<Value = String> {
    const PREFIXES: &[&str] = &[
        "0", "+84", "84", "0084", "(+84) ", "+84 (0)", "+84 ", "(0", "0084 ",
    ];
    const SEPARATORS: &[&str] = &[" ", ".", "-", "", "", "", "\u{a0}"];
    let gaps = prop::collection::vec(prop::sample::select(SEPARATORS), nsn.len());
    (
        prop::sample::select(PREFIXES),
        gaps,
        prop::sample::select(&["", " ", "\t"][..]),
    )
        .prop_map(move |(prefix, gaps, blank)| {
            let mut out = format!("{blank}{prefix}");
            for (i, (digit, gap)) in nsn.chars().zip(gaps).enumerate() {
                out.push(digit);
                if i == 2 && prefix == "(0" {
                    out.push(')');
                } else {
                    out.push_str(gap);
                }
            }
            out.push_str(blank);
            out
        })
}

fn vn(input: &str) -> Result<Phone, ValueError> {
    Phone::parse(input, Country::VN)
}

/// Every Vietnamese letter, both cases, precomposed.
const VIETNAMESE: &str = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợ\
                          uùúủũụưừứửữựyỳýỷỹỵđbcdghklmnpqrstvx\
                          AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ\
                          UÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐBCDGHKLMNPQRSTVX";

fn vietnamese_text() -> impl Strategy<Value = String> {
    let chars: Vec<char> = VIETNAMESE
        .chars()
        .chain(" \t\u{a0}0123456789.,-()'/".chars())
        .collect();
    (
        prop::collection::vec(prop::sample::select(chars), 0..40),
        any::<bool>(),
    )
        .prop_map(|(chars, decompose)| {
            let text: String = chars.into_iter().collect();
            if decompose {
                text.nfd().collect()
            } else {
                text
            }
        })
}

proptest! {
    #[test]
    fn every_spelling_of_a_mobile_is_one_number(
        (nsn, input) in vn_mobile_nsn().prop_flat_map(|nsn| (Just(nsn.clone()), spelling(nsn)))
    ) {
        let phone = vn(&input).map_err(|e| TestCaseError::fail(format!("{input:?}: {e}")))?;
        prop_assert_eq!(phone.as_e164(), format!("+84{nsn}"));
        prop_assert_eq!(phone.national(), format!("0{nsn}"));
    }

    #[test]
    fn every_spelling_of_an_old_mobile_is_renumbered(
        ((old, e164), input) in legacy_mobile()
            .prop_flat_map(|(old, e164)| (Just((old.clone(), e164)), spelling(old)))
    ) {
        let phone = vn(&input).map_err(|e| TestCaseError::fail(format!("{input:?} ({old}): {e}")))?;
        prop_assert_eq!(phone.as_e164(), e164);
    }

    #[test]
    fn phone_parsing_is_idempotent(input in "[+(]{0,2}[0-9 .()-]{3,20}") {
        if let Ok(phone) = vn(&input) {
            prop_assert_eq!(vn(phone.as_e164()), Ok(phone.clone()));
            prop_assert_eq!(vn(&phone.international()), Ok(phone.clone()));
            if phone.country() == Some(Country::VN) {
                prop_assert_eq!(vn(phone.national()), Ok(phone.clone()));
            }
        }
    }

    #[test]
    fn a_number_is_found_by_its_own_spellings(nsn in vn_mobile_nsn(), cut in 3usize..9) {
        let phone = vn(&nsn).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let national = phone.national().to_owned();
        // A fragment with a leading 0 is the start of a national number, not a middle part.
        let middle = nsn[cut - 3..].trim_start_matches('0');
        for fragment in [phone.as_e164(), &national, &national[..cut], middle] {
            if fragment.is_empty() {
                continue;
            }
            let query = PhoneQuery::parse(fragment, Country::VN);
            prop_assert!(
                query.as_ref().is_some_and(|q| q.matches(phone.as_e164())),
                "{:?} -> {:?}", fragment, query
            );
        }
    }

    #[test]
    fn two_spellings_of_a_number_in_one_record_are_a_duplicate(
        (a, b) in vn_mobile_nsn().prop_flat_map(|nsn| (spelling(nsn.clone()), spelling(nsn)))
    ) {
        let errors = unique_phones([(a, ()), (b, ())], Country::VN);
        prop_assert_eq!(errors.err(), Some(vec![(1, ValueError::DuplicateValue { first: 0 })]));
    }

    #[test]
    fn parsers_never_panic(input in any::<String>()) {
        let _ = vn(&input);
        let _ = PhoneQuery::parse(&input, Country::VN);
        let _ = Email::parse(&input);
        let _ = PersonName::parse(&input);
        let _ = parse_date(&input);
        let _ = Date::parse_iso(&input);
        let _ = Country::parse(&input);
    }

    #[test]
    fn search_key_is_idempotent(input in any::<String>()) {
        let key = search_key(&input);
        prop_assert_eq!(search_key(&key), key.clone());
        prop_assert!(!key.starts_with(' ') && !key.ends_with(' ') && !key.contains("  "));
    }

    #[test]
    fn search_key_of_vietnamese_is_plain_ascii(text in vietnamese_text()) {
        let key = search_key(&text);
        prop_assert!(
            key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' '),
            "{:?} -> {:?}", text, key
        );
        let composed: String = text.nfc().collect();
        prop_assert_eq!(search_key(&composed), key);
    }

    #[test]
    fn names_are_normalised_once_and_for_all(text in vietnamese_text()) {
        if let Ok(name) = PersonName::parse(&text) {
            prop_assert_eq!(PersonName::parse(name.as_str()), Ok(name.clone()));
            let s = name.as_str();
            prop_assert!(!s.starts_with(' ') && !s.ends_with(' ') && !s.contains("  "));
            prop_assert!(!s.contains(['\t', '\u{a0}']), "{:?}", s);
            prop_assert_eq!(s.nfc().collect::<String>(), s);
        }
    }

    #[test]
    fn email_parsing_is_idempotent(
        input in "[ ]{0,2}[A-Za-z0-9._%+'-]{1,20}@[A-Za-z0-9-]{1,12}(\\.[A-Za-z0-9-]{1,6}){0,3}[ ]{0,2}"
    ) {
        if let Ok(email) = Email::parse(&input) {
            prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
            prop_assert_eq!(email.as_str(), input.trim().to_lowercase());
            prop_assert_eq!(Email::parse(&input.to_uppercase()), Ok(email.clone()));
        }
    }

    #[test]
    fn dates_round_trip_through_every_written_form(
        year in 1u16..=9999, month in 1u8..=12, day in 1u8..=31
    ) {
        if let Ok(date) = Date::new(year, month, day) {
            prop_assert_eq!(parse_date(&date.to_iso()), Ok(date));
            prop_assert_eq!(Date::parse_iso(&date.to_iso()), Ok(date));
            prop_assert_eq!(parse_date(&format!("{day}/{month}/{year:04}")), Ok(date));
            prop_assert_eq!(parse_date(&format!("{day:02}-{month:02}-{year:04}")), Ok(date));
            if let Some(serial) = date.to_excel_serial() {
                prop_assert_eq!(Date::from_excel_serial(f64::from(serial)), Ok(date));
            }
        }
    }

    #[test]
    fn excel_serials_round_trip(serial in 1u32..=2_958_465) {
        prop_assume!(serial != 60);
        let date = Date::from_excel_serial(f64::from(serial))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(date.to_excel_serial(), Some(serial));
        if serial >= 10_000 {
            prop_assert_eq!(parse_date(&serial.to_string()), Ok(date));
        }
    }
}
