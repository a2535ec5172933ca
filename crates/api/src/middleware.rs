//! Cross-cutting middleware: request ids, metrics, and problem+json for framework errors.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers, Next};
use actix_web::{HttpMessage, web};
use sen_api_types::error::{ErrorCode, Problem};
use tracing_actix_web::RequestId;

use crate::error::{PROBLEM_JSON, problem_response};
use crate::state::AppState;

/// Adds `x-request-id` (the id tracing logs with) and counts the request in the metrics.
pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().to_string();
    let route = req
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_owned());
    let metrics = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.metrics.clone());
    let request_id = req.extensions().get::<RequestId>().map(|id| id.to_string());
    let mut res = next.call(req).await?;
    if let Some(id) = request_id.and_then(|id| HeaderValue::from_str(&id).ok()) {
        res.headers_mut()
            .insert(HeaderName::from_static("x-request-id"), id);
    }
    if let Some(metrics) = metrics {
        metrics.observe(&method, &route, res.status().as_u16(), started.elapsed());
    }
    Ok(res)
}

/// Turns any error response the framework produced without a problem body (405, a failed
/// extractor of a third-party type, …) into problem+json.
pub fn problem_errors<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler(|res: ServiceResponse<B>| {
        let is_problem = res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with(PROBLEM_JSON));
        if is_problem || res.response().head().status.as_u16() < 400 {
            return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
        }
        let status = res.status().as_u16();
        let code = code_for(status);
        let detail = res
            .response()
            .error()
            .map(|e| e.to_string())
            .filter(|d| !d.is_empty() && status < 500);
        let mut problem = Problem::new(code, detail);
        problem.status = status;
        let (req, _) = res.into_parts();
        let res = ServiceResponse::new(req, problem_response(&problem));
        Ok(ErrorHandlerResponse::Response(res.map_into_right_body()))
    })
}

fn code_for(status: u16) -> ErrorCode {
    ErrorCode::ALL
        .into_iter()
        .find(|c| c.status() == status)
        .unwrap_or(if status >= 500 {
            ErrorCode::Internal
        } else {
            ErrorCode::MalformedBody
        })
}
