//! What every handler shares: the database, the token keys, the limiter and the metrics.

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use sen_store::Db;
use tokio::sync::Notify;

use crate::auth::jwt::JwtKeys;
use crate::config::Config;
use crate::metrics::Metrics;
use crate::rate_limit::RateLimiter;

/// Shared application state (cheap to clone).
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: Db,
    /// Signs and verifies access tokens.
    pub jwt: Arc<JwtKeys>,
    /// The configuration the server started with.
    pub config: Arc<Config>,
    /// Login attempt limiter.
    pub login_limiter: Arc<RateLimiter>,
    /// Request counters for `/metrics`.
    pub metrics: Arc<Metrics>,
    /// Bulk actions on more records than this run as background jobs (`SEN_BULK_SYNC_LIMIT`).
    pub bulk_sync_limit: Arc<AtomicU64>,
    /// Largest accepted upload in bytes (`SEN_UPLOAD_LIMIT`, default 50 MiB); tests may lower it.
    pub upload_limit: Arc<AtomicU64>,
    /// Rows an import writes per transaction at most (`SEN_IMPORT_CHUNK`, by default 10,000
    /// on SQLite and 5,000 on PostgreSQL); tests may lower it.
    pub import_chunk: Arc<AtomicU64>,
    /// Wakes this instance's job worker when a handler has committed a new job, so the job
    /// starts at once instead of at the next poll.
    pub jobs_wake: Arc<Notify>,
}
