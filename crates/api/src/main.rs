//! The `sen` binary: `sen` (or `sen serve`) runs the server; `sen migrate` applies migrations.

use anyhow::Context;
use sen_api::config::Config;
use sen_api::{server, telemetry};

/// mimalloc instead of the system allocator: a list, an import or an export allocates and frees
/// every row's strings, and glibc's malloc spent a sixth of an export consolidating them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: sen [serve | migrate]\n\
  serve    run the API and web app (default)\n\
  migrate  apply pending database migrations and exit\n\
configuration: see README (DATABASE_URL, SEN_BIND, SEN_DATA_DIR, …)";

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    telemetry::init();
    let config = Config::from_env()?;
    match std::env::args().nth(1).as_deref() {
        None | Some("serve") => {
            let app = server::build(config).await?;
            println!("Sen is serving at http://127.0.0.1:{}", app.port);
            app.server.await.context("server stopped with an error")
        }
        Some("migrate") => {
            config.ensure_sqlite_dir()?;
            let db = sen_store::Db::connect(&config.database_url).await?;
            db.migrate().await?;
            println!("migrations applied: {}", db.applied_migrations().await?);
            Ok(())
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => anyhow::bail!("unknown command {other:?}\n{USAGE}"),
    }
}
