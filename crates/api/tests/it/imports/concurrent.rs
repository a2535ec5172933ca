//! Two imports of overlapping files running at once — on two server instances sharing one
//! database — must not create the same person twice in `skip` mode. Both files start with the
//! same people and are written 50 rows a chunk, so the two runs match and write the same
//! people at the same time: a chunk matched ahead (`imports::matches`) while the other run
//! committed those people must be matched again under the lock.

use std::collections::HashSet;
use std::sync::atomic::Ordering;

use serde_json::json;

use super::{upload, wait};
use crate::helpers::{TestApp, spawn_app, test_config};

fn people(ranges: &[std::ops::Range<usize>]) -> Vec<u8> {
    let mut out = String::from("Tên,Điện thoại\n");
    for i in ranges.iter().cloned().flatten() {
        out.push_str(&format!("Người {i},0977 {:03} {:03}\n", i / 1000, i % 1000));
    }
    out.into_bytes()
}

#[tokio::test]
async fn concurrent_overlapping_imports_do_not_duplicate_people() {
    let app = spawn_app().await;
    let s = app.signup("conc").await;
    // A second instance on the same database and data directory: its job worker takes the
    // second import while the first instance's worker runs the first.
    let second = sen_api::server::build(test_config(
        app.state.config.database_url.clone(),
        &app.state.config.data_dir,
    ))
    .await
    .unwrap();
    tokio::spawn(second.server);
    for state in [&app.state, &second.state] {
        state.import_chunk.store(50, Ordering::Relaxed);
    }
    let opts = json!({"mapping": {"Tên": "first_name", "Điện thoại": "phones"},
                      "duplicates": {"criteria": ["phone"], "mode": "skip"}});
    let a = upload(
        &app,
        &s.token,
        "leads",
        "a.csv",
        people(&[300..600, 0..300]),
    )
    .await
    .expect(201);
    let b = upload(
        &app,
        &s.token,
        "leads",
        "b.csv",
        people(&[300..600, 600..900]),
    )
    .await
    .expect(201);
    let (a, b) = (
        a["id"].as_str().unwrap().to_owned(),
        b["id"].as_str().unwrap().to_owned(),
    );
    let (pa, pb) = (
        format!("/api/v1/imports/{a}/run"),
        format!("/api/v1/imports/{b}/run"),
    );
    // Each run asked of its own instance, whose worker it wakes.
    let other = TestApp::pointed_at(&app, &format!("http://127.0.0.1:{}", second.port));
    let (ra, rb) = tokio::join!(
        app.post(&pa, &s.token, opts.clone()),
        other.post(&pb, &s.token, opts.clone()),
    );
    ra.expect(202);
    rb.expect(202);
    let (da, db) = tokio::join!(wait(&app, &s.token, &a), wait(&app, &s.token, &b));
    assert_eq!(da["state"], "done", "{da}");
    assert_eq!(db["state"], "done", "{db}");
    let created =
        da["counts"]["created"].as_u64().unwrap() + db["counts"]["created"].as_u64().unwrap();
    let skipped =
        da["counts"]["skipped"].as_u64().unwrap() + db["counts"]["skipped"].as_u64().unwrap();
    assert_eq!(created, 900, "{da} {db}");
    assert_eq!(skipped, 300);
    // Every phone belongs to exactly one lead.
    let mut phones = HashSet::new();
    let mut cursor: Option<String> = None;
    let mut n = 0;
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
            n += 1;
            for p in l["phones"].as_array().unwrap() {
                assert!(
                    phones.insert(p["number"].as_str().unwrap().to_owned()),
                    "phone twice: {p}"
                );
            }
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(n, 900);
    assert_eq!(phones.len(), 900);
}
