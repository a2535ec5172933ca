//! Building the application and running the HTTP server.

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use sen_store::Db;
use tracing_actix_web::TracingLogger;

use crate::auth::jwt::{JwtKeys, load_or_create_secret};
use crate::config::Config;
use crate::metrics::Metrics;
use crate::rate_limit::RateLimiter;
use crate::state::AppState;
use crate::{extract, jobs, middleware, routes};

/// A server bound to its port, not yet running.
pub struct Application {
    /// The server future; await it (or spawn it) to serve.
    pub server: Server,
    /// The bound port (useful with `SEN_BIND=127.0.0.1:0`).
    pub port: u16,
    /// The shared state, for tests that look behind the API.
    pub state: AppState,
}

/// Connects to the database, applies migrations and binds the listener.
pub async fn build(config: Config) -> anyhow::Result<Application> {
    config.ensure_sqlite_dir()?;
    let mut db = Db::connect(&config.database_url)
        .await
        .context("connecting to the database")?;
    if let Some(threshold) = crate::config::slow_statement_from_env()? {
        db.log_slow_statements(threshold);
    }
    db.migrate().await.context("applying migrations")?;
    let secret = load_or_create_secret(config.jwt_secret.as_deref(), &config.data_dir)?;
    let ttl = i64::try_from(config.access_ttl.as_secs()).context("SEN_ACCESS_TTL_SECS")?;
    let import_chunk = crate::config::import_chunk_from_env(db.backend());
    let state = AppState {
        db,
        jwt: Arc::new(JwtKeys::new(&secret, ttl)),
        login_limiter: Arc::new(RateLimiter::new(Duration::from_secs(60))),
        metrics: Arc::new(Metrics::default()),
        bulk_sync_limit: Arc::new(AtomicU64::new(crate::config::bulk_sync_limit_from_env()?)),
        upload_limit: Arc::new(AtomicU64::new(crate::config::upload_limit_from_env()?)),
        import_chunk: Arc::new(AtomicU64::new(import_chunk)),
        jobs_wake: Arc::new(tokio::sync::Notify::new()),
        config: Arc::new(config),
    };
    jobs::start(state.clone()).await;
    let listener = TcpListener::bind(&state.config.bind)
        .with_context(|| format!("binding {}", state.config.bind))?;
    let port = listener.local_addr()?.port();
    let server = serve(listener, state.clone())?;
    tracing::info!(port, backend = state.db.backend().as_str(), "listening");
    Ok(Application {
        server,
        port,
        state,
    })
}

fn serve(listener: TcpListener, state: AppState) -> anyhow::Result<Server> {
    let workers = match state.config.workers {
        0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
        n => n,
    };
    let data = web::Data::new(state);
    let server = HttpServer::new(move || {
        let spa_state = data.get_ref().clone();
        App::new()
            .app_data(data.clone())
            .app_data(extract::path_config())
            .app_data(extract::query_config())
            .wrap(middleware::problem_errors())
            .wrap(from_fn(middleware::observe))
            .wrap(TracingLogger::default())
            .wrap(Compress::default())
            .service(routes::health::health_get)
            .service(routes::health::ready_get)
            .service(routes::health::metrics_get)
            .configure(routes::docs::routes)
            .configure(routes::api_v1)
            .configure(|cfg| routes::spa::routes(cfg, &spa_state))
            .default_service(web::to(not_found))
    })
    .workers(workers)
    .listen(listener)?
    .shutdown_timeout(10)
    .run();
    Ok(server)
}

async fn not_found(req: actix_web::HttpRequest) -> actix_web::HttpResponse {
    let err = crate::error::ApiError::new(
        sen_api_types::error::ErrorCode::RouteNotFound,
        format!("no route for {} {}", req.method(), req.path()),
    );
    actix_web::ResponseError::error_response(&err)
}
