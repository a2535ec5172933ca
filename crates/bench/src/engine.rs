//! One engine, start to finish: a fresh database, the real server in-process, the workspace,
//! the load, and every scenario for the owner and for a plain member.

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use rand::SeedableRng;
use rand::rngs::StdRng;
use sen_api::config::Config;
use sen_store::ConnectionTrait;
use sen_store::admin::{create_postgres_database, drop_postgres_database};
use uuid::Uuid;

use crate::args::{Args, Engine, Section};
use crate::checks::{Oracle, Who};
use crate::client::Http;
use crate::measure::{self, Budget};
use crate::report::{EngineReport, Row};
use crate::setup::Workspace;
use crate::{load, scenarios, setup};

/// A series stops after this long (with at least 10 samples) even short of `--iterations`.
const MAX_SERIES_TIME: Duration = Duration::from_secs(60);

/// Runs the benchmark on `engine`; returns the report and the failed checks. The database is
/// dropped afterwards, whatever happened, unless `--keep-db` asks to keep it.
pub async fn run(engine: Engine, args: &Args) -> anyhow::Result<(EngineReport, Vec<String>)> {
    let dir = tempfile::tempdir().context("creating a temporary directory")?;
    let (url, pg) = match engine {
        Engine::Sqlite => (
            format!("sqlite://{}", dir.path().join("sen.db").display()),
            None,
        ),
        Engine::Postgres => {
            let admin = args
                .pg_url
                .clone()
                .context("--pg-url is required for postgres")?;
            let name = format!("sen_bench_{}", Uuid::now_v7().simple());
            let url = create_postgres_database(&admin, &name)
                .await
                .context("creating the database")?;
            (url, Some((admin, name)))
        }
    };
    let result = on_database(engine, args, url.clone(), dir.path()).await;
    if args.keep_db {
        let _ = dir.keep();
        eprintln!("sen-bench: kept the {} database: {url}", engine.name());
    } else if let Some((admin, name)) = pg
        && let Err(e) = drop_postgres_database(&admin, &name).await
    {
        eprintln!("sen-bench: could not drop database {name}: {e}");
    }
    result
}

/// The server's configuration: the defaults of the test suite, two workers, and tokens that
/// outlive a long load.
fn config(database_url: String, dir: &Path) -> Config {
    Config {
        database_url,
        bind: "127.0.0.1:0".into(),
        data_dir: dir.to_path_buf(),
        jwt_secret: Some(format!("bench-{}", Uuid::now_v7().simple())),
        access_ttl: Duration::from_secs(24 * 3600),
        refresh_ttl: Duration::from_secs(24 * 3600),
        json_limit: 1024 * 1024,
        login_limit_per_ip: 1000,
        login_limit_per_account: 100,
        static_dir: dir.join("no-spa"),
        docs_dir: dir.join("no-docs"),
        workers: 2,
    }
}

/// The upload limit the benchmark's server runs with: room for a million-row .csv.
const CSV_UPLOAD_LIMIT: u64 = 256 * 1024 * 1024;

/// The server running in-process, and its database pool.
struct Server {
    handle: actix_web::dev::ServerHandle,
    http: Http,
    db: sen_store::Db,
}

impl Server {
    async fn start(config: Config) -> anyhow::Result<Server> {
        let app = sen_api::server::build(config)
            .await
            .context("starting the server")?;
        // The million-row .csv is about 60 MB: an operator lifts `SEN_UPLOAD_LIMIT` so.
        app.state
            .upload_limit
            .store(CSV_UPLOAD_LIMIT, std::sync::atomic::Ordering::Relaxed);
        let handle = app.server.handle();
        tokio::spawn(app.server);
        Ok(Server {
            handle,
            http: Http::new(app.port)?,
            db: app.state.db.clone(),
        })
    }

    async fn stop(self) {
        self.handle.stop(true).await;
        if let Err(e) = self.db.close().await {
            eprintln!("sen-bench: closing the pool: {e}");
        }
    }
}

