//! Every error the API can answer with: one code, one HTTP status, one RFC 9457 body.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Every error the API can return. Each code has exactly one HTTP status (see [`ErrorCode::status`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The body is not valid JSON or does not have the expected shape.
    MalformedBody,
    /// A query-string parameter is missing or malformed.
    InvalidQuery,
    /// A path segment (usually an id) is malformed.
    InvalidPath,
    /// No credentials were sent.
    Unauthenticated,
    /// The token or API key is not valid (bad signature, revoked, unknown).
    InvalidToken,
    /// The access token has expired; refresh it.
    TokenExpired,
    /// Wrong email or password.
    InvalidCredentials,
    /// Authenticated, but the role does not allow this action.
    Forbidden,
    /// The resource does not exist, or is not visible to the caller.
    NotFound,
    /// The route does not exist.
    RouteNotFound,
    /// The HTTP method is not allowed on this route.
    MethodNotAllowed,
    /// The request conflicts with the current state (e.g. a taken email).
    Conflict,
    /// `If-Match` does not match the record's current version.
    PreconditionFailed,
    /// The body is larger than the limit.
    PayloadTooLarge,
    /// The `Content-Type` is not one the route accepts.
    UnsupportedMediaType,
    /// The request is well-formed but some fields are invalid; see `errors`.
    ValidationFailed,
    /// The record looks like one that exists (a `warn` duplicate rule); the body lists the
    /// candidates. Resend with `?allow_duplicate=true` to save anyway.
    Duplicate,
    /// The record looks like one that exists and a `block` duplicate rule refuses it.
    DuplicateBlocked,
    /// Too many attempts; retry later.
    RateLimited,
    /// An unexpected server error; the log has the cause.
    Internal,
    /// A dependency (the database) is not reachable.
    Unavailable,
}

impl ErrorCode {
    /// The one HTTP status of each code.
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::MalformedBody | ErrorCode::InvalidQuery | ErrorCode::InvalidPath => 400,
            ErrorCode::Unauthenticated
            | ErrorCode::InvalidToken
            | ErrorCode::TokenExpired
            | ErrorCode::InvalidCredentials => 401,
            ErrorCode::Forbidden => 403,
            ErrorCode::NotFound | ErrorCode::RouteNotFound => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::Conflict | ErrorCode::Duplicate => 409,
            ErrorCode::PreconditionFailed => 412,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::UnsupportedMediaType => 415,
            ErrorCode::ValidationFailed | ErrorCode::DuplicateBlocked => 422,
            ErrorCode::RateLimited => 429,
            ErrorCode::Internal => 500,
            ErrorCode::Unavailable => 503,
        }
    }

    /// The stable snake_case spelling, used in the problem `type`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::MalformedBody => "malformed_body",
            ErrorCode::InvalidQuery => "invalid_query",
            ErrorCode::InvalidPath => "invalid_path",
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::InvalidToken => "invalid_token",
            ErrorCode::TokenExpired => "token_expired",
            ErrorCode::InvalidCredentials => "invalid_credentials",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::RouteNotFound => "route_not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::Conflict => "conflict",
            ErrorCode::PreconditionFailed => "precondition_failed",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::Duplicate => "duplicate",
            ErrorCode::DuplicateBlocked => "duplicate_blocked",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::Internal => "internal",
            ErrorCode::Unavailable => "unavailable",
        }
    }

    /// A short, human title for the problem body.
    pub fn title(self) -> &'static str {
        match self {
            ErrorCode::MalformedBody => "The request body is malformed",
            ErrorCode::InvalidQuery => "A query parameter is invalid",
            ErrorCode::InvalidPath => "A path parameter is invalid",
            ErrorCode::Unauthenticated => "Authentication is required",
            ErrorCode::InvalidToken => "The credentials are not valid",
            ErrorCode::TokenExpired => "The access token has expired",
            ErrorCode::InvalidCredentials => "Wrong email or password",
            ErrorCode::Forbidden => "Your role does not allow this",
            ErrorCode::NotFound => "Not found",
            ErrorCode::RouteNotFound => "No such route",
            ErrorCode::MethodNotAllowed => "Method not allowed",
            ErrorCode::Conflict => "Conflict",
            ErrorCode::PreconditionFailed => "The record has changed since you read it",
            ErrorCode::PayloadTooLarge => "The request body is too large",
            ErrorCode::UnsupportedMediaType => "Unsupported content type",
            ErrorCode::ValidationFailed => "Some fields are invalid",
            ErrorCode::Duplicate => "This looks like a record that already exists",
            ErrorCode::DuplicateBlocked => "A record like this already exists",
            ErrorCode::RateLimited => "Too many requests",
            ErrorCode::Internal => "Internal server error",
            ErrorCode::Unavailable => "Service unavailable",
        }
    }

    /// Every code, for the status-table test and the docs.
    pub const ALL: [ErrorCode; 21] = [
        ErrorCode::MalformedBody,
        ErrorCode::InvalidQuery,
        ErrorCode::InvalidPath,
        ErrorCode::Unauthenticated,
        ErrorCode::InvalidToken,
        ErrorCode::TokenExpired,
        ErrorCode::InvalidCredentials,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::RouteNotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::Conflict,
        ErrorCode::PreconditionFailed,
        ErrorCode::PayloadTooLarge,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::ValidationFailed,
        ErrorCode::Duplicate,
        ErrorCode::DuplicateBlocked,
        ErrorCode::RateLimited,
        ErrorCode::Internal,
        ErrorCode::Unavailable,
    ];
}

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FieldError {
    /// Path of the field in the request, e.g. `phones[1].number`.
    #[schema(example = "email")]
    pub field: String,
    /// Machine-readable reason, e.g. `invalid_email`, `required`, `too_long`.
    #[schema(example = "invalid_email")]
    pub code: String,
    /// Human-readable explanation.
    #[schema(example = "not a valid email address")]
    pub message: String,
}

