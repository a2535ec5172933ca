//! A word search sorted by creation is read from SQLite's scoped word table alone (m0017):
//! it must hold exactly the live records of its kind and workspace that the viewer sees, as
//! trash, restore, merge, sharing and renaming change them, newest first; and records created
//! out of order must still come newest first. PostgreSQL runs the same assertions through its
//! own search.

use chrono::Duration;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{Session, TestApp, every_page, item_ids, spawn_app};
use crate::records::create;

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

/// Every match of `q` page by page (`limit` a page) in `order` (`sort` parameter), checking
/// that each page carries the same exact total.
async fn found(app: &TestApp, s: &Session, q: &str, sort: &str, limit: u32) -> Vec<String> {
    let path = format!("/api/v1/contacts?q={q}&sort={sort}&limit={limit}");
    let (seen, pages) = every_page(app, &s.token, &path).await;
    assert!(pages.iter().all(|p| p["total_is_estimate"] == false));
    let totals: Vec<u64> = pages.iter().filter_map(|p| p["total"].as_u64()).collect();
    assert!(
        totals.iter().all(|t| *t == seen.len() as u64),
        "totals {totals:?} for {} matches",
        seen.len()
    );
    seen
}

fn newest_first(ids: &[&String]) -> Vec<String> {
    ids.iter().rev().map(|s| (*s).clone()).collect()
}

#[tokio::test]
async fn a_word_search_holds_the_live_records_the_viewer_sees_newest_first() {
    let app = spawn_app().await;
    let boss = app.signup("words").await;
    let member = app.add_user(&boss, "wmem", "member").await;
    let other = app.signup("wordsother").await;
    let dung = json!({"first_name": "Dung", "last_name": "Trần Thị"});
    // Oldest first: shared, private to the boss, the member's own, trashed, merged away.
    let shared = create(&app, &boss.token, "contacts", dung.clone()).await;
    let mut private = dung.clone();
    private["sharing"] = json!({"mode": "private"});
    let hidden = create(&app, &boss.token, "contacts", private).await;
    let own = create(&app, &member.token, "contacts", dung.clone()).await;
    let trashed = create(&app, &boss.token, "contacts", dung.clone()).await;
    let slave = create(&app, &boss.token, "contacts", dung.clone()).await;
    // Other kinds and workspaces, and a name that does not match.
    create(&app, &boss.token, "leads", dung.clone()).await;
    create(&app, &other.token, "contacts", dung.clone()).await;
    create(
        &app,
        &boss.token,
        "contacts",
        json!({"first_name": "Dũng", "last_name": "Trần Văn"}),
    )
    .await;
    let (shared, hidden, own, trashed, slave) =
        (id(&shared), id(&hidden), id(&own), id(&trashed), id(&slave));
    app.delete(&format!("/api/v1/contacts/{trashed}"), &boss.token)
        .await
        .expect(204);
    app.post(
        "/api/v1/contacts/merge",
        &boss.token,
        json!({"master_id": shared, "slave_ids": [slave]}),
    )
    .await
    .expect(200);

    let q = "tran%20thi%20dung";
    let all = newest_first(&[&shared, &hidden, &own]);
    assert_eq!(found(&app, &boss, q, "-created_at", 50).await, all);
    assert_eq!(found(&app, &boss, q, "-created_at", 1).await, all);
    let mut oldest_first = all.clone();
    oldest_first.reverse();
    assert_eq!(found(&app, &boss, q, "created_at", 2).await, oldest_first);
    assert_eq!(
        found(&app, &member, q, "-created_at", 1).await,
        newest_first(&[&shared, &own])
    );
    assert_eq!(found(&app, &other, q, "-created_at", 50).await.len(), 1);

    // Sharing moves a record in and out of the member's matches.
    let path = |id: &str| format!("/api/v1/contacts/{id}");
    app.patch(
        &path(&hidden),
        &boss.token,
        json!({"sharing": {"mode": "everyone"}}),
    )
    .await
    .expect(200);
    app.patch(
        &path(&shared),
        &boss.token,
        json!({"sharing": {"mode": "users", "user_ids": [boss.user_id]}}),
    )
    .await
    .expect(200);
    assert_eq!(
        found(&app, &member, q, "-created_at", 1).await,
        newest_first(&[&hidden, &own])
    );
    // Restored, a record is back in its place; renamed, it is gone.
    app.post(
        &format!("{}/restore", path(&trashed)),
        &boss.token,
        json!({}),
    )
    .await
    .expect(200);
    app.patch(&path(&own), &member.token, json!({"first_name": "Tám"}))
        .await
        .expect(200);
    assert_eq!(
        found(&app, &boss, q, "-created_at", 2).await,
        newest_first(&[&shared, &hidden, &trashed])
    );
    assert_eq!(
        found(&app, &member, q, "-created_at", 50).await,
        newest_first(&[&hidden, &trashed])
    );
}

