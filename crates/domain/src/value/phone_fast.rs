//! Reading a valid Vietnamese number without the metadata crate's parser and formatter.
//!
//! The crate's `parse` and `format` go through its one process-wide pattern cache (a mutex,
//! a hash of each pattern's text on every use, room for 100 patterns, fewer than one parse
//! uses): 7.8 µs a number, most of what an import spends validating a row. A number dialled
//! in Vietnam is its trunk `0` and a national significant number; once that number wholly
//! matches one of the plan's valid types ([`plan_for`], precompiled), its E.164 form is `+84`
//! and the number, and its national form is what the crate's formatter would write, computed
//! here with the formatter's own rules over patterns compiled once. Anything else — another
//! country, a number not in the plan, an odd prefix — is left to the crate (`None`).
//!
//! The tests compare both readings over many generated numbers.

use std::sync::OnceLock;

use phonenumber::metadata::{DATABASE, Format, Metadata};
use regex::{Regex, RegexBuilder};

use super::Country;
use super::phone_input::{Dialled, fix_international};
use super::phone_plan::renumber_national;
use super::plan_patterns::plan_for;

/// A number read here: E.164, national digits, the country of its plan.
pub(crate) struct Read {
    pub e164: String,
    pub national: String,
    pub country: Option<Country>,
}

/// `dialled` read as `Phone::parse` reads it, when it is a valid Vietnamese number that the
/// shortcut covers.
pub(crate) fn read(dialled: &Dialled, default_country: Country) -> Option<Read> {
    match dialled {
        Dialled::National(digits) if default_country == Country::VN => national(digits),
        Dialled::International(digits) => international(&fix_international(digits)),
        Dialled::National(_) => None,
    }
}

/// Digits dialled in Vietnam (as `phone_plan::parse_national` reads them): renumbered, with
/// the trunk prefix; failing that, digits that begin with the calling code.
fn national(digits: &str) -> Option<Read> {
    let renumbered = renumber_national(digits);
    let nsn = renumbered.strip_prefix('0').unwrap_or(&renumbered);
    if let Some(read) = of_nsn(nsn) {
        return Some(read);
    }
    // The national reading failed (the plan has no number starting with `0`, so the parser
    // strips the trunk prefix as here): `841234567…` may carry the calling code.
    if renumbered.starts_with(&Country::VN.calling_code().to_string()) {
        return international(&fix_international(&renumbered));
    }
    None
}

/// Digits after `+` (fixed up by `fix_international`), when they are `84` and a number.
fn international(digits: &str) -> Option<Read> {
    let vn = Country::VN.calling_code().to_string();
    of_nsn(digits.strip_prefix(vn.as_str())?)
}

/// A Vietnamese national significant number, when it is one of the plan's.
fn of_nsn(nsn: &str) -> Option<Read> {
    let code = Country::VN.calling_code();
    if nsn.is_empty() || nsn.starts_with('0') || !nsn.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let plan = plan_for(code, nsn)?;
    let country = plan
        .id()
        .parse::<phonenumber::country::Id>()
        .ok()
        .and_then(Country::from_id);
    let national: String = national_form(nsn)?
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    Some(Read {
        e164: format!("+{code}{nsn}"),
        national,
        country,
    })
}

/// A national format of the crate's, compiled: its leading digits (the last pattern), its
/// whole-number pattern and its template with the national prefix applied.
struct NationalFormat {
    leading: Option<Regex>,
    pattern: Regex,
    template: String,
}

impl NationalFormat {
    fn of(meta: &Metadata, format: &Format) -> Option<NationalFormat> {
        // As the crate builds its patterns.
        let compile = |p: &str| RegexBuilder::new(p).ignore_whitespace(true).build().ok();
        let leading = match format.leading_digits().last() {
            Some(re) => Some(compile(re.as_str())?),
            None => None,
        };
        let template = match format.national_prefix() {
            Some(rule) => {
                let first = Regex::new(r"(\$\d)").ok()?;
                let group = first.captures(format.format())?.get(1)?.as_str().to_owned();
                let rule = rule
                    .replace("$NP", meta.national_prefix().unwrap_or(""))
                    .replace("$FG", &format!("${group}"))
                    .replace("$CC", "");
                // Expanded as a replacement, as the crate does.
                first.replace(format.format(), rule.as_str()).into_owned()
            }
            None => format.format().to_owned(),
        };
        Some(NationalFormat {
            leading,
            pattern: compile(format.pattern().as_str())?,
            template,
        })
    }

    /// Whether the crate's formatter picks this format for `national` (its test, including
    /// that a format without leading digits is taken whatever its pattern).
    fn picks(&self, national: &str) -> bool {
        match &self.leading {
            None => true,
            Some(leading) => {
                leading.find(national).is_some_and(|m| m.start() == 0)
                    && self
                        .pattern
                        .find(national)
                        .is_some_and(|m| m.start() == 0 && m.end() == national.len())
            }
        }
    }
}

/// The national form the crate's formatter writes for the Vietnamese `nsn`: the formats of
/// the main country of Vietnam's calling code, the first that fits.
fn national_form(nsn: &str) -> Option<String> {
    static VN: OnceLock<Option<Vec<NationalFormat>>> = OnceLock::new();
    let formats = VN
        .get_or_init(|| {
            let code = Country::VN.calling_code();
            let meta = DATABASE.by_code(&code)?.into_iter().next()?;
            meta.formats()
                .iter()
                .map(|f| NationalFormat::of(meta, f))
                .collect()
        })
        .as_ref()?;
    Some(match formats.iter().find(|f| f.picks(nsn)) {
        Some(f) => f.pattern.replace(nsn, f.template.as_str()).into_owned(),
        None => nsn.to_owned(),
    })
}
