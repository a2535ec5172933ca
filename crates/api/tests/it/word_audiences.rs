//! A member's total for a word search sorted by creation: on SQLite it is counted from the
//! matches shared with everyone plus those filed under the member's user and teams (m0018),
//! which triggers keep as owners, creators, sharing, shares, state and names change. Each
//! step below compares that total and its pages with the general search path (sorted by
//! name) for every viewer, and on SQLite the audience entries stored with those the records
//! and shares call for. PostgreSQL runs the same comparisons through its own search.

use sen_store::{ConnectionTrait, DatabaseBackend, Statement};
use serde_json::{Value, json};

use crate::helpers::{Session, TestApp, every_page, spawn_app};
use crate::records::create;

const Q: &str = "hoang%20yen";

/// Every match of the word search for `s`, page by page one record a page (so every page
/// is counted), newest first, checking the total on each page.
async fn counted(app: &TestApp, s: &Session) -> Vec<String> {
    let path = format!("/api/v1/contacts?q={Q}&sort=-created_at&limit=1");
    let (seen, pages) = every_page(app, &s.token, &path).await;
    for page in &pages {
        assert_eq!(page["total_is_estimate"], false);
        assert_eq!(page["total"].as_u64(), Some(seen.len() as u64), "{path}");
    }
    seen
}

/// The same search through the general path: sorted by name.
async fn general(app: &TestApp, s: &Session) -> Vec<String> {
    let path = format!("/api/v1/contacts?q={Q}&sort=name&limit=50");
    let (mut seen, _) = every_page(app, &s.token, &path).await;
    seen.sort();
    seen
}

/// The audience entries stored in SQLite's word table, and those the data calls for.
async fn audience_entries(app: &TestApp) -> Option<(Vec<i64>, Vec<i64>)> {
    let db = app.state.db.conn();
    if db.get_database_backend() != DatabaseBackend::Sqlite {
        return None;
    }
    let rowids = |sql: String| async move {
        let rows = db
            .query_all_raw(Statement::from_string(DatabaseBackend::Sqlite, sql))
            .await
            .unwrap();
        rows.iter()
            .map(|r| r.try_get_by_index::<i64>(0).unwrap())
            .collect::<Vec<_>>()
    };
    let stored = rowids(format!(
        "SELECT rowid FROM {} ORDER BY 1",
        sen_migrations::AUDIENCE_WORDS
    ))
    .await;
    let expected = rowids(sen_migrations::audience_entries()).await;
    Some((stored, expected))
}

