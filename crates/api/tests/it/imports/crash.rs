//! Crash safety: the real `sen` binary is SIGKILLed in the middle of an import run; after a
//! restart the job finishes, and nothing is half-written or written twice.

use std::collections::HashSet;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use super::upload;
use crate::helpers::{Session, TestApp, fresh_database, spawn_app};

const ROWS: usize = 12_000;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(url: &str, dir: &std::path::Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_sen"))
        .env("DATABASE_URL", url)
        .env("SEN_DATA_DIR", dir)
        .env("SEN_BIND", format!("127.0.0.1:{port}"))
        .env("SEN_JWT_SECRET", crate::helpers::TEST_SECRET)
        .env("SEN_IMPORT_CHUNK", "250")
        .env("SEN_JOB_STALE_SECS", "1")
        .env("SEN_WORKERS", "1")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start sen")
}

async fn ready(client: &reqwest::Client, base: &str) {
    for _ in 0..300 {
        if client
            .get(format!("{base}/health"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("sen did not start");
}

fn file() -> Vec<u8> {
    let mut out = String::from("Họ,Tên,Điện thoại,Email\n");
    for i in 0..ROWS {
        // Every tenth row repeats an earlier person (by phone, in another spelling).
        let p = if i % 10 == 9 { i - 5 } else { i };
        let phone = if i % 10 == 9 {
            format!("+84 98{:07}", p)
        } else {
            format!("098 {:07}", p)
        };
        out.push_str(&format!("Nguyễn,Người {p},{phone},p{p}@example.vn\n"));
    }
    out.into_bytes()
}

async fn status(app: &TestApp, s: &Session, id: &str) -> Option<Value> {
    let res = app
        .client
        .get(format!("{}/api/v1/imports/{id}", app.base))
        .bearer_auth(&s.token)
        .send()
        .await
        .ok()?;
    res.json().await.ok()
}

#[tokio::test]
async fn a_killed_server_resumes_the_import_without_duplicates_or_half_rows() {
    // Only for its client and session helpers: the server under test is the binary.
    let helper = spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let (url, _pg) = fresh_database(dir.path()).await;
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = start(&url, dir.path(), port);
    let app = TestApp::pointed_at(&helper, &base);
    ready(&app.client, &base).await;
    let s = app.signup("crash").await;
    let up = upload(&app, &s.token, "leads", "big.csv", file())
        .await
        .expect(201);
    let id = up["id"].as_str().unwrap().to_owned();
    let opts = json!({"mapping": up["suggested_mapping"].clone(),
                      "duplicates": {"criteria": ["phone", "email"], "mode": "skip"}});
    app.post(&format!("/api/v1/imports/{id}/run"), &s.token, opts)
        .await
        .expect(202);
    // Kill it once some chunks are committed and before the end.
    let mut killed_at = 0;
    for _ in 0..2000 {
        if let Some(m) = status(&app, &s, &id).await {
            let scanned = m["counts"]["scanned"].as_u64().unwrap_or(0);
            if scanned >= 500 {
                killed_at = scanned;
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(
        killed_at > 0 && killed_at < ROWS as u64,
        "killed at {killed_at}"
    );

    let mut child = start(&url, dir.path(), port);
    ready(&app.client, &base).await;
    let mut done = Value::Null;
    for _ in 0..3000 {
        if let Some(m) = status(&app, &s, &id).await
            && matches!(m["state"].as_str(), Some("done" | "failed"))
        {
            done = m;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(done["state"], "done", "{done}");
    let distinct = ROWS - ROWS / 10;
    assert_eq!(done["counts"]["scanned"], ROWS as u64, "{done}");
    assert_eq!(done["counts"]["created"], distinct as u64, "{done}");
    assert_eq!(done["counts"]["skipped"], (ROWS / 10) as u64, "{done}");
    // Every row has exactly one outcome.
    let mut after = 0;
    let mut seen = 0;
    loop {
        let page = app
            .get(
                &format!("/api/v1/imports/{id}/rows?limit=1000&after={after}"),
                &s.token,
            )
            .await
            .expect(200);
        let items = page["items"].as_array().unwrap();
        seen += items.len();
        match page["next_after"].as_u64() {
            Some(n) => after = n,
            None => break,
        }
    }
    assert_eq!(seen, ROWS);
    // One lead per person, each whole: its phone and e-mail are there.
    let mut phones = HashSet::new();
    let mut cursor: Option<String> = None;
    let mut leads = 0;
    loop {
        let mut body = json!({"limit": 200});
        if let Some(c) = &cursor {
            body["cursor"] = json!(c);
        }
        let page = app
            .post("/api/v1/leads/search", &s.token, body)
            .await
            .expect(200);
        for l in page["items"].as_array().unwrap() {
            leads += 1;
            assert_eq!(l["phones"].as_array().unwrap().len(), 1, "{l}");
            assert_eq!(l["emails"].as_array().unwrap().len(), 1, "{l}");
            assert!(
                phones.insert(l["phones"][0]["number"].as_str().unwrap().to_owned()),
                "duplicate {l}"
            );
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(leads, distinct);
    child.kill().unwrap();
    child.wait().unwrap();
}
