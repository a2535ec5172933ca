//! Vietnamese phone numbers as people write them: current mobiles and landlines in every
//! common spelling, and pre-2018 11-digit mobiles for the prefixes that were renumbered.

use rand::Rng;

use crate::names::{Weighted, pick};

/// Mobile prefixes (with the trunk 0), weighted by the carriers' market share; 089 and 099
/// are left out, as only parts of them are allocated (libphonenumber rejects the rest).
#[rustfmt::skip]
const MOBILE: &Weighted<&str> = &[
    ("086", 6), ("096", 8), ("097", 8), ("098", 8), ("032", 4), ("033", 4), ("034", 4),
    ("035", 4), ("036", 4), ("037", 4), ("038", 4), ("039", 4), ("088", 3), ("091", 6),
    ("094", 5), ("081", 2), ("082", 2), ("083", 2), ("084", 2), ("085", 2), ("090", 7),
    ("093", 6), ("070", 2), ("076", 1), ("077", 2), ("078", 1), ("079", 2), ("092", 1),
    ("056", 1), ("058", 1), ("059", 1),
];

/// The old (pre-2018) prefix of a current mobile prefix, when it was renumbered.
#[rustfmt::skip]
const OLD_PREFIX: &[(&str, &str)] = &[
    ("032", "0162"), ("033", "0163"), ("034", "0164"), ("035", "0165"), ("036", "0166"),
    ("037", "0167"), ("038", "0168"), ("039", "0169"), ("070", "0120"), ("079", "0121"),
    ("077", "0122"), ("076", "0126"), ("078", "0128"), ("083", "0123"), ("084", "0124"),
    ("085", "0125"), ("081", "0127"), ("082", "0129"), ("056", "0186"), ("058", "0188"),
    ("059", "0199"),
];

/// Landline area codes of the two big cities (8-digit subscriber numbers).
const LANDLINE: &[&str] = &["024", "028"];

/// A number as a user typed it: `(written, label)`.
pub fn random<R: Rng>(rng: &mut R) -> (String, Option<String>) {
    if rng.random_bool(0.06) {
        let area = LANDLINE[rng.random_range(0..LANDLINE.len())];
        let sub = rng.random_range(30_000_000..40_000_000_u32);
        let written = if rng.random_bool(0.5) {
            format!("({area}) {} {:04}", sub / 10_000, sub % 10_000)
        } else {
            format!("{area}{sub}")
        };
        return (written, Some("cơ quan".to_owned()));
    }
    let prefix = *pick(rng, MOBILE);
    let sub = rng.random_range(0..10_000_000_u32);
    let label = match rng.random_range(0..10) {
        0..=4 => None,
        5..=8 => Some("di động".to_owned()),
        _ => Some("Zalo".to_owned()),
    };
    (spell(rng, prefix, sub), label)
}

/// One of the spellings people use for `0<prefix><7 digits>`.
fn spell<R: Rng>(rng: &mut R, prefix: &str, sub: u32) -> String {
    let nsn = format!("{}{sub:07}", &prefix[1..]);
    let old = OLD_PREFIX
        .iter()
        .find(|(new, _)| *new == prefix)
        .map(|(_, old)| *old);
    match (rng.random_range(0..8), old) {
        (0, _) => format!("0{} {} {}", &nsn[..3], &nsn[3..6], &nsn[6..]),
        (1, _) => format!("0{nsn}"),
        (2, _) => format!("+84 {nsn}"),
        (3, _) => format!("84{nsn}"),
        (4, _) => format!("(+84) {}-{}-{}", &nsn[..2], &nsn[2..5], &nsn[5..]),
        (5, _) => format!("0{}.{}.{}", &nsn[..3], &nsn[3..6], &nsn[6..]),
        (6, Some(old)) => format!("{old} {} {}", &nsn[2..5], &nsn[5..]),
        _ => format!("0{} {} {}", &nsn[..3], &nsn[3..6], &nsn[6..]),
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::StdRng;
    use sen_domain::value::{Country, Phone};

    #[test]
    fn every_spelling_parses() {
        let mut rng = StdRng::seed_from_u64(7);
        for _ in 0..5_000 {
            let (written, _) = super::random(&mut rng);
            assert!(Phone::parse(&written, Country::VN).is_ok(), "{written}");
        }
    }

    #[test]
    fn old_numbers_become_todays() {
        let mut rng = StdRng::seed_from_u64(1);
        let spelled: Vec<String> = (0..64)
            .map(|_| super::spell(&mut rng, "038", 1_234_567))
            .collect();
        assert!(spelled.iter().any(|s| s.starts_with("0168")), "{spelled:?}");
        for s in spelled {
            assert_eq!(
                Phone::parse(&s, Country::VN).unwrap().as_e164(),
                "+84381234567",
                "{s}"
            );
        }
    }
}
