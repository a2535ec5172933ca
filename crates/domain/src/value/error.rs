//! The one error of value parsing, each variant with a stable machine code for the API.

use thiserror::Error;

/// Why a raw input is not a valid value.
///
/// The API turns one of these into a problem+json field error:
/// `{"field": "phones[1].number", "code": err.code(), "message": err.to_string()}`.
/// The `reason` of a variant is a short English clause that tells the user what to fix.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ValueError {
    /// A required value is empty or blank.
    #[error("This field is required.")]
    Required,
    /// A name that cannot be stored (too long, control characters).
    #[error("Not a valid name: {reason}.")]
    InvalidName {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Not a phone number, or not a number that exists in its country's numbering plan.
    #[error("Not a valid phone number: {reason}.")]
    InvalidPhone {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Not a syntactically valid e-mail address.
    #[error("Not a valid e-mail address: {reason}.")]
    InvalidEmail {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Not a date, or a date that does not exist.
    #[error("Not a valid date: {reason}.")]
    InvalidDate {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Not an ISO 3166 alpha-2 country code with a telephone numbering plan.
    #[error("Not a known country code (use two letters, e.g. VN).")]
    InvalidCountry,
    /// The same value (after normalisation) as an earlier item of the same list.
    #[error("The same value as item {first} of this list.")]
    DuplicateValue {
        /// The 0-based index of the earlier item it repeats.
        first: usize,
    },
}

impl ValueError {
    /// The stable machine code, e.g. `invalid_phone`; clients may switch on it.
    pub fn code(&self) -> &'static str {
        match self {
            ValueError::Required => "required",
            ValueError::InvalidName { .. } => "invalid_name",
            ValueError::InvalidPhone { .. } => "invalid_phone",
            ValueError::InvalidEmail { .. } => "invalid_email",
            ValueError::InvalidDate { .. } => "invalid_date",
            ValueError::InvalidCountry => "invalid_country",
            ValueError::DuplicateValue { .. } => "duplicate_value",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ValueError;

    #[test]
    fn codes_are_stable_and_messages_are_sentences() {
        let cases = [
            (ValueError::Required, "required"),
            (
                ValueError::InvalidName { reason: "too long" },
                "invalid_name",
            ),
            (
                ValueError::InvalidPhone {
                    reason: "too short",
                },
                "invalid_phone",
            ),
            (ValueError::InvalidEmail { reason: "no @" }, "invalid_email"),
            (
                ValueError::InvalidDate {
                    reason: "a year alone is not a date",
                },
                "invalid_date",
            ),
            (ValueError::InvalidCountry, "invalid_country"),
            (ValueError::DuplicateValue { first: 0 }, "duplicate_value"),
        ];
        for (err, code) in cases {
            assert_eq!(err.code(), code);
            let message = err.to_string();
            assert!(message.ends_with('.'), "{message}");
        }
        assert_eq!(
            ValueError::InvalidPhone {
                reason: "too short"
            }
            .to_string(),
            "Not a valid phone number: too short."
        );
    }
}
