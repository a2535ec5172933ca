//! The API layer's one error type, rendered as RFC 9457 problem+json.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use sen_api_types::duplicate::DuplicateCandidate;
use sen_api_types::error::{ErrorCode, FieldError, Problem};
use sen_store::StoreError;

/// The problem+json media type.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Every failure a handler can answer with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A client error with a code and an optional explanation.
    #[error("{code:?}: {detail:?}")]
    Client {
        /// Which error.
        code: ErrorCode,
        /// Human explanation of this occurrence.
        detail: Option<String>,
        /// Seconds to wait, for 429.
        retry_after: Option<u64>,
    },
    /// Some request fields are invalid (422).
    #[error("validation failed: {0:?}")]
    Validation(Vec<FieldError>),
    /// The record looks like existing ones: 409 (`warn`) or 422 (`block`) with the candidates.
    #[error("duplicate of {} record(s)", candidates.len())]
    Duplicates {
        /// A `block` rule matched.
        blocked: bool,
        /// Why, in words.
        detail: String,
        /// The existing records.
        candidates: Vec<DuplicateCandidate>,
    },
    /// The record was merged into another (404 with `merged_into`).
    #[error("merged into {0}")]
    MergedAway(uuid::Uuid),
    /// A server fault; the body stays opaque and the log gets the cause chain.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Result alias of handlers.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// A client error with a detail.
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        ApiError::Client {
            code,
            detail: Some(detail.into()),
            retry_after: None,
        }
    }

    /// 404 for anything absent or invisible to the caller.
    pub fn not_found(what: &str) -> Self {
        ApiError::new(ErrorCode::NotFound, format!("{what} not found"))
    }

    /// 422 with one field error.
    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        ApiError::Validation(vec![FieldError::new(field, code, message)])
    }

    /// 403 for a role that may not do this.
    pub fn forbidden(detail: impl Into<String>) -> Self {
        ApiError::new(ErrorCode::Forbidden, detail)
    }

    /// 429 with a `Retry-After`.
    pub fn rate_limited(retry_after: u64) -> Self {
        ApiError::Client {
            code: ErrorCode::RateLimited,
            detail: Some(format!("too many attempts; retry in {retry_after} s")),
            retry_after: Some(retry_after),
        }
    }

    /// The error code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::Client { code, .. } => *code,
            ApiError::Validation(_) => ErrorCode::ValidationFailed,
            ApiError::Duplicates { blocked: true, .. } => ErrorCode::DuplicateBlocked,
            ApiError::Duplicates { .. } => ErrorCode::Duplicate,
            ApiError::MergedAway(_) => ErrorCode::NotFound,
            ApiError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The problem document of this error.
    pub fn problem(&self) -> Problem {
        match self {
            ApiError::Client { code, detail, .. } => Problem::new(*code, detail.clone()),
            ApiError::Validation(errors) => {
                let mut p = Problem::new(
                    ErrorCode::ValidationFailed,
                    Some(
                        errors
                            .iter()
                            .map(|e| format!("{}: {}", e.field, e.message))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                );
                p.errors = errors.clone();
                p
            }
            ApiError::Duplicates {
                detail, candidates, ..
            } => {
                let mut p = Problem::new(self.code(), Some(detail.clone()));
                p.candidates = candidates.clone();
                p
            }
            ApiError::MergedAway(master) => {
                let mut p = Problem::new(
                    ErrorCode::NotFound,
                    Some(format!("this record was merged into {master}")),
                );
                p.merged_into = Some(*master);
                p
            }
            ApiError::Internal(_) => Problem::new(ErrorCode::Internal, None),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Conflict(_) => ApiError::new(ErrorCode::Conflict, "already exists"),
            StoreError::NotFound => ApiError::new(ErrorCode::NotFound, "not found"),
            other => ApiError::Internal(anyhow::Error::new(other)),
        }
    }
}

/// Renders a problem document with its status.
pub fn problem_response(problem: &Problem) -> HttpResponse {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)))
        .json(problem)
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.code().status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(err) = self {
            tracing::error!(error = ?err, "internal error");
        }
        let mut res = problem_response(&self.problem());
        if let ApiError::Client {
            retry_after: Some(secs),
            ..
        } = self
            && let Ok(v) = HeaderValue::from_str(&secs.to_string())
        {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        res
    }
}