async fn on_database(
    engine: Engine,
    args: &Args,
    url: String,
    dir: &Path,
) -> anyhow::Result<(EngineReport, Vec<String>)> {
    let name = engine.name();
    let config = config(url, dir);
    let Server { handle, http, db } = Server::start(config.clone()).await?;
    let mut rng = StdRng::seed_from_u64(args.seed.wrapping_add(1));
    eprintln!("{name}: setting up the workspace");
    let ws = setup::workspace(&http, &db, &mut rng)
        .await
        .context("setting up the workspace")?;
    eprintln!("{name}: loading {} contacts", args.rows);
    let (facts, load) = load::load(&db, &ws, args.rows, args.seed).await?;
    eprintln!(
        "{name}: loaded in {:.1} s ({:.0} contacts/s)",
        load.elapsed.as_secs_f64(),
        load.rate()
    );
    if engine == Engine::Postgres {
        // What autovacuum would reach soon after a bulk load: statistics and a visibility map.
        db.conn()
            .execute_unprepared("VACUUM ANALYZE")
            .await
            .context("VACUUM ANALYZE")?;
    }
    // Measure a server as it runs after a restart (or once its pool has recycled): SQLite
    // reads the planner's statistics when a connection opens, so connections opened before
    // the load keep planning for an empty database even after `Db::analyze`.
    Server { handle, http, db }.stop().await;
    let server = Server::start(config).await?;
    let (rows, mut problems) = if args.sections.contains(&Section::Records) {
        match measure_all(engine, args, &server, &mut rng, &ws, &facts).await {
            Ok(r) => r,
            Err(e) => {
                server.stop().await;
                return Err(e);
            }
        }
    } else {
        (Vec::new(), Vec::new())
    };
    // A failure below is reported with the rest: the list and search figures stand.
    let mut acting = Vec::new();
    if args.sections.contains(&Section::Acting) {
        eprintln!("{name}: bulk actions, merges, duplicate scans");
        let merges = (args.iterations / 2).clamp(5, 50);
        match crate::acting::run(&server.http, &server.db, &ws, merges).await {
            Ok(a) => acting = a,
            Err(e) => problems.push(format!(
                "{name}: bulk actions, merges, duplicate scans: {e:#}"
            )),
        }
    }
    let mut transfer = None;
    if args.sections.contains(&Section::Transfer) {
        eprintln!("{name}: import and export of {} rows", args.rows / 10);
        let measured = crate::transfer::measure(
            &mut rng,
            &server.http,
            &server.db,
            &ws,
            &facts,
            args.rows / 10,
        )
        .await;
        match measured {
            Ok((t, bad)) => {
                problems.extend(bad);
                transfer = Some(t);
            }
            Err(e) => problems.push(format!("{name}: import and export: {e:#}")),
        }
    }
    // The goal of a million-row .csv is PostgreSQL's (production's engine).
    let mut csv = None;
    if args.sections.contains(&Section::Csv) && engine == Engine::Postgres {
        eprintln!("{name}: import of a {}-row .csv", args.rows);
        let measured = crate::transfer::measure_csv(
            &mut rng,
            &server.http,
            &server.db,
            &ws,
            &facts,
            args.rows,
        )
        .await;
        match measured {
            Ok((t, bad)) => {
                problems.extend(bad);
                csv = Some(t);
            }
            Err(e) => problems.push(format!("{name}: import of a large .csv: {e:#}")),
        }
    }
    server.stop().await;
    Ok((
        EngineReport {
            engine,
            load,
            facts,
            rows,
            acting,
            transfer,
            csv,
        },
        problems,
    ))
}

/// Every scenario for the owner and for the plain member, over HTTP and at the floor.
async fn measure_all<R: rand::Rng>(
    engine: Engine,
    args: &Args,
    server: &Server,
    rng: &mut R,
    ws: &Workspace,
    facts: &crate::facts::Facts,
) -> anyhow::Result<(Vec<Row>, Vec<String>)> {
    let (name, http, db) = (engine.name(), &server.http, &server.db);
    let budget = Budget {
        warmup: (args.iterations / 10).clamp(3, 20),
        iterations: args.iterations,
        max_time: MAX_SERIES_TIME,
    };
    let scenarios = scenarios::all(rng, db, ws, facts, budget.warmup + budget.iterations).await?;
    let oracle = Oracle { ws, facts };
    let (mut rows, mut problems) = (Vec::new(), Vec::new());
    for sc in &scenarios {
        for (who, session) in [(Who::Owner, &ws.owner), (Who::Member, &ws.member)] {
            eprintln!("{name}: {} ({})", sc.name, who.name());
            let check = args.check.then_some((&oracle, who));
            let (http_series, bad, pages) =
                measure::http(http, &session.token, sc, budget, check).await?;
            problems.extend(bad);
            let viewer = measure::viewer(db, ws.id, session).await?;
            let (floor, bad) = measure::floor(db, &viewer, sc, budget, &pages).await?;
            problems.extend(bad);
            rows.push(Row {
                name: format!("{} — {}", sc.name, who.name()),
                goal: sc.goal,
                http: http_series,
                floor,
            });
        }
    }
    Ok((rows, problems))
}
