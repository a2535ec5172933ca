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
        let verdict = if p95 <= goal { "PASS" } else { "FAIL" };
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
            let verdict = if a.pass { "PASS" } else { "FAIL" };
            let _ = writeln!(
                s,
                "| {} | {} | {} | {verdict} |",
                a.name, a.measured, a.goal
            );
        }
        s.push('\n');
    }
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
