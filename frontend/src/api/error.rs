//! What a failed call looks like to the UI: the problem+json body when there is one.

use gloo_net::http::Response;
use sen_api_types::duplicate::DuplicateCandidate;
use sen_api_types::error::{ErrorCode, FieldError, Problem};
use uuid::Uuid;

pub type ApiResult<T> = Result<T, ApiError>;

#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// No answer at all (network down, server stopped).
    Network(String),
    /// An RFC 9457 problem from the API.
    Problem(Problem),
    /// Any other failure: a non-problem error page, or a body we could not read.
    Unexpected { status: u16, detail: String },
}

impl ApiError {
    pub(super) fn network(e: impl std::fmt::Display) -> Self {
        ApiError::Network(e.to_string())
    }

    pub(super) async fn from_response(resp: Response) -> Self {
        let status = resp.status();
        let text = resp.text().await.unwrap_or_default();
        match serde_json::from_str::<Problem>(&text) {
            Ok(p) => ApiError::Problem(p),
            Err(_) => ApiError::Unexpected {
                status,
                detail: format!("HTTP {status} {}", resp.status_text())
                    .trim_end()
                    .to_owned(),
            },
        }
    }

    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiError::Problem(p) => Some(p.code),
            _ => None,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Problem(p) => Some(p.status),
            ApiError::Unexpected { status, .. } => Some(*status),
            ApiError::Network(_) => None,
        }
    }

    pub fn is(&self, code: ErrorCode) -> bool {
        self.code() == Some(code)
    }

    /// The per-field errors (`errors[]`), empty when the problem names no field.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            ApiError::Problem(p) => &p.errors,
            _ => &[],
        }
    }

    /// The existing records a duplicate rule matched (`duplicate`, `duplicate_blocked`).
    pub fn candidates(&self) -> &[DuplicateCandidate] {
        match self {
            ApiError::Problem(p) => &p.candidates,
            _ => &[],
        }
    }

    /// Where a merged-away record went.
    pub fn merged_into(&self) -> Option<Uuid> {
        match self {
            ApiError::Problem(p) => p.merged_into,
            _ => None,
        }
    }
}
