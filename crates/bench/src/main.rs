//! `sen-bench`: generates a seeded workspace of Vietnamese contacts and measures list and
//! search latencies over HTTP and at the store, then imports and exports, on SQLite and
//! PostgreSQL (`make bench`).

mod acting;
mod args;
mod checks;
mod client;
mod engine;
mod engine_cost;
mod facts;
mod generate;
mod load;
mod measure;
mod names;
mod phones;
mod report;
mod scenarios;
mod setup;
mod transfer;

use anyhow::{Context, bail};

use crate::args::Args;

/// The allocator the `sen` server runs with, so the server measured in process is the one
/// that ships.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    if std::env::args().any(|a| a == "-h" || a == "--help") {
        println!("{}", args::USAGE);
        return Ok(());
    }
    let args = Args::parse(std::env::args().skip(1))?;
    // The server's slow-statement log (SEN_SLOW_QUERY_MS) and its other logs (RUST_LOG)
    // need a subscriber to go anywhere.
    if std::env::var_os("SEN_SLOW_QUERY_MS").is_some() || std::env::var_os("RUST_LOG").is_some() {
        sen_api::telemetry::init();
    }
    let (mut reports, mut problems) = (Vec::new(), Vec::new());
    for engine in &args.engines {
        let (report, bad) = engine::run(*engine, &args).await?;
        reports.push(report);
        problems.extend(bad);
        // Written after each engine, so a later failure keeps what was measured.
        write(&args, &report::markdown(&args, &reports))?;
    }
    print!("{}", report::markdown(&args, &reports));
    eprintln!("sen-bench: report written to {}", args.out.display());
    if !problems.is_empty() {
        for p in problems.iter().take(40) {
            eprintln!("check failed: {p}");
        }
        bail!("{} check(s) failed", problems.len());
    }
    if args.check {
        eprintln!("sen-bench: every check passed");
    }
    Ok(())
}

fn write(args: &Args, text: &str) -> anyhow::Result<()> {
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(&args.out, text).with_context(|| format!("writing {}", args.out.display()))
}
