//! Lists of values in one record (phones, e-mails): each parsed, none repeated.

use std::collections::HashMap;
use std::hash::Hash;

use super::{Country, Email, Phone, ValueError};

/// The errors of a list, each with the 0-based index of the item it belongs to.
pub type ItemErrors = Vec<(usize, ValueError)>;

/// Parses each `(number, label)` of one record. Succeeds only when every number is valid and
/// no number repeats another: `0912345678` and `+84 912 345 678` are the same number, and the
/// second is reported as [`ValueError::DuplicateValue`] at its index. Labels are passed through.
pub fn unique_phones<S: AsRef<str>, L>(
    items: impl IntoIterator<Item = (S, L)>,
    default_country: Country,
) -> Result<Vec<(Phone, L)>, ItemErrors> {
    unique(
        items
            .into_iter()
            .map(|(input, label)| (Phone::parse(input.as_ref(), default_country), label)),
    )
}

/// Parses each `(address, label)` of one record; like [`unique_phones`], with addresses
/// compared case-insensitively.
pub fn unique_emails<S: AsRef<str>, L>(
    items: impl IntoIterator<Item = (S, L)>,
) -> Result<Vec<(Email, L)>, ItemErrors> {
    unique(
        items
            .into_iter()
            .map(|(input, label)| (Email::parse(input.as_ref()), label)),
    )
}

/// Collects parsed items, reporting every invalid one and every repeat of an earlier one.
fn unique<T: Eq + Hash + Clone, L>(
    parsed: impl Iterator<Item = (Result<T, ValueError>, L)>,
) -> Result<Vec<(T, L)>, ItemErrors> {
    let mut first_index: HashMap<T, usize> = HashMap::new();
    let mut values = Vec::new();
    let mut errors = Vec::new();
    for (index, (result, label)) in parsed.enumerate() {
        match result {
            Err(err) => errors.push((index, err)),
            Ok(value) => match first_index.get(&value) {
                Some(&first) => errors.push((index, ValueError::DuplicateValue { first })),
                None => {
                    first_index.insert(value.clone(), index);
                    values.push((value, label));
                }
            },
        }
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::{Country, ValueError, unique_emails, unique_phones};

    #[test]
    fn keeps_labels_and_order() {
        let phones = unique_phones(
            [("0912345678", "work"), ("0381234567", "home")],
            Country::VN,
        )
        .unwrap();
        let e164: Vec<_> = phones.iter().map(|(p, l)| (p.as_e164(), *l)).collect();
        assert_eq!(e164, [("+84912345678", "work"), ("+84381234567", "home")]);
        assert_eq!(
            unique_phones(Vec::<(&str, ())>::new(), Country::VN)
                .unwrap()
                .len(),
            0
        );
    }

    #[test]
    fn reports_every_invalid_and_repeated_item() {
        let errors = unique_emails([
            ("an@example.vn", ()),
            ("nope", ()),
            ("AN@Example.VN", ()),
            ("an@example.vn", ()),
        ])
        .unwrap_err();
        assert_eq!(errors.len(), 3);
        assert_eq!(errors[0].0, 1);
        assert_eq!(errors[0].1.code(), "invalid_email");
        assert_eq!(errors[1], (2, ValueError::DuplicateValue { first: 0 }));
        assert_eq!(errors[2], (3, ValueError::DuplicateValue { first: 0 }));
    }
}