/// Every viewer's counted total and pages agree with the general path, and with `expected`
/// (how many each sees); the stored audience entries are those called for.
async fn check(app: &TestApp, viewers: &[&Session], expected: &[usize], step: &str) {
    if let Some((stored, expected)) = audience_entries(app).await {
        assert_eq!(stored, expected, "{step}: audience entries");
    }
    for (s, n) in viewers.iter().zip(expected) {
        let mut newest = counted(app, s).await;
        assert_eq!(newest.len(), *n, "{step}: {}", s.email);
        newest.sort();
        assert_eq!(newest, general(app, s).await, "{step}: {}", s.email);
    }
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_members_word_search_total_follows_owners_shares_teams_and_state() {
    let app = spawn_app().await;
    let boss = app.signup("aud").await;
    let seller = app.add_user(&boss, "audsel", "member").await;
    let other = app.add_user(&boss, "audoth", "member").await;
    let team = |name: &str, member: &Session| {
        let body = json!({"name": name, "member_ids": [member.user_id]});
        let (app, token) = (&app, boss.token.clone());
        async move { id(&app.post("/api/v1/teams", &token, body).await.expect(201)) }
    };
    let north = team("Bắc", &seller).await;
    let south = team("Nam", &other).await;
    let name = json!({"first_name": "Yến", "last_name": "Hoàng Thị"});
    let with = |sharing: Value| {
        let mut body = name.clone();
        body["sharing"] = sharing;
        body
    };
    let mut made = Vec::new();
    for (by, body) in [
        (&boss, name.clone()),
        (&boss, with(json!({"mode": "private"}))),
        (&boss, with(json!({"mode": "team", "team_ids": [north]}))),
        (&boss, with(json!({"mode": "team", "team_ids": [south]}))),
        (
            &boss,
            with(json!({"mode": "users", "user_ids": [seller.user_id]})),
        ),
        (
            &boss,
            with(json!({"mode": "users", "user_ids": [other.user_id]})),
        ),
        (&seller, with(json!({"mode": "private"}))),
        // The seller's own record shared with their team too: one match, two audiences.
        (&seller, with(json!({"mode": "team", "team_ids": [north]}))),
    ] {
        made.push(id(&create(&app, &by.token, "contacts", body).await));
    }
    // The boss is no data owner: they see their own records and those shared with everyone.
    let [
        _,
        private,
        north_only,
        south_only,
        to_seller,
        to_other,
        _,
        both,
    ] = &made[..]
    else {
        unreachable!()
    };
    // Rows of another name, kind and team, which no count may take in.
    create(&app, &boss.token, "leads", with(json!({"mode": "private"}))).await;
    let viewers = [&boss, &seller, &other];
    check(&app, &viewers, &[6, 5, 3], "created").await;

    let path = |id: &str| format!("/api/v1/contacts/{id}");
    let patch = |by: &Session, id: &str, body: Value| {
        let (app, token, path) = (&app, by.token.clone(), path(id));
        async move { app.patch(&path, &token, body).await.expect(200) }
    };
    patch(&boss, north_only, json!({"sharing": {"mode": "private"}})).await;
    check(&app, &viewers, &[6, 4, 3], "a team share taken back").await;
    patch(&boss, private, json!({"owner_id": seller.user_id})).await;
    check(&app, &viewers, &[6, 5, 3], "given to the seller").await;
    let users = |ids: &[&Session]| {
        let ids: Vec<_> = ids.iter().map(|s| s.user_id).collect();
        json!({"sharing": {"mode": "users", "user_ids": ids}})
    };
    patch(&boss, to_other, users(&[&other, &seller])).await;
    check(&app, &viewers, &[6, 6, 3], "shared with the seller too").await;
    patch(&boss, to_other, users(&[&other])).await;
    check(&app, &viewers, &[6, 5, 3], "a user's share taken back").await;
    patch(&boss, to_other, users(&[&seller, &other])).await;
    check(&app, &viewers, &[6, 6, 3], "shared again").await;
    patch(&seller, both, json!({"sharing": {"mode": "private"}})).await;
    check(&app, &viewers, &[6, 6, 3], "still the seller's own").await;
    // The seller moves to the south team: the north team's shares no longer reach them.
    app.patch(
        &format!("/api/v1/teams/{north}"),
        &boss.token,
        json!({"member_ids": []}),
    )
    .await
    .expect(200);
    app.patch(
        &format!("/api/v1/teams/{south}"),
        &boss.token,
        json!({"member_ids": [other.user_id, seller.user_id]}),
    )
    .await
    .expect(200);
    check(&app, &viewers, &[6, 7, 3], "moved teams").await;
    app.delete(&path(to_seller), &boss.token).await.expect(204);
    check(&app, &viewers, &[5, 6, 3], "trashed").await;
    app.post(
        &format!("{}/restore", path(to_seller)),
        &boss.token,
        json!({}),
    )
    .await
    .expect(200);
    check(&app, &viewers, &[6, 7, 3], "restored").await;
    patch(&boss, south_only, json!({"first_name": "Tám"})).await;
    check(&app, &viewers, &[5, 6, 2], "renamed").await;
    // Handed over in bulk, the boss's private record reaches the other member.
    app.post(
        "/api/v1/contacts/bulk",
        &boss.token,
        json!({"action": "assign", "selection": {"ids": [private]},
               "params": {"user_id": other.user_id}}),
    )
    .await
    .expect(200);
    check(&app, &viewers, &[5, 5, 3], "assigned in bulk").await;
    app.post(
        "/api/v1/contacts/merge",
        &boss.token,
        json!({"master_id": made[0], "slave_ids": [to_other]}),
    )
    .await
    .expect(200);
    check(&app, &viewers, &[4, 4, 2], "merged away").await;
}