#[tokio::test]
async fn records_created_out_of_order_still_come_newest_first() {
    let app = spawn_app().await;
    let s = app.signup("wordorder").await;
    let db = app.state.db.conn();
    let body = json!({"first_name": "Hà", "last_name": "Lý Thu"});
    let a = Uuid::parse_str(&id(&create(&app, &s.token, "contacts", body.clone()).await)).unwrap();
    let b = id(&create(&app, &s.token, "contacts", body.clone()).await);
    // A copy of `a` written after `b` but a day older than `a`.
    let mut older = sen_store::repo::records::get_any(db, s.workspace_id, a)
        .await
        .unwrap()
        .unwrap();
    older.id = Uuid::now_v7();
    older.created_at -= Duration::days(1);
    let tx = app.state.db.begin().await.unwrap();
    sen_store::repo::records::insert_many(&tx, &[(older.clone(), Default::default())])
        .await
        .unwrap();
    sen_store::commit(tx).await.unwrap();
    let (a, older) = (a.to_string(), older.id.to_string());
    assert_eq!(
        found(&app, &s, "ly%20ha", "-created_at", 2).await,
        [b.clone(), a.clone(), older.clone()]
    );
    assert_eq!(
        found(&app, &s, "ly%20ha", "created_at", 2).await,
        [older.clone(), a.clone(), b.clone()]
    );
    // Records created since follow in order again: their pages come from above the copy.
    let mut newer = Vec::new();
    for _ in 0..3 {
        newer.push(id(&create(&app, &s.token, "contacts", body.clone()).await));
    }
    newer.reverse();
    let expected: Vec<String> = newer.into_iter().chain([b, a, older]).collect();
    assert_eq!(found(&app, &s, "ly%20ha", "-created_at", 2).await, expected);
    let mut oldest_first = expected.clone();
    oldest_first.reverse();
    assert_eq!(
        found(&app, &s, "ly%20ha", "created_at", 4).await,
        oldest_first
    );
}

#[tokio::test]
async fn a_word_search_past_the_limit_is_estimated_from_its_newest_matches() {
    let app = spawn_app().await;
    let s = app.signup("wordest").await;
    let made = create(
        &app,
        &s.token,
        "contacts",
        json!({"first_name": "Quyên", "last_name": "Đỗ"}),
    )
    .await;
    let id = Uuid::parse_str(&id(&made)).unwrap();
    crate::helpers::copies_of(&app, s.workspace_id, id, 12_999).await;
    app.state.db.analyze().await.unwrap();
    let page = app
        .get("/api/v1/contacts?q=do%20quyen&limit=5", &s.token)
        .await
        .expect(200);
    assert_eq!(page["total_is_estimate"], true);
    let total = page["total"].as_u64().unwrap();
    assert!(
        (10_001..=16_000).contains(&total),
        "13,000 estimated: {total}"
    );
    assert_eq!(item_ids(&page).len(), 5);
    assert!(page["next_cursor"].is_string());
    // Oldest first, the page lies past the newest matches: the original comes first.
    let oldest = app
        .get(
            "/api/v1/contacts?q=do%20quyen&sort=created_at&limit=5",
            &s.token,
        )
        .await
        .expect(200);
    assert_eq!(item_ids(&oldest)[0], id.to_string());
    let next = app
        .get(
            &format!(
                "/api/v1/contacts?q=do%20quyen&sort=created_at&limit=5&cursor={}",
                oldest["next_cursor"].as_str().unwrap()
            ),
            &s.token,
        )
        .await
        .expect(200);
    let (first, second) = (item_ids(&oldest), item_ids(&next));
    assert_eq!(second.len(), 5);
    assert!(first.iter().all(|i| !second.contains(i)), "no row twice");
    assert!(
        first.last() < second.first(),
        "copies' ids grow with their rowids"
    );
}
