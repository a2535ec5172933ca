//! The OpenAPI document and offline interactive docs (Swagger UI served from local files).

use std::path::PathBuf;

use actix_web::{HttpResponse, get, web};

use crate::error::ApiError;
use crate::openapi;
use crate::state::AppState;

const DOCS_HTML: &str = include_str!("../../../../openapi/docs.html");

/// Mounts `/api/openapi.json`, `/docs` and `/docs/assets/*`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(openapi_get)
        .service(docs_get)
        .service(docs_asset_get);
}

/// The OpenAPI 3.1 document of this server.
#[get("/api/openapi.json")]
pub async fn openapi_get() -> HttpResponse {
    HttpResponse::Ok().json(openapi::document())
}

/// The interactive docs page.
#[get("/docs")]
pub async fn docs_get() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(DOCS_HTML)
}

/// Swagger UI's files, from the local `swagger-ui-dist` package (no CDN).
#[get("/docs/assets/{file}")]
pub async fn docs_asset_get(
    state: web::Data<AppState>,
    file: web::Path<String>,
) -> Result<actix_files::NamedFile, ApiError> {
    let name = file.into_inner();
    if name.contains('/') || name.contains("..") {
        return Err(ApiError::not_found("asset"));
    }
    let path: PathBuf = state.config.docs_dir.join(&name);
    actix_files::NamedFile::open_async(&path)
        .await
        .map_err(|_| {
            ApiError::not_found("docs asset (run `make docs-assets` to install Swagger UI)")
        })
}
