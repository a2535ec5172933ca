//! `records::insert_many` (the benchmark's loader, later the import's writer): bulk-written
//! records read back exactly like the same records created one by one through the API.

use sen_store::repo::records;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{copies_of, spawn_app};
use crate::records::create;

#[tokio::test]
async fn bulk_written_records_equal_created_ones() {
    let app = spawn_app().await;
    let s = app.signup("bulk").await;
    let other = app.add_user(&s, "bulk2", "member").await;
    let team = app
        .post(
            "/api/v1/teams",
            &s.token,
            json!({"name": "Kinh doanh", "member_ids": [other.user_id]}),
        )
        .await
        .expect(201);
    let bodies = [
        json!({"first_name": "An", "last_name": "Nguyễn Văn", "job_title": "Giám đốc",
               "phones": [{"number": "0912 345 678", "label": "di động"}, {"number": "0168 123 4567"}],
               "emails": [{"address": "An@ABC.vn", "label": "công việc"}, {"address": "an@gmail.com"}],
               "tags": ["VIP", "Hội chợ 2025"], "addresses": [{"street": "1 Lê Lợi", "city": "Đà Nẵng"}],
               "sharing": {"mode": "team", "team_ids": [team["id"]]}}),
        json!({"first_name": "Lan", "last_name": "Trần Thị", "birthday": "05/09/1990",
               "sharing": {"mode": "users", "user_ids": [other.user_id]}, "tags": ["VIP"]}),
        // Text that array literals must quote: the word NULL, quotes, braces, backslashes.
        json!({"first_name": "Đạt", "job_title": "NULL", "notes": "say \"hi\" {a,b} \\ end",
               "sharing": {"mode": "private"}}),
    ];
    let (db, ws) = (app.state.db.conn(), s.workspace_id);
    let mut originals: Vec<Value> = Vec::new();
    let mut copies = Vec::new();
    for body in bodies {
        let created = create(&app, &s.token, "contacts", body).await;
        let id: Uuid = created["id"].as_str().unwrap().parse().unwrap();
        let mut row = records::get_any(db, ws, id).await.unwrap().unwrap();
        let children = records::load_children(db, ws, &[id])
            .await
            .unwrap()
            .remove(&id)
            .unwrap();
        row.id = Uuid::now_v7();
        copies.push((row, children));
        originals.push(created);
    }
    let tx = app.state.db.begin().await.unwrap();
    assert_eq!(records::insert_many(&tx, &copies).await.unwrap(), 3);
    sen_store::commit(tx).await.unwrap();

    for ((row, children), original) in copies.iter().zip(&originals) {
        let mut expected = original.clone();
        expected["id"] = json!(row.id);
        let got = app
            .get(&format!("/api/v1/contacts/{}", row.id), &s.token)
            .await
            .expect(200);
        assert_eq!(got, expected);
        assert_eq!(
            records::get_any(db, ws, row.id).await.unwrap().as_ref(),
            Some(row)
        );
        let stored = records::load_children(db, ws, &[row.id])
            .await
            .unwrap()
            .remove(&row.id);
        assert_eq!(
            stored.as_ref(),
            Some(children),
            "phones, emails, tags and shares in order"
        );
    }
    // The engines' search indexes saw the copies: each phone spelling finds original and copy.
    let page = app
        .get("/api/v1/contacts?q=%2B84%20381%20234%20567", &s.token)
        .await
        .expect(200);
    assert_eq!(page["total"], 2);
    // Visibility comes from the copied share rows: the team member sees the team- and
    // user-shared records and their copies, not the private ones.
    let seen = app.get("/api/v1/contacts", &other.token).await.expect(200);
    assert_eq!(seen["total"], 4);
}

#[tokio::test]
async fn many_rows_are_split_under_the_bind_parameter_limits() {
    let app = spawn_app().await;
    let s = app.signup("chunk").await;
    let created = create(
        &app,
        &s.token,
        "contacts",
        json!({
            "first_name": "Hùng", "last_name": "Phạm Văn", "phones": [{"number": "0903 123 456"}],
            "emails": [{"address": "hung@company.vn"}], "tags": ["Khách sỉ"]
        }),
    )
    .await;
    let id: Uuid = created["id"].as_str().unwrap().parse().unwrap();
    // 1,500 records of ~50 bound columns: three statements on SQLite, two on PostgreSQL.
    assert_eq!(copies_of(&app, s.workspace_id, id, 1_500).await, 1_500);
    for q in [
        "",
        "&q=pham%20hung",
        "&q=0903123456",
        "&tag=kh%C3%A1ch%20s%E1%BB%89",
    ] {
        let page = app
            .get(&format!("/api/v1/contacts?limit=1{q}"), &s.token)
            .await
            .expect(200);
        assert_eq!(page["total"], 1_501, "q={q}");
    }
}

#[tokio::test]
async fn children_read_as_a_span_of_ids_are_each_records_own() {
    let app = spawn_app().await;
    let s = app.signup("span").await;
    let mut ids = Vec::new();
    for (given, phone, tag) in [
        ("An", "0912000001", "vip"),
        ("Bình", "0912000002", "mới"),
        ("Chi", "0912000003", "vip"),
    ] {
        let r = create(&app, &s.token, "contacts", json!({
            "first_name": given, "phones": [{"number": phone}, {"number": "02838123456", "label": "work"}],
            "emails": [{"address": format!("{phone}@x.vn")}], "tags": [tag]
        }))
        .await;
        ids.push(r["id"].as_str().unwrap().parse::<Uuid>().unwrap());
    }
    let (db, ws) = (app.state.db.conn(), s.workspace_id);
    ids.sort();
    // The first and the last: the one between them is in the span but not asked for.
    let asked = [ids[0], ids[2]];
    let spanned = records::load_children_sorted(db, ws, &asked).await.unwrap();
    let probed = records::load_children(db, ws, &asked).await.unwrap();
    assert_eq!(spanned, probed);
    assert_eq!(spanned.len(), 2);
    for id in asked {
        let c = &spanned[&id];
        assert_eq!(c.phones.len(), 2, "{c:?}");
        assert_eq!(c.phones[1].0, "+842838123456", "in position order");
        assert_eq!((c.emails.len(), c.tag_names.len()), (1, 1));
    }
    assert!(
        records::load_children_sorted(db, ws, &[])
            .await
            .unwrap()
            .is_empty()
    );
}
