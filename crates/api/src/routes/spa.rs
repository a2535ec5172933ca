//! The built web app at `/`, with every unknown non-API path answered by `index.html` so the
//! app's own router handles it. API paths that match no route are a problem+json 404.

use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::{HttpResponse, web};
use sen_api_types::error::ErrorCode;

use crate::error::ApiError;
use crate::state::AppState;

/// Paths that belong to the API, never to the app.
fn is_api_path(path: &str) -> bool {
    ["/api", "/public", "/docs", "/health", "/ready", "/metrics"]
        .iter()
        .any(|p| path == *p || path.starts_with(&format!("{p}/")))
}

/// Mounts the static files of the app, when they were built.
pub fn routes(cfg: &mut web::ServiceConfig, state: &AppState) {
    let dir = state.config.static_dir.clone();
    if dir.join("index.html").is_file() {
        cfg.service(
            actix_files::Files::new("/", dir)
                .index_file("index.html")
                .default_handler(actix_web::dev::fn_service(fallback)),
        );
    }
}

/// Answers what no route matched: `index.html` for app paths, problem+json for API paths.
pub async fn fallback(req: ServiceRequest) -> Result<ServiceResponse, actix_web::Error> {
    let (req, _) = req.into_parts();
    let index = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.config.static_dir.join("index.html"))
        .filter(|p| p.is_file());
    let res = match index {
        Some(index) if !is_api_path(req.path()) && req.method() == actix_web::http::Method::GET => {
            match actix_files::NamedFile::open_async(index).await {
                Ok(file) => file.into_response(&req),
                Err(_) => HttpResponse::NotFound().finish(),
            }
        }
        _ => actix_web::ResponseError::error_response(&ApiError::new(
            ErrorCode::RouteNotFound,
            format!("no route for {} {}", req.method(), req.path()),
        )),
    };
    Ok(ServiceResponse::new(req, res))
}

#[cfg(test)]
mod tests {
    use super::is_api_path;

    #[test]
    fn api_paths_are_not_app_paths() {
        assert!(is_api_path("/api/v1/leads"));
        assert!(is_api_path("/health"));
        assert!(!is_api_path("/leads/123"));
        assert!(!is_api_path("/apiary"));
    }
}
