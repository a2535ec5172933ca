//! Configuration from environment variables, with defaults that need no configuration.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;

/// The server's settings. Every field has a default; see README for the variables.
#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`; default `sqlite://<data dir>/sen.db`.
    pub database_url: String,
    /// `SEN_BIND`; default `127.0.0.1:8080`.
    pub bind: String,
    /// `SEN_DATA_DIR`; default `./data`. Holds the SQLite file and the generated JWT secret.
    pub data_dir: PathBuf,
    /// `SEN_JWT_SECRET`; when unset, a secret is generated once and kept in the data dir.
    pub jwt_secret: Option<String>,
    /// `SEN_ACCESS_TTL_SECS`; default 900 (15 minutes).
    pub access_ttl: Duration,
    /// `SEN_REFRESH_TTL_SECS`; default 30 days.
    pub refresh_ttl: Duration,
    /// `SEN_JSON_LIMIT`; maximum JSON body in bytes, default 1 MiB.
    pub json_limit: usize,
    /// `SEN_LOGIN_LIMIT_PER_IP`; login attempts per IP per minute, default 30.
    pub login_limit_per_ip: u32,
    /// `SEN_LOGIN_LIMIT_PER_ACCOUNT`; login attempts per email per minute, default 10.
    pub login_limit_per_account: u32,
    /// `SEN_STATIC_DIR`; the built web app, default `frontend/dist`.
    pub static_dir: PathBuf,
    /// `SEN_DOCS_DIR`; Swagger UI assets, default `openapi/node_modules/swagger-ui-dist`.
    pub docs_dir: PathBuf,
    /// `SEN_WORKERS`; HTTP worker threads, default one per core.
    pub workers: usize,
}

impl Config {
    /// Reads the environment.
    pub fn from_env() -> anyhow::Result<Config> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let num = |name: &str, default: u64| -> anyhow::Result<u64> {
            var(name).map_or(Ok(default), |v| {
                v.trim()
                    .parse()
                    .with_context(|| format!("{name} must be a whole number"))
            })
        };
        let data_dir = PathBuf::from(var("SEN_DATA_DIR").unwrap_or_else(|| "./data".into()));
        let database_url = var("DATABASE_URL")
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("sen.db").display()));
        Ok(Config {
            database_url,
            bind: var("SEN_BIND").unwrap_or_else(|| "127.0.0.1:8080".into()),
            data_dir,
            jwt_secret: var("SEN_JWT_SECRET"),
            access_ttl: Duration::from_secs(num("SEN_ACCESS_TTL_SECS", 900)?),
            refresh_ttl: Duration::from_secs(num("SEN_REFRESH_TTL_SECS", 30 * 24 * 3600)?),
            json_limit: usize::try_from(num("SEN_JSON_LIMIT", 1024 * 1024)?)?,
            login_limit_per_ip: u32::try_from(num("SEN_LOGIN_LIMIT_PER_IP", 30)?)?,
            login_limit_per_account: u32::try_from(num("SEN_LOGIN_LIMIT_PER_ACCOUNT", 10)?)?,
            static_dir: PathBuf::from(
                var("SEN_STATIC_DIR").unwrap_or_else(|| "frontend/dist".into()),
            ),
            docs_dir: PathBuf::from(
                var("SEN_DOCS_DIR")
                    .unwrap_or_else(|| "openapi/node_modules/swagger-ui-dist".into()),
            ),
            workers: usize::try_from(num("SEN_WORKERS", 0)?)?,
        })
    }

    /// Whether the database is an SQLite file (whose directory must exist).
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        let rest = self.database_url.strip_prefix("sqlite:")?;
        let path = rest.trim_start_matches("//");
        let path = path.split('?').next().unwrap_or(path);
        (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
    }

    /// Creates the directory of the SQLite file, so the first run needs no set-up.
    pub fn ensure_sqlite_dir(&self) -> anyhow::Result<()> {
        let path = self.sqlite_path();
        let dir = path
            .as_deref()
            .and_then(|p| p.parent())
            .filter(|d| !d.as_os_str().is_empty());
        if let Some(dir) = dir {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating the data directory {}", dir.display()))?;
        }
        Ok(())
    }
}

/// `SEN_BULK_SYNC_LIMIT`: bulk actions on more records than this run as background jobs
/// (default 5,000). Kept out of [`Config`] so that struct literals elsewhere stay valid; the
/// server holds it in [`crate::state::AppState::bulk_sync_limit`], which tests may lower.
pub fn bulk_sync_limit_from_env() -> anyhow::Result<u64> {
    match std::env::var("SEN_BULK_SYNC_LIMIT") {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse()
            .context("SEN_BULK_SYNC_LIMIT must be a whole number"),
        _ => Ok(5_000),
    }
}

/// `SEN_SLOW_QUERY_MS`: log every database statement that takes at least this many
/// milliseconds (a warning with its SQL); unset, nothing is timed.
pub fn slow_statement_from_env() -> anyhow::Result<Option<Duration>> {
    match std::env::var("SEN_SLOW_QUERY_MS") {
        Ok(v) if !v.trim().is_empty() => {
            let ms: u64 = v
                .trim()
                .parse()
                .context("SEN_SLOW_QUERY_MS must be a whole number of milliseconds")?;
            Ok(Some(Duration::from_millis(ms)))
        }
        _ => Ok(None),
    }
}

/// `SEN_UPLOAD_LIMIT`: the largest import upload in bytes (default 50 MiB).
pub fn upload_limit_from_env() -> anyhow::Result<u64> {
    match std::env::var("SEN_UPLOAD_LIMIT") {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse()
            .context("SEN_UPLOAD_LIMIT must be a whole number of bytes"),
        _ => Ok(50 * 1024 * 1024),
    }
}

/// `SEN_IMPORT_CHUNK`: rows an import writes per transaction. By default as many as suit
/// the engine (large enough that statements and commits cost little per row, small enough
/// that a crash loses a few seconds of work and a chunk's rows take a few tens of MB),
/// measured with 100,000 rows into a million contacts:
/// - SQLite, 10,000: each commit copies every page the chunk touched into the log, and the
///   pages of the indexes' random keys are touched again by every chunk. The run took
///   15.3-16.4 s in 5,000-row chunks, 11.7 s in 20,000-row ones; later, back to back, 9.7 s
///   in 10,000-row chunks and 9.4 s in 20,000-row ones, which hold twice the memory.
/// - PostgreSQL, 5,000: the records took 12.9 s to write, against 16.3 s in 20,000-row
///   chunks; its commits cost a millisecond, and larger arrays of values cost more per row.
pub fn import_chunk_from_env(backend: sen_store::Backend) -> u64 {
    std::env::var("SEN_IMPORT_CHUNK")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|n: &u64| *n > 0)
        .unwrap_or(match backend {
            sen_store::Backend::Sqlite => 10_000,
            sen_store::Backend::Postgres => 5_000,
        })
}
