//! Field checks shared by handlers; each failure names its field.

use sen_api_types::error::FieldError;

use crate::error::{ApiError, ApiResult};

/// Collects field errors so a request reports all of them at once.
#[derive(Debug, Default)]
pub struct Errors(Vec<FieldError>);

impl Errors {
    /// A required, trimmed, whitespace-collapsed text of at most `max` characters.
    pub fn text(&mut self, field: &str, value: &str, max: usize) -> String {
        let clean = value.split_whitespace().collect::<Vec<_>>().join(" ");
        if clean.is_empty() {
            self.push(field, "required", "must not be empty");
        } else if clean.chars().count() > max {
            self.push(field, "too_long", &format!("use at most {max} characters"));
        }
        clean
    }

    /// An email address, lower-cased.
    pub fn email(&mut self, field: &str, value: &str) -> String {
        match sen_domain::value::Email::parse(value) {
            Ok(email) => email.as_str().to_owned(),
            Err(err) => {
                self.push(field, err.code(), &err.to_string());
                value.trim().to_lowercase()
            }
        }
    }

    /// Adds a failure from a check that returned an [`ApiError`].
    pub fn check(&mut self, result: ApiResult<()>) {
        if let Err(ApiError::Validation(errors)) = result {
            self.0.extend(errors);
        }
    }

    /// Adds one failure.
    pub fn push(&mut self, field: &str, code: &str, message: &str) {
        self.0.push(FieldError::new(field, code, message));
    }

    /// `Err(422)` when any check failed.
    pub fn finish(self) -> ApiResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.0))
        }
    }
}
