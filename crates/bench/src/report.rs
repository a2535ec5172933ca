//! The markdown report: one table per engine, with the load and the goals.

use std::fmt::Write;

use crate::args::{Args, Engine};
use crate::facts::Facts;
use crate::load::LoadStats;
use crate::measure::Series;
use crate::scenarios::Goal;

/// One measured scenario for one viewer.
pub struct Row {
    pub name: String,
    pub goal: Goal,
    pub http: Series,
    pub floor: Series,
}

/// Everything measured on one engine.
pub struct EngineReport {
    pub engine: Engine,
    pub load: LoadStats,
    pub facts: Facts,
    pub rows: Vec<Row>,
    /// Bulk actions, merges and duplicate scans.
    pub acting: Vec<crate::acting::Acted>,
    /// Import and export at scale.
    pub transfer: Option<crate::transfer::TransferStats>,
    /// The large .csv import (PostgreSQL).
    pub csv: Option<crate::transfer::CsvStats>,
}

/// The goal in milliseconds (HTTP p95) of a scenario on an engine.
pub fn goal_ms(goal: Goal, engine: Engine) -> f64 {
    match (goal, engine) {
        (Goal::Page, _) => 25.0,
        (Goal::Search, Engine::Postgres) => 30.0,
        (Goal::Search, Engine::Sqlite) => 10.0,
    }
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The whole report.
pub fn markdown(args: &Args, reports: &[EngineReport]) -> String {
    let mut s = String::new();
    let cpus = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let _ = writeln!(
        s,
        "# Records benchmark — {} contacts\n",
        thousands(args.rows)
    );
    let _ = writeln!(
        s,
        "`sen-bench --rows {} --iterations {} --seed {}{}`, {cpus} CPUs, {}. Latencies in ms; \
         HTTP = `GET /api/v1/contacts` end to end (auth, list, count, children, JSON) over \
         keep-alive; floor = the same `records::list` call on the pool. Measured on a server \
         restarted after the load (PostgreSQL: after VACUUM ANALYZE). Goals are on HTTP p95.\n",
        args.rows,
        args.iterations,
        args.seed,
        if args.check { " --check" } else { "" },
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"),
    );
    for r in reports {
        engine_section(&mut s, r);
    }
    s
}

fn engine_section(s: &mut String, r: &EngineReport) {
    let f = &r.facts;
    let rows = f.keys.len() as u64;
    let _ = writeln!(s, "## {}\n", r.engine.name());
    let _ = writeln!(
        s,
        "Load: {} contacts (+ {} phones, {} emails, {} tags, {} shares) in {:.1} s — {} contacts/s \
         ({:.1} s writing). The member sees {} ({:.1} %).\n",
        thousands(rows),
        thousands(f.phones),
        thousands(f.emails),
        thousands(f.tags),
        thousands(f.shares),
        r.load.elapsed.as_secs_f64(),
        thousands(r.load.rate() as u64),
        r.load.writing.as_secs_f64(),
        thousands(f.member_sees),
        100.0 * f.member_sees as f64 / rows.max(1) as f64,
    );
    let _ = writeln!(
        s,
        "| scenario | HTTP p50 | HTTP p95 | floor p50 | floor p95 | goal | PASS/FAIL | n (HTTP / floor) |"
    );
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---|---:|");
    for row in &r.rows {
        let goal = goal_ms(row.goal, r.engine);
        let p95 = row.http.quantile(0.95);
        let verdict = verdict(p95 <= goal);
        let _ = writeln!(
            s,
            "| {} | {:.1} | {:.1} | {:.1} | {:.1} | ≤ {goal:.0} | {verdict} | {} / {} |",
            row.name,
            row.http.quantile(0.5),
            p95,
            row.floor.quantile(0.5),
            row.floor.quantile(0.95),
            row.http.count(),
            row.floor.count(),
        );
    }
    s.push('\n');
    if !r.acting.is_empty() {
        let _ = writeln!(
            s,
            "| acting on many records | measured | goal | PASS/FAIL |"
        );
        let _ = writeln!(s, "|---|---|---|---|");
        for a in &r.acting {
            let verdict = verdict(a.pass);
            let _ = writeln!(
                s,
                "| {} | {} | {} | {verdict} |",
                a.name, a.measured, a.goal
            );
        }
        s.push('\n');
    }
    if let Some(t) = &r.transfer {
        transfer_section(s, r.engine, t);
    }
    if let Some(c) = &r.csv {
        csv_section(s, c);
    }
}

/// Issue 6's goals, for a 100,000-row file: end to end ≤ 8 s on SQLite and ≤ 10 s on
/// PostgreSQL and ≤ 1.3 × the floor; export ≤ 3 s with ≤ 50 MB extra memory.
fn transfer_section(s: &mut String, engine: Engine, t: &crate::transfer::TransferStats) {
    let goal = match engine {
        Engine::Sqlite => 8.0,
        Engine::Postgres => 10.0,
    };
    let e2e = t.import.end_to_end().as_secs_f64();
    let floor = t.floor.as_secs_f64();
    let ratio = e2e / floor.max(1e-9);
    import_steps(
        s,
        "Import: a {size} .xlsx",
        &t.import,
        "Goals are for 100,000 rows.",
    );
    let _ = writeln!(
        s,
        "| end to end | {e2e:.2} | ≤ {goal:.0} | {} |",
        verdict(e2e <= goal)
    );
    let _ = writeln!(
        s,
        "| database-only floor (set-based match + bulk INSERT, committed) | {floor:.2} | | |"
    );
    let _ = writeln!(
        s,
        "| end to end / floor | {ratio:.2} × | ≤ 1.3 × | {} |",
        verdict(ratio <= 1.3)
    );
    engine_cost(s, t, goal);
    let export = t.export.as_secs_f64();
    let _ = writeln!(
        s,
        "| export {} × {} columns to .xlsx | {export:.2} | ≤ 3 | {} |",
        thousands(t.export_rows),
        t.export_columns,
        verdict(export <= 3.0),
    );
    let _ = writeln!(
        s,
        "| export extra peak RSS (MB, anonymous memory) | {:.1} | ≤ 50 | {} |\n",
        t.export_rss_mb,
        verdict(t.export_rss_mb <= 50.0),
    );
}

/// The engine's own cost of the run's new records, beside the end-to-end goal: a table
/// row, so that the import's figures stay in one table.
fn engine_cost(s: &mut String, t: &crate::transfer::TransferStats, goal: f64) {
    let c = &t.record_cost;
    let created = t.import.counts["created"].as_u64().unwrap_or(0) as f64;
    let _ = writeln!(
        s,
        "| engine alone: the run's {} new records with their phones, e-mails and tags, at the \
         cost of one `INSERT … SELECT` per table ({} records timed, rolled back): {:.0} µs a \
         record ({:.0} µs of it the record row); {:.1} µs into bare tables without indexes or \
         triggers | {:.2} | (goal end to end: {goal:.0}) | |",
        thousands(created as u64),
        thousands(c.rows),
        c.indexed_us,
        c.record_us,
        c.bare_us,
        c.indexed_us * created / 1e6,
    );
}

/// What an import was and its timed steps: `what` names the file (`{size}` its size),
/// `goals` says what the figures are held to.
fn import_steps(s: &mut String, what: &str, i: &crate::transfer::Imported, goals: &str) {
    let what = what.replace("{size}", &format!("{:.1} MB", i.file_bytes as f64 / 1e6));
    let _ = writeln!(
        s,
        "{what} of {} rows, {} of them existing contacts in other spellings (criteria phone, \
         email; mode skip). Counts: {}. {goals}\n",
        thousands(i.rows),
        thousands(i.existing),
        i.counts,
    );
    let _ = writeln!(s, "| step | seconds | goal | PASS/FAIL |");
    let _ = writeln!(s, "|---|---:|---:|---|");
    for (step, took) in [
        ("upload (store + read sheets)", i.upload),
        ("preview (dry run of every row)", i.preview),
        ("run (202 → done)", i.run),
    ] {
        let _ = writeln!(s, "| {step} | {:.2} | | |", took.as_secs_f64());
    }
}

/// A goal's verdict.
fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "FAIL" }
}

/// The large .csv import: issue 6 asks a million rows end to end in 60 s on PostgreSQL.
fn csv_section(s: &mut String, c: &crate::transfer::CsvStats) {
    let e2e = c.import.end_to_end().as_secs_f64();
    // The goal is for a million rows; a smaller run is held to the same rate.
    let goal = 60.0 * c.import.rows as f64 / 1e6;
    import_steps(
        s,
        "Large import: a {size} .csv",
        &c.import,
        &format!("The goal is 60 s for 1,000,000 rows (here {goal:.1} s)."),
    );
    let _ = writeln!(
        s,
        "| end to end | {e2e:.2} | ≤ {goal:.1} | {} |",
        verdict(e2e <= goal)
    );
    let _ = writeln!(
        s,
        "| extra peak RSS while imported (MB, anonymous memory) | {:.1} | | |\n",
        c.rss_mb
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn groups_thousands() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(20_000), "20,000");
        assert_eq!(super::thousands(1_000_000), "1,000,000");
    }
}
