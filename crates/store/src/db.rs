//! Connecting to SQLite or PostgreSQL, and applying the migrations.

use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    AccessMode, ConnectOptions, Database, DatabaseBackend, DatabaseConnection, DatabaseTransaction,
    DbErr, IsolationLevel, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use sen_migrations::{Migrator, MigratorTrait};

use crate::error::StoreResult;

/// Which engine a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

impl Backend {
    /// Lower-case name, for logs and readiness.
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// How often SQLite's write-ahead log is checkpointed.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(250);

/// Rows a SQLite connection's worker thread may hand over ahead of the task reading them.
/// sqlx's default of 50 makes the worker wait for the reader at every row past the 50th, a
/// thread switch each (an export's page holds 1,000 records, their children several more).
const ROW_BUFFER: usize = 1024;

/// A pool of connections to Sen's database.
#[derive(Debug, Clone)]
pub struct Db {
    conn: DatabaseConnection,
    backend: Backend,
}

impl Db {
    /// Connects to `url` (`sqlite://path` or `postgres://…`). SQLite files are created when
    /// missing and run in WAL mode with a busy timeout and foreign keys on.
    pub async fn connect(url: &str) -> StoreResult<Db> {
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        let mut opts = ConnectOptions::new(url.to_owned());
        opts.sqlx_logging(false)
            .acquire_timeout(Duration::from_secs(10));
        match backend {
            Backend::Sqlite => {
                opts.max_connections(8)
                    .min_connections(1)
                    .map_sqlx_sqlite_opts(|o| {
                        o.create_if_missing(true)
                            .journal_mode(SqliteJournalMode::Wal)
                            .synchronous(SqliteSynchronous::Normal)
                            .busy_timeout(Duration::from_secs(10))
                            .foreign_keys(true)
                            .row_buffer_size(ROW_BUFFER)
                            // Read through a memory map and keep a larger page cache per
                            // connection: at a million records, 2 MB of cache and a read()
                            // per page made every list walk pay for system calls. The map
                            // covers the whole file (64 GiB of address space, none of it
                            // taken until the file grows): the bundled SQLite is built to
                            // allow it (.cargo/config.toml).
                            .pragma("mmap_size", "68719476736")
                            .pragma("cache_size", "-65536")
                            .pragma("temp_store", "memory")
                            // No commit copies the log back into the file: the checkpointer
                            // task does (see `checkpoint_in_background`).
                            .pragma("wal_autocheckpoint", "0")
                    });
            }
            Backend::Postgres => {
                opts.max_connections(16)
                    .min_connections(1)
                    // No JIT compilation: Sen's statements are short and many, yet a capped
                    // count over a million records is costed above `jit_above_cost`, and
                    // PostgreSQL spent 8 ms compiling one that ran 55 ms.
                    .map_sqlx_postgres_opts(|o| o.options([("jit", "off")]));
            }
        }
        let conn = Database::connect(opts).await?;
        let db = Db { conn, backend };
        if backend == Backend::Sqlite {
            db.checkpoint_in_background();
        }
        Ok(db)
    }

    /// SQLite's write-ahead log is copied back into the database file by a task of its own,
    /// on its own pooled connection, a few times a second — not by whichever commit crosses
    /// the log's size threshold (SQLite's default), which then waits for the copy and its
    /// fsync: a 5,000-row import chunk committed in 30 ms, or in 270–300 ms when it ran the
    /// checkpoint (every other chunk). A passive checkpoint runs beside writers and readers;
    /// with nothing in the log it returns at once. The task ends with the pool.
    fn checkpoint_in_background(&self) {
        let db = self.clone();
        tokio::spawn(async move {
            use sea_orm::ConnectionTrait;
            loop {
                tokio::time::sleep(CHECKPOINT_EVERY).await;
                if db.is_closed() {
                    break;
                }
                if let Err(e) = db
                    .conn
                    .execute_unprepared("PRAGMA wal_checkpoint(PASSIVE)")
                    .await
                {
                    tracing::warn!(error = %e, "WAL checkpoint failed");
                }
            }
        });
    }

    /// Logs (as a `tracing` warning, target `sen::slow_statement`) every statement on this
    /// pool and its transactions that takes `threshold` or longer, with its SQL.
    pub fn log_slow_statements(&mut self, threshold: Duration) {
        self.conn.set_metric_callback(move |info| {
            if info.elapsed >= threshold {
                tracing::warn!(
                    target: "sen::slow_statement",
                    elapsed_ms = info.elapsed.as_secs_f64() * 1e3,
                    failed = info.failed,
                    sql = %info.statement.sql,
                    "slow statement"
                );
            }
        });
    }

