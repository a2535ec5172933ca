//! A JSON body extractor: checks the media type, enforces the size limit while reading, and
//! names the offending field when the body does not deserialize.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use sen_api_types::error::{ErrorCode, FieldError};
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::state::AppState;

/// A deserialized JSON body.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    /// The body.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req
            .app_data::<web::Data<AppState>>()
            .map_or(1024 * 1024, |s| s.config.json_limit);
        let media = check_media_type(req);
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let mut payload = payload.take();
        Box::pin(async move {
            media?;
            if declared.is_some_and(|n| n > limit) {
                return Err(too_large(limit));
            }
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|e| {
                    ApiError::new(
                        ErrorCode::MalformedBody,
                        format!("could not read the body: {e}"),
                    )
                })?;
                if body.len() + chunk.len() > limit {
                    return Err(too_large(limit));
                }
                body.extend_from_slice(&chunk);
            }
            parse(&body).map(Json)
        })
    }
}

fn too_large(limit: usize) -> ApiError {
    ApiError::new(
        ErrorCode::PayloadTooLarge,
        format!("the body exceeds {limit} bytes"),
    )
}

/// JSON bodies must say so: `application/json` or any `+json` type.
fn check_media_type(req: &HttpRequest) -> Result<(), ApiError> {
    let ct = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") {
        Ok(())
    } else if essence.is_empty() {
        Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "send the body as JSON with Content-Type: application/json",
        ))
    } else {
        Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            format!("expected Content-Type application/json, got {essence}"),
        ))
    }
}

/// Deserializes, turning syntax errors into 400 and shape errors into 422 naming the field.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::new(
            ErrorCode::MalformedBody,
            "the body is empty; send a JSON object",
        ));
    }
    let de = &mut serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut *de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let message = inner.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        if inner.is_syntax() || inner.is_eof() {
            return ApiError::new(ErrorCode::MalformedBody, format!("invalid JSON: {inner}"));
        }
        // Missing and unknown fields are reported at the enclosing object: name the field.
        let (code, named) = if let Some(f) = quoted_after(&message, "missing field `") {
            ("required", Some(f))
        } else if let Some(f) = quoted_after(&message, "unknown field `") {
            ("unknown_field", Some(f))
        } else {
            ("invalid_type", None)
        };
        let field = match (path.as_str(), named) {
            (".", Some(f)) => f.to_owned(),
            // An unknown field's path already ends at the field itself.
            (p, Some(f)) if p == f || p.ends_with(&format!(".{f}")) => p.to_owned(),
            (".", None) => {
                return ApiError::new(
                    ErrorCode::MalformedBody,
                    format!("expected a JSON object: {message}"),
                );
            }
            (p, Some(f)) => format!("{p}.{f}"),
            (p, None) => p.to_owned(),
        };
        ApiError::Validation(vec![FieldError::new(field, code, message)])
    })?;
    de.end()
        .map_err(|e| ApiError::new(ErrorCode::MalformedBody, format!("invalid JSON: {e}")))?;
    Ok(value)
}

/// The text between `prefix` and the next backtick in `message`.
fn quoted_after<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = &message[message.find(prefix)? + prefix.len()..];
    rest.split('`').next()
}
