//! Timing a scenario twice: over HTTP (auth, list, children, JSON) and as the bare store
//! `list` call with the same viewer, filter, sort, cursor and limit — the floor.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use sen_api_types::record::RecordPage;
use sen_store::Db;
use sen_store::repo::records::{self, SortField, Viewer};
use sen_store::repo::teams;
use uuid::Uuid;

use crate::checks::{Oracle, Who, ids};
use crate::client::Http;
use crate::scenarios::{LIMIT, Scenario};
use crate::setup::Session;

/// Latencies of one series, in milliseconds.
#[derive(Debug, Clone, Default)]
pub struct Series(Vec<f64>);

impl From<Vec<f64>> for Series {
    fn from(samples: Vec<f64>) -> Series {
        Series(samples)
    }
}

impl Series {
    /// The `q`-quantile by nearest rank (0.5 → p50, 0.95 → p95).
    pub fn quantile(&self, q: f64) -> f64 {
        let mut v = self.0.clone();
        v.sort_by(f64::total_cmp);
        let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len().max(1));
        v.get(rank - 1).copied().unwrap_or(f64::NAN)
    }

    /// How many samples were taken.
    pub fn count(&self) -> usize {
        self.0.len()
    }
}

/// How long and how often to measure.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub warmup: usize,
    pub iterations: usize,
    /// A series stops early (with at least 10 samples) once it has run this long.
    pub max_time: Duration,
}

impl Budget {
    fn over(&self, done: usize, started: Instant) -> bool {
        done >= self.iterations || (done >= 10 && started.elapsed() > self.max_time)
    }
}

/// The viewer the API would build for `s` (its teams; owners/admins of a data-owner team see
/// everything), as `Ctx::load` does.
pub async fn viewer(db: &Db, ws: Uuid, s: &Session) -> anyhow::Result<Viewer> {
    let teams = teams::of_user(db.conn(), ws, s.user_id).await?;
    Ok(Viewer {
        workspace_id: ws,
        user_id: s.user_id,
        team_ids: teams.iter().map(|t| t.id).collect(),
        sees_all: s.admin && teams.iter().any(|t| t.data_owner),
    })
}

/// Times the scenario over HTTP. With an oracle, every answer is checked; problems are
/// returned, and the ids of each answer, for comparison with the floor.
pub async fn http(
    http: &Http,
    token: &str,
    sc: &Scenario,
    budget: Budget,
    oracle: Option<(&Oracle<'_>, Who)>,
) -> anyhow::Result<(Series, Vec<String>, Vec<Vec<Uuid>>)> {
    let (mut series, mut problems, mut pages) = (Vec::new(), Vec::new(), Vec::new());
    let mut measured_since = Instant::now();
    for k in 0_usize.. {
        let done = k.saturating_sub(budget.warmup);
        if k == budget.warmup {
            measured_since = Instant::now();
        }
        if k >= budget.warmup && budget.over(done, measured_since) {
            break;
        }
        let q = &sc.queries[k % sc.queries.len()];
        let t = Instant::now();
        let (status, body) = http.get("/api/v1/contacts", token, &q.params()).await?;
        let elapsed = t.elapsed();
        if status != 200 {
            bail!(
                "{}: HTTP {status}: {}",
                sc.name,
                String::from_utf8_lossy(&body)
            );
        }
        if k >= budget.warmup {
            series.push(elapsed.as_secs_f64() * 1e3);
        }
        if let Some((oracle, who)) = oracle {
            let page: RecordPage =
                serde_json::from_slice(&body).context("a page that does not parse")?;
            problems.extend(
                oracle
                    .check(who, &q.expect, &page)
                    .into_iter()
                    .map(|p| format!("{} ({}): {p}", sc.name, who.name())),
            );
            if pages.len() < sc.queries.len() {
                pages.push(ids(&page));
            }
        }
    }
    Ok((Series(series), problems, pages))
}

/// Times the same queries as bare `records::list` calls. With `pages`, the rows must be the
/// ones HTTP answered.
pub async fn floor(
    db: &Db,
    viewer: &Viewer,
    sc: &Scenario,
    budget: Budget,
    pages: &[Vec<Uuid>],
) -> anyhow::Result<(Series, Vec<String>)> {
    let (mut series, mut problems) = (Vec::new(), Vec::new());
    let mut slowest: Vec<(f64, usize)> = Vec::new();
    let mut measured_since = Instant::now();
    for k in 0_usize.. {
        let done = k.saturating_sub(budget.warmup);
        if k == budget.warmup {
            measured_since = Instant::now();
        }
        if k >= budget.warmup && budget.over(done, measured_since) {
            break;
        }
        let q = &sc.queries[k % sc.queries.len()];
        let filter = q.filter();
        let sort = SortField::parse(q.sort_text()).context("an unknown sort")?;
        let t = Instant::now();
        let page = records::list(
            db.conn(),
            viewer,
            "contact",
            &filter,
            sort,
            q.cursor.as_ref(),
            LIMIT,
        )
        .await?;
        let elapsed = t.elapsed();
        if k >= budget.warmup {
            series.push(elapsed.as_secs_f64() * 1e3);
            slowest.push((elapsed.as_secs_f64() * 1e3, k % sc.queries.len()));
        }
        let i = k % sc.queries.len();
        if let Some(expected) = pages.get(i).filter(|_| k < sc.queries.len()) {
            let got: Vec<Uuid> = page.rows.iter().map(|r| r.id).collect();
            if got != *expected {
                problems.push(format!(
                    "{}: the store's page differs from the HTTP page for query {i}",
                    sc.name
                ));
            }
        }
    }
    show_slowest(sc, slowest);
    Ok((Series(series), problems))
}

/// With `SEN_BENCH_SLOWEST=N`, the N slowest floor queries of a scenario go to stderr: which
/// queries make its p95.
fn show_slowest(sc: &Scenario, mut timed: Vec<(f64, usize)>) {
    let Some(n) = std::env::var("SEN_BENCH_SLOWEST")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    else {
        return;
    };
    timed.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, i) in timed.into_iter().take(n) {
        let q = &sc.queries[i];
        eprintln!(
            "  {ms:7.1} ms  q={:?} status={:?} tag={:?} sort={:?}",
            q.q,
            q.status,
            q.tag.as_ref().map(|t| &t.1),
            q.sort
        );
    }
}
