//! Problem+json for path and query-string extraction failures.

use actix_web::web;
use sen_api_types::error::ErrorCode;

use crate::error::ApiError;

/// Malformed path segments (e.g. an id that is not a UUID) are 400 `invalid_path`.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default()
        .error_handler(|err, _req| ApiError::new(ErrorCode::InvalidPath, err.to_string()).into())
}

/// Malformed query strings are 400 `invalid_query`.
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default()
        .error_handler(|err, _req| ApiError::new(ErrorCode::InvalidQuery, err.to_string()).into())
}