impl FieldError {
    /// Builds a field error.
    pub fn new(
        field: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }
    }
}

/// An RFC 9457 problem document (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Problem {
    /// A URI reference naming the problem type: `/problems/<code>`.
    #[serde(rename = "type")]
    #[schema(example = "/problems/validation_failed")]
    pub type_: String,
    /// Short human summary of the problem type.
    #[schema(example = "Some fields are invalid")]
    pub title: String,
    /// The HTTP status code.
    #[schema(example = 422)]
    pub status: u16,
    /// The machine-readable error code.
    pub code: ErrorCode,
    /// Human explanation of this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Per-field errors, when the request had invalid fields.
    #[serde(default)]
    pub errors: Vec<FieldError>,
    /// The existing records a duplicate rule matched (`duplicate`, `duplicate_blocked`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<crate::duplicate::DuplicateCandidate>,
    /// Where a merged-away record went (404 on its id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<uuid::Uuid>,
}

impl Problem {
    /// A problem of the given code with an optional detail.
    pub fn new(code: ErrorCode, detail: Option<String>) -> Self {
        Self {
            type_: format!("/problems/{}", code.as_str()),
            title: code.title().to_owned(),
            status: code.status(),
            code,
            detail,
            errors: Vec::new(),
            candidates: Vec::new(),
            merged_into: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_distinct_spelling_and_a_4xx_or_5xx_status() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            assert!(
                seen.insert(code.as_str()),
                "duplicate spelling {}",
                code.as_str()
            );
            assert!((400..600).contains(&code.status()));
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json, serde_json::Value::String(code.as_str().to_owned()));
        }
    }

    #[test]
    fn problem_type_names_the_code() {
        let p = Problem::new(ErrorCode::NotFound, None);
        assert_eq!(p.type_, "/problems/not_found");
        assert_eq!(p.status, 404);
    }
}
