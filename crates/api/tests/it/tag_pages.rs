//! A page of one tag (and perhaps a status) is found one of two ways, chosen by how dense
//! the tag is (`records::tag_walk`): a common tag walks the sort index and probes each row,
//! a rare one is read as a set and sorted. Both must give the same pages as the records say.

use sen_store::ConnectionTrait;
use sen_store::DatabaseBackend;
use serde_json::json;

use crate::helpers::{Session, TestApp, spawn_app};
use crate::records::create;

/// One lead as the test made it.
struct Made {
    name: String,
    status: &'static str,
    tags: Vec<&'static str>,
    private: bool,
}

/// Every page of `query` (limit 4) as `viewer` reads it: the names in order, and the totals.
async fn names(app: &TestApp, viewer: &Session, query: &str) -> (Vec<String>, Vec<u64>) {
    let (mut seen, mut totals) = (Vec::new(), Vec::new());
    let mut cursor: Option<String> = None;
    loop {
        let q = match &cursor {
            Some(c) => format!("{query}&limit=4&cursor={c}"),
            None => format!("{query}&limit=4"),
        };
        let page = app
            .get(&format!("/api/v1/leads?{q}"), &viewer.token)
            .await
            .expect(200);
        totals.push(page["total"].as_u64().unwrap());
        let items = page["items"].as_array().unwrap();
        seen.extend(items.iter().map(|i| i["name"].as_str().unwrap().to_owned()));
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    (seen, totals)
}

#[tokio::test]
async fn pages_of_a_common_and_a_rare_tag_hold_what_the_records_say() {
    let app = spawn_app().await;
    let owner = app.signup("tagpages").await;
    let member = app.add_user(&owner, "tagpages2", "member").await;
    // 48 leads, a page of 4: the walk and the set cost the same at about 7 matches sorted by
    // name, 11 by creation. "thường" (36, or 12 of them qualified) is walked, "hiếm" (2)
    // read as a set.
    let mut made = Vec::new();
    for i in 0..48 {
        let mut tags = Vec::new();
        if i % 4 != 0 {
            tags.push("thường");
        }
        if i == 5 || i == 30 {
            tags.push("hiếm");
        }
        let status = if i % 3 == 0 { "qualified" } else { "new" };
        let private = [6, 7, 30].contains(&i);
        // Names out of creation order, so the two sorts differ.
        let name = format!("Khách {:02}", (i * 29) % 48);
        let mut body = json!({"first_name": name, "tags": tags, "status": status});
        if private {
            body["sharing"] = json!({"mode": "private"});
        }
        create(&app, &owner.token, "leads", body).await;
        made.push(Made {
            name: format!("Khách {:02}", (i * 29) % 48),
            status,
            tags,
            private,
        });
    }
    // PostgreSQL's estimate of the leads, as a server's statistics would have it (an
    // unanalyzed table is estimated at a row or two: everything would be walked).
    let db = app.state.db.conn();
    if db.get_database_backend() == DatabaseBackend::Postgres {
        db.execute_unprepared("ANALYZE records").await.unwrap();
    }
    let queries = [
        ("th%C6%B0%E1%BB%9Dng", "thường", None),
        ("th%C6%B0%E1%BB%9Dng", "thường", Some("new")),
        ("th%C6%B0%E1%BB%9Dng", "thường", Some("qualified")),
        ("hi%E1%BA%BFm", "hiếm", None),
        ("hi%E1%BA%BFm", "hiếm", Some("new")),
        ("hi%E1%BA%BFm", "hiếm", Some("qualified")),
    ];
    for (viewer, sees_private) in [(&owner, true), (&member, false)] {
        for (encoded, tag, status) in queries {
            for sort in ["name", "-created_at"] {
                let mut query = format!("sort={sort}&tag={encoded}");
                if let Some(s) = status {
                    query.push_str(&format!("&status={s}"));
                }
                let mut expected: Vec<String> = made
                    .iter()
                    .filter(|m| m.tags.contains(&tag))
                    .filter(|m| status.is_none_or(|s| s == m.status))
                    .filter(|m| sees_private || !m.private)
                    .map(|m| m.name.clone())
                    .collect();
                if sort == "name" {
                    expected.sort();
                } else {
                    expected.reverse();
                }
                let (seen, totals) = names(&app, viewer, &query).await;
                assert_eq!(seen, expected, "{query} as {}", viewer.email);
                let n = expected.len() as u64;
                assert!(
                    totals.iter().all(|t| *t == n),
                    "{query} as {}: totals {totals:?}, {n} rows",
                    viewer.email
                );
            }
        }
    }
}
