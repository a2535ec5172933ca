//! The sales life cycle: prospect → lead → contact + account + opportunity → won/lost, the
//! pipeline, conversions into existing records, races, permissions and bulk conversion.

mod accounts;
mod existing;
mod journey;
mod prospects;
mod race;

use serde_json::Value;

use crate::helpers::{Session, TestApp};

pub fn id(v: &Value) -> String {
    v["id"].as_str().expect("id").to_owned()
}

/// The `(event or kind, record_id)` entries of a timeline, newest first.
pub async fn timeline(
    app: &TestApp,
    s: &Session,
    kind: &str,
    record: &str,
) -> Vec<(String, String)> {
    let t = app
        .get(&format!("/api/v1/{kind}/{record}/activities"), &s.token)
        .await
        .expect(200);
    t["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let what = a["event"].as_str().or(a["kind"].as_str()).unwrap();
            (what.to_owned(), a["record_id"].as_str().unwrap().to_owned())
        })
        .collect()
}

pub async fn total(app: &TestApp, s: &Session, kind: &str) -> u64 {
    app.get(&format!("/api/v1/{kind}"), &s.token)
        .await
        .expect(200)["total"]
        .as_u64()
        .unwrap()
}

/// `(stage, count, amounts)` of the pipeline.
pub async fn pipeline(app: &TestApp, s: &Session, query: &str) -> Vec<(String, u64, Value)> {
    let p = app
        .get(&format!("/api/v1/opportunities/pipeline{query}"), &s.token)
        .await
        .expect(200);
    p["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|st| {
            (
                st["stage"].as_str().unwrap().to_owned(),
                st["count"].as_u64().unwrap(),
                st["amounts"].clone(),
            )
        })
        .collect()
}
