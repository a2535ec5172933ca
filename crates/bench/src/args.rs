//! The command line, parsed by hand: a handful of flags do not need a parser crate.

use std::path::PathBuf;

use anyhow::{Context, bail};

/// A database engine the benchmark runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// An SQLite file in a temporary directory.
    Sqlite,
    /// A fresh database on the server of `--pg-url`.
    Postgres,
}

impl Engine {
    /// The name used on the command line and in the report.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }
}

/// What to run.
#[derive(Debug, Clone)]
pub struct Args {
    /// Contacts to generate.
    pub rows: u64,
    /// Engines, in order.
    pub engines: Vec<Engine>,
    /// Admin URL of a PostgreSQL server (required for `postgres`).
    pub pg_url: Option<String>,
    /// Measured requests per scenario (after the warm-up).
    pub iterations: usize,
    /// Where the markdown report goes.
    pub out: PathBuf,
    /// Check the answers, not only time them; exit non-zero when one is wrong.
    pub check: bool,
    /// Seed of the generator.
    pub seed: u64,
    /// Keep the databases afterwards (to EXPLAIN the queries on them).
    pub keep_db: bool,
    /// The parts to run (all by default).
    pub sections: Vec<Section>,
}

/// A part of the benchmark, to run one alone while working on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Lists and searches over HTTP and at the floor.
    Records,
    /// Bulk actions, merges and duplicate scans.
    Acting,
    /// Import and export.
    Transfer,
    /// The large .csv import (PostgreSQL only: its goal is production's engine's).
    Csv,
}

const SECTIONS: [Section; 4] = [
    Section::Records,
    Section::Acting,
    Section::Transfer,
    Section::Csv,
];

pub const USAGE: &str = "usage: sen-bench [--rows N] [--engines sqlite,postgres] [--pg-url URL] \
[--iterations N] [--out PATH] [--seed N] [--check] [--keep-db] \
[--sections records,acting,transfer,csv]";

fn default_out() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from("target"), PathBuf::from);
    target.join("bench").join("records.md")
}

impl Args {
    /// Parses `std::env::args()` without the program name.
    pub fn parse(args: impl IntoIterator<Item = String>) -> anyhow::Result<Args> {
        let mut out = Args {
            rows: 1_000_000,
            engines: vec![Engine::Sqlite, Engine::Postgres],
            pg_url: None,
            iterations: 200,
            out: default_out(),
            check: false,
            seed: 20_260_101,
            keep_db: false,
            sections: SECTIONS.to_vec(),
        };
        let mut it = args.into_iter();
        while let Some(flag) = it.next() {
            let mut value = || {
                it.next()
                    .with_context(|| format!("{flag} needs a value\n{USAGE}"))
            };
            match flag.as_str() {
                "--rows" => out.rows = number(&flag, &value()?)?,
                "--iterations" => out.iterations = number(&flag, &value()?)?,
                "--seed" => out.seed = number(&flag, &value()?)?,
                "--engines" => out.engines = engines(&value()?)?,
                "--pg-url" => out.pg_url = Some(value()?).filter(|u| !u.is_empty()),
                "--out" => out.out = PathBuf::from(value()?),
                "--check" => out.check = true,
                "--keep-db" => out.keep_db = true,
                "--sections" => out.sections = sections(&value()?)?,
                other => bail!("unknown argument {other:?}\n{USAGE}"),
            }
        }
        if out.engines.contains(&Engine::Postgres) && out.pg_url.is_none() {
            bail!("--engines postgres needs --pg-url (the admin URL of a server)\n{USAGE}");
        }
        if out.rows == 0 || out.iterations == 0 {
            bail!("--rows and --iterations must be at least 1");
        }
        Ok(out)
    }
}

fn number<T: std::str::FromStr>(flag: &str, text: &str) -> anyhow::Result<T> {
    let clean: String = text.chars().filter(|c| *c != '_' && *c != ',').collect();
    clean
        .parse()
        .ok()
        .with_context(|| format!("{flag} expects a whole number, not {text:?}"))
}

fn engines(text: &str) -> anyhow::Result<Vec<Engine>> {
    let mut out = Vec::new();
    for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let engine = match name {
            "sqlite" => Engine::Sqlite,
            "postgres" | "postgresql" | "pg" => Engine::Postgres,
            other => bail!("unknown engine {other:?}; use sqlite and/or postgres"),
        };
        if !out.contains(&engine) {
            out.push(engine);
        }
    }
    if out.is_empty() {
        bail!("--engines names no engine");
    }
    Ok(out)
}

fn sections(text: &str) -> anyhow::Result<Vec<Section>> {
    let mut out = Vec::new();
    for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let section = match name {
            "records" => Section::Records,
            "acting" => Section::Acting,
            "transfer" => Section::Transfer,
            "csv" => Section::Csv,
            other => bail!("unknown section {other:?}; use records, acting, transfer and/or csv"),
        };
        if !out.contains(&section) {
            out.push(section);
        }
    }
    if out.is_empty() {
        bail!("--sections names no section");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> anyhow::Result<Args> {
        Args::parse(args.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn reads_flags_and_defaults() {
        let a = parse(&["--rows", "20_000", "--engines", "sqlite", "--check"]).unwrap();
        assert_eq!(a.rows, 20_000);
        assert_eq!(a.engines, [Engine::Sqlite]);
        assert_eq!(a.iterations, 200);
        assert!(a.check);
        assert!(a.out.ends_with("bench/records.md"));
        assert_eq!(a.sections, SECTIONS);
        let b = parse(&["--engines", "sqlite", "--sections", "acting, records"]).unwrap();
        assert_eq!(b.sections, [Section::Acting, Section::Records]);
        assert!(parse(&["--engines", "sqlite", "--sections", "merge"]).is_err());
    }

    #[test]
    fn postgres_needs_a_url() {
        assert!(parse(&["--engines", "sqlite,postgres"]).is_err());
        let a = parse(&["--engines", "postgres", "--pg-url", "postgres://x@h/db"]).unwrap();
        assert_eq!(a.engines, [Engine::Postgres]);
        assert!(parse(&["--bogus"]).is_err());
        assert!(parse(&["--rows"]).is_err());
    }
}
