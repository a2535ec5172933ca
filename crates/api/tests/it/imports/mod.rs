//! Import and export (PRODUCT §7, issue 6): template, upload and mapping, dry-run preview
//! with every validation error, the four duplicate modes, per-row results and report,
//! re-import and undo, concurrent imports, a crash mid-run, and export round trips.

mod bad_input;
mod concurrent;
mod crash;
mod export;
mod fixtures;
mod flow;
mod formats;
mod modes;
mod options;
mod preview_chunks;
mod template;

use std::time::Duration;

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::helpers::{Answer, Session, TestApp, answer};

/// Uploads `bytes` as `file_name` to import `kind`.
pub async fn upload(
    app: &TestApp,
    token: &str,
    kind: &str,
    file_name: &str,
    bytes: Vec<u8>,
) -> Answer {
    let form = Form::new()
        .text("kind", kind.to_owned())
        .part("file", Part::bytes(bytes).file_name(file_name.to_owned()));
    let res = app
        .client
        .post(format!("{}/api/v1/imports", app.base))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .expect("upload");
    answer(res).await
}

/// Waits until the import is done or failed; its last state.
pub async fn wait(app: &TestApp, token: &str, id: &str) -> Value {
    for _ in 0..1200 {
        let m = app
            .get(&format!("/api/v1/imports/{id}"), token)
            .await
            .expect(200);
        if matches!(m["state"].as_str(), Some("done" | "failed")) {
            return m;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("import {id} did not finish");
}

/// Uploads and runs a file with `opts` (mapping defaults to the suggestion); the finished
/// import.
pub async fn import(
    app: &TestApp,
    s: &Session,
    kind: &str,
    name: &str,
    bytes: Vec<u8>,
    mut opts: Value,
) -> Value {
    let up = upload(app, &s.token, kind, name, bytes).await.expect(201);
    let id = up["id"].as_str().unwrap().to_owned();
    if opts.get("mapping").is_none() {
        opts["mapping"] = up["suggested_mapping"].clone();
    }
    app.post(&format!("/api/v1/imports/{id}/run"), &s.token, opts)
        .await
        .expect(202);
    let done = wait(app, &s.token, &id).await;
    assert_eq!(done["state"], "done", "{done}");
    done
}

/// Every live record of `kind` the session sees (up to 500).
pub async fn all(app: &TestApp, s: &Session, kind: &str) -> Vec<Value> {
    let page = app
        .post(
            &format!("/api/v1/{kind}/search"),
            &s.token,
            json!({"limit": 200}),
        )
        .await
        .expect(200);
    page["items"].as_array().cloned().unwrap_or_default()
}

/// Per-row outcomes of an import.
pub async fn rows(app: &TestApp, s: &Session, id: &str, outcome: &str) -> Vec<Value> {
    let q = if outcome.is_empty() {
        String::new()
    } else {
        format!("&outcome={outcome}")
    };
    app.get(
        &format!("/api/v1/imports/{id}/rows?limit=1000{q}"),
        &s.token,
    )
    .await
    .expect(200)["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}
