//! Acting on many records (issue 4's goals), on the loaded workspace: bulk actions over a
//! filter of about a tenth of the contacts against the one-statement floor, merges of a pair
//! whose slave carries 100 timeline entries, and workspace-wide exact-key duplicate scans.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use sen_store::Db;
use sen_store::repo::activities::{self, NewActivity};
use sen_store::repo::bulk::{
    self as store_bulk, Action, Assignee, Bounds, BulkOp, FloorAction, floor,
};
use sen_store::repo::operations::{self, NewOperation};
use sen_store::repo::records::Filter;
use sen_store::repo::{new_id, now, tags};
use serde_json::{Value, json};

use crate::client::{Http, text};
use crate::measure::{self, Series};
use crate::setup::Workspace;

/// One measured line of the report.
pub struct Acted {
    pub name: String,
    pub measured: String,
    pub goal: String,
    pub pass: bool,
}

/// Timeline entries on each merged slave.
const RELATED: usize = 100;

/// Runs every measurement; `merges` is how many merges to time.
pub async fn run(
    http: &Http,
    db: &Db,
    ws: &Workspace,
    merges: usize,
) -> anyhow::Result<Vec<Acted>> {
    let mut out = Vec::new();
    let token = ws.owner.token.as_str();
    let viewer = measure::viewer(db, ws.id, &ws.owner).await?;
    let sellers = &ws.sellers;
    if sellers.len() < 8 {
        bail!("the workspace needs at least 8 sellers");
    }
    let floor_tag = tags::ensure(db.conn(), ws.id, &["bench floor".to_owned()])
        .await?
        .first()
        .map(|t| t.id)
        .context("the floor's tag")?;
    let status = ws.statuses.get(1).cloned().unwrap_or_default();
    // HTTP acts on two sellers' contacts, each floor on two others': a tenth of the rows each.
    // `assign` goes last: it moves the rows away from the filtered owners.
    let store_tag = tags::ensure(db.conn(), ws.id, &["bench store".to_owned()])
        .await?
        .first()
        .map(|t| t.id)
        .context("the store floor's tag")?;
    let cases = [
        (
            "add_tags",
            json!({"tags": ["bench http"]}),
            FloorAction::AddTag(floor_tag),
            Action::AddTags(vec![store_tag]),
        ),
        (
            "set_status",
            json!({"status": status}),
            FloorAction::SetStatus(status.clone()),
            Action::SetStatus(status.clone()),
        ),
        (
            "assign",
            json!({"user_id": sellers[6]}),
            FloorAction::Assign(sellers[7]),
            Action::Assign(Assignee::User(sellers[7])),
        ),
    ];
    for (action, params, floor_action, store_action) in cases {
        let body = json!({"action": action, "params": params,
                          "selection": {"filter": {"owner_ids": [sellers[0], sellers[1]]}}});
        let (http_ms, changed) = bulk(http, token, &body).await?;
        let filter = Filter {
            owner_ids: vec![sellers[2], sellers[3]],
            ..Filter::default()
        };
        let t = Instant::now();
        let tx = db.begin().await?;
        let written = floor(&tx, &viewer, "contact", &filter, &floor_action, now()).await?;
        sen_store::commit(tx).await?;
        let floor_ms = t.elapsed().as_secs_f64() * 1e3;
        let store_filter = Filter {
            owner_ids: vec![sellers[4], sellers[5]],
            ..Filter::default()
        };
        let (store_ms, store_rows) =
            store_floor(db, &viewer, ws, &store_filter, store_action).await?;
        let per_row = |ms: f64, rows: u64| ms / rows.max(1) as f64;
        let ratio = per_row(http_ms, changed) / per_row(store_ms, store_rows).max(1e-9);
        let bare = per_row(http_ms, changed) / per_row(floor_ms, written).max(1e-9);
        out.push(Acted {
            name: format!("bulk {action} over a filter"),
            measured: format!(
                "HTTP {http_ms:.0} ms for {changed} rows; store floor (the same set-based \
                 statements, one transaction) {store_ms:.0} ms for {store_rows} rows = \
                 {ratio:.2}× per row; bare one-statement change {floor_ms:.0} ms for {written} \
                 rows ({bare:.1}× per row: the undo log and timeline cost the rest)"
            ),
            goal: "≤ 1.2× store floor".into(),
            pass: ratio <= 1.2,
        });
    }

    let mut series = Vec::new();
    for i in 0..merges {
        let make = |n: &str| {
            json!({"first_name": format!("Gộp {i} {n}"), "last_name": "Phạm",
                                    "phones": [{"number": format!("09{:08}", 70_000_000 + i)}]})
        };
        let master = http
            .post(
                "/api/v1/contacts?allow_duplicate=true",
                Some(token),
                &make("a"),
            )
            .await?;
        let slave = http
            .post(
                "/api/v1/contacts?allow_duplicate=true",
                Some(token),
                &make("b"),
            )
            .await?;
        let slave_id = text(&slave, "/id")?.parse()?;
        for k in 0..RELATED {
            let entry = NewActivity {
                record_id: slave_id,
                kind: "note".into(),
                event: None,
                subject: Some(format!("Ghi chú {k}")),
                body: None,
                data: None,
                actor_id: Some(ws.owner.user_id),
                occurred_at: None,
            };
            activities::add(db.conn(), ws.id, entry).await?;
        }
        let body = json!({"master_id": text(&master, "/id")?, "slave_ids": [slave_id]});
        let t = Instant::now();
        http.post("/api/v1/contacts/merge", Some(token), &body)
            .await?;
        series.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let series = Series::from(series);
    let p95 = series.quantile(0.95);
    out.push(Acted {
        name: format!("merge of two contacts, {RELATED} related rows"),
        measured: format!(
            "p50 {:.1} ms, p95 {p95:.1} ms (n = {})",
            series.quantile(0.5),
            series.count()
        ),
        goal: "p95 ≤ 50 ms".into(),
        pass: p95 <= 50.0,
    });

    for criterion in ["phone", "email"] {
        let body = json!({"criteria": [[criterion]], "limit": 100, "background": false});
        let t = Instant::now();
        let res = http
            .post("/api/v1/contacts/duplicates/scan", Some(token), &body)
            .await?;
        let ms = t.elapsed().as_secs_f64() * 1e3;
        out.push(Acted {
            name: format!("duplicate scan by {criterion}, all contacts"),
            measured: format!(
                "{ms:.0} ms, {} clusters of {} records",
                res["total_clusters"], res["total_records"]
            ),
            goal: "≤ 10 s".into(),
            pass: ms <= 10_000.0,
        });
    }
    Ok(out)
}

/// The store's bulk statements over the whole selection in one transaction: the undo log,
/// the change and the timeline, without HTTP, planning or chunking. Its time and rows changed.
async fn store_floor(
    db: &Db,
    viewer: &sen_store::repo::records::Viewer,
    ws: &Workspace,
    filter: &Filter,
    action: Action,
) -> anyhow::Result<(f64, u64)> {
    let t = Instant::now();
    let tx = db.begin().await?;
    let op = BulkOp {
        workspace_id: ws.id,
        operation_id: new_id(),
        actor_id: ws.owner.user_id,
        action,
        at: now(),
    };
    operations::insert(
        &tx,
        NewOperation {
            id: op.operation_id,
            workspace_id: ws.id,
            kind: "contact".into(),
            action: op.action.name().into(),
            params: json!({}),
            created_by: ws.owner.user_id,
            job_id: None,
            matched: 0,
            skipped_forbidden: 0,
            at: op.at,
        },
    )
    .await?;
    let candidates = store_bulk::candidates(
        db.conn().get_database_backend(),
        viewer,
        "contact",
        filter,
        Bounds::default(),
    );
    let changed = store_bulk::apply(&tx, &op, candidates, Bounds::default()).await?;
    sen_store::commit(tx).await?;
    Ok((t.elapsed().as_secs_f64() * 1e3, changed))
}

/// Runs a bulk action to its end (polling its job when it became one); its time and the
/// number of rows it changed.
async fn bulk(http: &Http, token: &str, body: &Value) -> anyhow::Result<(f64, u64)> {
    let t = Instant::now();
    let res = http
        .post("/api/v1/contacts/bulk", Some(token), body)
        .await?;
    let result = match res.get("job_id").and_then(Value::as_str) {
        None => res,
        Some(job) => loop {
            tokio::time::sleep(Duration::from_millis(20)).await;
            let (status, bytes) = http.get(&format!("/api/v1/jobs/{job}"), token, &[]).await?;
            let job: Value = serde_json::from_slice(&bytes)?;
            if status != 200 {
                bail!("job {job}");
            }
            match job["state"].as_str() {
                Some("done") => break job["result"].clone(),
                Some("failed") => bail!("bulk job failed: {job}"),
                _ => {}
            }
        },
    };
    let ms = t.elapsed().as_secs_f64() * 1e3;
    Ok((ms, result["changed"].as_u64().unwrap_or_default()))
}