    /// The engine behind this pool.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The pool, for repository calls outside a transaction.
    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    /// Starts a write transaction. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`): a deferred transaction that reads and then writes can fail with "database
    /// is locked" when another writer got in between, where waiting is what we want.
    pub async fn begin(&self) -> StoreResult<DatabaseTransaction> {
        let options = TransactionOptions {
            sqlite_transaction_mode: (self.backend == Backend::Sqlite)
                .then_some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        Ok(self.conn.begin_with_options(options).await?)
    }

    /// Applies every pending migration, then refreshes the planner's statistics.
    pub async fn migrate(&self) -> StoreResult<()> {
        Migrator::up(&self.conn, None).await?;
        // PostgreSQL's autovacuum keeps its statistics; SQLite only has what it is told.
        if self.backend == Backend::Sqlite {
            self.analyze().await?;
            // Record writes leave the word table (m0017) in many segments, each of which every
            // search looks its words up in; merged into one, `thi dung` counts its matches in
            // 3.4 ms instead of 4.2 at a million contacts. A million records' words merge in
            // about a second.
            // The same for its companion of restricted records' audiences (m0018).
            use sea_orm::ConnectionTrait;
            for table in ["records_words", sen_migrations::AUDIENCE_WORDS] {
                self.conn
                    .execute_unprepared(&format!(
                        "INSERT INTO {table}({table}) VALUES ('optimize')"
                    ))
                    .await?;
            }
        }
        Ok(())
    }

    /// Refreshes the query planner's statistics (after start-up and after large writes such
    /// as imports). Without them SQLite takes every index prefix for selective and may walk a
    /// whole index where the sort index and a LIMIT would read a page.
    pub async fn analyze(&self) -> StoreResult<()> {
        use sea_orm::ConnectionTrait;
        let sql = match self.backend {
            Backend::Sqlite => "PRAGMA optimize=0x10002",
            Backend::Postgres => "ANALYZE",
        };
        self.conn.execute_unprepared(sql).await?;
        Ok(())
    }

    /// Rolls back every migration (used by the migration round-trip test).
    pub async fn migrate_down_all(&self) -> StoreResult<()> {
        Migrator::down(&self.conn, None).await?;
        Ok(())
    }

    /// Reverts the newest `steps` migrations.
    pub async fn migrate_down(&self, steps: u32) -> StoreResult<()> {
        Migrator::down(&self.conn, Some(steps)).await?;
        Ok(())
    }

    /// How many migrations are applied.
    pub async fn applied_migrations(&self) -> StoreResult<usize> {
        Ok(Migrator::get_applied_migrations(&self.conn).await?.len())
    }

    /// Runs a trivial query: the readiness probe.
    pub async fn ping(&self) -> Result<(), DbErr> {
        self.conn.ping().await
    }

    /// Closes the pool.
    pub async fn close(self) -> StoreResult<()> {
        self.conn.close().await?;
        Ok(())
    }

    /// Whether the pool was closed (its server shut down): background loops end then.
    pub fn is_closed(&self) -> bool {
        // `backend` is read off the URL the pool was made from, so it names the pool's kind.
        match self.backend {
            Backend::Sqlite => self.conn.get_sqlite_connection_pool().is_closed(),
            Backend::Postgres => self.conn.get_postgres_connection_pool().is_closed(),
        }
    }

    /// The sea-orm backend of a connection.
    pub fn db_backend(&self) -> DatabaseBackend {
        self.conn.get_database_backend()
    }
}

/// Starts a read-only transaction that sees one snapshot of the database in all its
/// statements: PostgreSQL's `REPEATABLE READ`; on SQLite (WAL) every read transaction does.
pub async fn begin_snapshot(conn: &DatabaseConnection) -> StoreResult<DatabaseTransaction> {
    if conn.get_database_backend() == DatabaseBackend::Postgres {
        let options = TransactionOptions {
            isolation_level: Some(IsolationLevel::RepeatableRead),
            access_mode: Some(AccessMode::ReadOnly),
            ..TransactionOptions::default()
        };
        return Ok(conn.begin_with_options(options).await?);
    }
    Ok(conn.begin().await?)
}

/// Commits a transaction.
pub async fn commit(tx: DatabaseTransaction) -> StoreResult<()> {
    Ok(tx.commit().await?)
}

/// Rolls a transaction back.
pub async fn rollback(tx: DatabaseTransaction) -> StoreResult<()> {
    Ok(tx.rollback().await?)
}

/// A SQLite database in a directory of its own, for the store's unit tests; the directory
/// goes when it is dropped.
#[cfg(test)]
pub(crate) struct Scratch {
    pub db: Db,
    dir: std::path::PathBuf,
}

#[cfg(test)]
impl Scratch {
    pub(crate) async fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("sen-{name}-{}", uuid::Uuid::now_v7().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}", dir.join("t.db").display());
        let db = Db::connect(&url).await.unwrap();
        Scratch { db, dir }
    }
}

#[cfg(test)]
impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_log_is_copied_back_by_the_checkpointer_not_by_commits() {
        use sea_orm::ConnectionTrait;
        let scratch = Scratch::new("ckpt").await;
        let db = scratch.db.conn();
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(
                DatabaseBackend::Sqlite,
                "PRAGMA wal_autocheckpoint",
            ))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.try_get_by_index::<i64>(0).unwrap(), 0);
        let file = scratch.dir.join("t.db");
        let size = || std::fs::metadata(&file).unwrap().len();
        let before = size();
        // About 8 MB of pages: past the 1,000 pages at which a commit used to checkpoint.
        db.execute_unprepared(
            "CREATE TABLE filler AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 \
             FROM n WHERE i < 2000) SELECT i, randomblob(4000) AS b FROM n",
        )
        .await
        .unwrap();
        let mut waited = Duration::ZERO;
        while size() < before + 8_000_000 {
            assert!(
                waited < Duration::from_secs(5),
                "the database file did not grow: the log was never copied back"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
            waited += Duration::from_millis(50);
        }
    }

    #[tokio::test]
    async fn a_closed_pool_says_so_to_its_other_handles() {
        let scratch = Scratch::new("db").await;
        let other = scratch.db.clone();
        assert!(!other.is_closed());
        scratch.db.clone().close().await.unwrap();
        assert!(
            other.is_closed(),
            "a clone shares the pool, and sees it closed"
        );
    }
}
