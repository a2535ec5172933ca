//! Liveness, readiness and metrics.

use actix_web::{HttpResponse, get, web};
use sen_api_types::error::ErrorCode;
use sen_api_types::health::Health;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Liveness: the process answers.
#[utoipa::path(get, path = "/health", tag = "operations", operation_id = "health_get",
    responses((status = 200, description = "Alive", body = Health)))]
#[get("/health")]
pub async fn health_get() -> web::Json<Health> {
    web::Json(Health {
        status: "ok".into(),
        database: None,
    })
}

/// Readiness: the database answers.
#[utoipa::path(get, path = "/ready", tag = "operations", operation_id = "ready_get",
    responses(
        (status = 200, description = "Ready to serve", body = Health),
        (status = 503, description = "The database is not reachable", body = sen_api_types::error::Problem, content_type = "application/problem+json"),
    ))]
#[get("/ready")]
pub async fn ready_get(state: web::Data<AppState>) -> ApiResult<web::Json<Health>> {
    state.db.ping().await.map_err(|e| {
        tracing::warn!(error = %e, "readiness: database unreachable");
        ApiError::new(ErrorCode::Unavailable, "the database is not reachable")
    })?;
    Ok(web::Json(Health {
        status: "ok".into(),
        database: Some(state.db.backend().as_str().into()),
    }))
}

/// Prometheus metrics.
#[utoipa::path(get, path = "/metrics", tag = "operations", operation_id = "metrics_get",
    responses((status = 200, description = "Prometheus text format", body = String, content_type = "text/plain")))]
#[get("/metrics")]
pub async fn metrics_get(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4")
        .body(state.metrics.render())
}
