//! Vietnam's 2018 renumbering of 11-digit mobiles (01xx…) to today's 10 digits (0xx…).
//!
//! Old spreadsheets are full of the old numbers; they still name the same subscriber, so they
//! are rewritten before validation and before phone search.

/// Old national significant prefixes (without the trunk `0`) and their replacements.
const RENUMBERED: [(&str, &str); 21] = [
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

/// Digits of an old national significant number: a 3-digit prefix and 7 subscriber digits.
const OLD_NSN_LEN: usize = 10;

/// Rewrites a whole old national significant number (`1681234567` → `381234567`); any other
/// digits come back unchanged. No current number has 10 digits and one of the old prefixes.
pub(crate) fn renumber_nsn(nsn: &str) -> String {
    if nsn.len() == OLD_NSN_LEN {
        renumber_prefix(nsn)
    } else {
        nsn.to_owned()
    }
}

/// Rewrites the start of a national significant number, however much of it is given
/// (`168123` → `38123`); used for search fragments.
pub(crate) fn renumber_prefix(digits: &str) -> String {
    for (old, new) in RENUMBERED {
        if let Some(rest) = digits.strip_prefix(old) {
            return format!("{new}{rest}");
        }
    }
    digits.to_owned()
}

/// The old form of a current national significant number (`381234567` → `1681234567`),
/// if it had one.
pub(crate) fn old_nsn(nsn: &str) -> Option<String> {
    if nsn.len() != OLD_NSN_LEN - 1 {
        return None;
    }
    RENUMBERED
        .iter()
        .find(|(_, new)| nsn.starts_with(new))
        .map(|(old, new)| format!("{old}{}", &nsn[new.len()..]))
}

#[cfg(test)]
mod tests {
    use super::{RENUMBERED, old_nsn, renumber_nsn, renumber_prefix};

    #[test]
    fn renumbers_only_whole_old_numbers() {
        assert_eq!(renumber_nsn("1681234567"), "381234567");
        assert_eq!(renumber_nsn("1991234567"), "591234567");
        assert_eq!(renumber_nsn("168123456"), "168123456");
        assert_eq!(renumber_nsn("912345678"), "912345678");
        assert_eq!(renumber_nsn("1800123456"), "1800123456");
    }

    #[test]
    fn renumbers_fragments_and_finds_old_forms() {
        assert_eq!(renumber_prefix("168123"), "38123");
        assert_eq!(renumber_prefix("16"), "16");
        assert_eq!(old_nsn("381234567").as_deref(), Some("1681234567"));
        assert_eq!(old_nsn("912345678"), None);
    }

    #[test]
    fn the_table_is_a_bijection() {
        for (i, (old, new)) in RENUMBERED.iter().enumerate() {
            for (other_old, other_new) in &RENUMBERED[i + 1..] {
                assert_ne!(old, other_old);
                assert_ne!(new, other_new);
            }
        }
    }
}
