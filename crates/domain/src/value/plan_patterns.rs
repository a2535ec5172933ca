//! The numbering plans' patterns that validation tests, compiled once per country and anchored.
//!
//! The metadata crate keeps its patterns in one cache for the whole process: a mutex, a
//! hash of the pattern's text on every use, and room for 100 compiled patterns, fewer than
//! one parse goes through. Every test of a number locked that mutex, hashed patterns hundreds
//! of characters long and often compiled them again: about 8 µs a number, most of the cost
//! of reading a phone, and two import threads reading phones waited on each other. Compiled
//! here once per country, they are read without a lock.

use std::collections::HashMap;
use std::sync::OnceLock;

use phonenumber::Type;
use phonenumber::metadata::{DATABASE, Metadata};
use regex::{Regex, RegexBuilder};

/// The number types libphonenumber counts as valid numbers.
const VALID_TYPES: [Type; 10] = [
    Type::FixedLine,
    Type::Mobile,
    Type::TollFree,
    Type::PremiumRate,
    Type::SharedCost,
    Type::PersonalNumber,
    Type::Voip,
    Type::Pager,
    Type::Uan,
    Type::Voicemail,
];

/// One country's patterns.
struct Compiled {
    /// The digits its numbers start with, when its calling code is shared (anchored at the
    /// start).
    leading: Option<Regex>,
    /// Each valid type's lengths (none: any) and whole-number pattern.
    types: Vec<(Vec<u16>, Regex)>,
}

impl Compiled {
    /// The patterns of `meta` (`None` if its leading digits' pattern will not compile: the
    /// metadata crate compiles the same patterns with the same engine, so none fails).
    fn of(meta: &Metadata) -> Option<Compiled> {
        // Written over several lines, as libphonenumber's metadata lays them out: whitespace
        // is not part of the pattern.
        let anchored = |pattern: &str, end: &str| {
            RegexBuilder::new(&format!("^(?:\n{pattern}\n){end}"))
                .ignore_whitespace(true)
                .build()
        };
        let leading = match meta.leading_digits() {
            Some(re) => Some(anchored(re.as_str(), "").ok()?),
            None => None,
        };
        Some(Compiled {
            leading,
            types: VALID_TYPES
                .iter()
                .filter_map(|kind| meta.descriptors().get(*kind))
                .filter_map(|d| {
                    let whole = anchored(d.national_number().as_str(), "$").ok()?;
                    Some((d.possible_length().to_vec(), whole))
                })
                .collect(),
        })
    }

    /// Whether `nsn` starts as the country's numbers do and one of its number types wholly
    /// matches it.
    fn holds(&self, nsn: &str) -> bool {
        let len = u16::try_from(nsn.len()).unwrap_or(u16::MAX);
        self.leading.as_ref().is_none_or(|re| re.is_match(nsn))
            && self.types.iter().any(|(lengths, re)| {
                (lengths.is_empty() || lengths.contains(&len)) && re.is_match(nsn)
            })
    }
}

/// Each country's patterns, compiled on first use.
fn compiled(meta: &Metadata) -> Option<&'static Compiled> {
    static ALL: OnceLock<HashMap<String, OnceLock<Option<Compiled>>>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        DATABASE
            .iter()
            .map(|m| (m.id().to_owned(), OnceLock::new()))
            .collect()
    });
    all.get(meta.id())
        .and_then(|cell| cell.get_or_init(|| Compiled::of(meta)).as_ref())
}

/// Among the plans of the countries sharing calling code `code` (main country first), the
/// first that a national significant number `nsn` belongs to. Leading zeros count: the
/// metadata crate's own lookup drops them, and so finds no country for Italian numbers
/// (`+39 02…`).
pub(crate) fn plan_for(code: u16, nsn: &str) -> Option<&'static Metadata> {
    DATABASE
        .by_code(&code)?
        .into_iter()
        .find(|meta| compiled(meta).is_some_and(|c| c.holds(nsn)))
}
