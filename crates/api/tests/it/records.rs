//! Records: fields and normalisation, versions, trash, timeline, idempotency, search.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, every_page, item_ids, spawn_app};

pub async fn create(app: &TestApp, token: &str, kind: &str, body: Value) -> Value {
    app.post(&format!("/api/v1/{kind}"), token, body)
        .await
        .expect(201)
}

#[tokio::test]
async fn a_lead_is_stored_normalised() {
    let app = spawn_app().await;
    let s = app.signup("rec").await;
    let lead = create(&app, &s.token, "leads", json!({
        "first_name": "  An ", "last_name": "Nguyễn   Văn",
        "phones": [{"number": "0912 345 678", "label": "mobile"}, {"number": "(+84) 168-123-4567"}],
        "emails": [{"address": "An@ABC.vn", "label": "work"}],
        "birthday": "05/09/1990", "gender": "male", "company_name": "Công ty ABC",
        "addresses": [{"street": "1 Tràng Tiền", "city": "Hà Nội", "country": "VN"}],
        "tags": ["VIP", "Hội chợ 2026"], "source": "website", "notes": "Quan tâm gói Pro"
    })).await;
    assert_eq!(lead["kind"], "lead");
    assert_eq!(lead["display_name"], "Nguyễn Văn An");
    assert_eq!(lead["first_name"], "An");
    assert_eq!(lead["status"], "new", "the default status");
    assert_eq!(
        lead["phones"],
        json!([{"number": "+84912345678", "label": "mobile"}, {"number": "+84381234567", "label": null}])
    );
    assert_eq!(lead["emails"][0]["address"], "an@abc.vn");
    assert_eq!(lead["birthday"], "1990-09-05");
    assert_eq!(lead["tags"], json!(["Hội chợ 2026", "VIP"]));
    let tags = app.get("/api/v1/tags?q=vip", &s.token).await.expect(200);
    assert_eq!(
        (
            tags["items"][0]["name"].as_str(),
            tags["items"][0]["record_count"].as_u64()
        ),
        (Some("VIP"), Some(1))
    );
    assert_eq!(lead["created_via"], "manual");
    assert_eq!(lead["owner_id"], s.user_id.to_string());
    assert_eq!(
        lead["sharing"],
        json!({"mode": "everyone", "team_ids": [], "user_ids": []})
    );
    assert_eq!(lead["version"], 1);
    let id = lead["id"].as_str().unwrap();
    assert_eq!(
        app.get(&format!("/api/v1/leads/{id}"), &s.token)
            .await
            .expect(200),
        lead
    );
    app.get(&format!("/api/v1/contacts/{id}"), &s.token)
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn invalid_fields_are_named() {
    let app = spawn_app().await;
    let s = app.signup("inv").await;
    let err = app.post("/api/v1/leads", &s.token, json!({
        "last_name": "Trần",
        "phones": [{"number": "0912345678"}, {"number": "+84 912 345 678"}, {"number": "12"}],
        "emails": [{"address": "not-an-email"}],
        "birthday": "1990", "status": "nope", "source": "carrier pigeon", "gender": "x"
    })).await.problem(422, "validation_failed");
    let mut fields: Vec<(String, String)> = err["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    fields.sort();
    let expected = [
        ("birthday", "invalid_date"),
        ("emails[0].address", "invalid_email"),
        ("first_name", "required"),
        ("gender", "invalid_option"),
        ("phones[1].number", "duplicate_value"),
        ("phones[2].number", "invalid_phone"),
        ("source", "invalid_option"),
        ("status", "invalid_option"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(fields, expected);
    let err = app
        .post(
            "/api/v1/accounts",
            &s.token,
            json!({"name": "ABC", "birthday": "1990-01-01"}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(err["errors"][0]["code"], "not_applicable");
    app.post("/api/v1/widgets", &s.token, json!({}))
        .await
        .problem(404, "route_not_found");
}

#[tokio::test]
async fn versions_guard_concurrent_edits() {
    let app = spawn_app().await;
    let s = app.signup("ver").await;
    let lead = create(&app, &s.token, "leads", json!({"first_name": "Bình"})).await;
    let path = format!("/api/v1/leads/{}", lead["id"].as_str().unwrap());
    let v2 = app
        .patch(
            &path,
            &s.token,
            json!({"job_title": "Giám đốc", "version": 1}),
        )
        .await
        .expect(200);
    assert_eq!(v2["version"], 2);
    assert_eq!(v2["first_name"], "Bình", "absent fields stay");
    app.patch(
        &path,
        &s.token,
        json!({"job_title": "Trưởng phòng", "version": 1}),
    )
    .await
    .problem(412, "precondition_failed");
    let res = app
        .client
        .patch(format!("{}{path}", app.base))
        .bearer_auth(&s.token)
        .header("if-match", "\"1\"")
        .json(&json!({"notes": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 412);
    let cleared = app
        .patch(&path, &s.token, json!({"job_title": null, "version": 2}))
        .await
        .expect(200);
    assert_eq!(cleared["job_title"], Value::Null, "null clears");
    assert_eq!(cleared["version"], 3);
}

#[tokio::test]
async fn trash_and_restore_with_a_timeline() {
    let app = spawn_app().await;
    let s = app.signup("tr").await;
    let lead = create(&app, &s.token, "leads", json!({"first_name": "Chi"})).await;
    let id = lead["id"].as_str().unwrap();
    let path = format!("/api/v1/leads/{id}");
    app.patch(&path, &s.token, json!({"status": "contacting"}))
        .await
        .expect(200);
    app.post(
        &format!("{path}/activities"),
        &s.token,
        json!({"kind": "call", "subject": "Gọi lần 1", "body": "Hẹn tuần sau"}),
    )
    .await
    .expect(201);
    app.post(
        &format!("{path}/activities"),
        &s.token,
        json!({"kind": "system", "body": "x"}),
    )
    .await
    .problem(422, "validation_failed");
    app.delete(&path, &s.token).await.expect(204);
    app.get(&path, &s.token).await.problem(404, "not_found");
    let trash = app.get("/api/v1/trash", &s.token).await.expect(200);
    assert_eq!(trash[0]["id"], id);
    assert_eq!(
        app.get("/api/v1/leads", &s.token).await.expect(200)["total"],
        0
    );
    let restored = app
        .post(&format!("{path}/restore"), &s.token, json!({}))
        .await
        .expect(200);
    assert_eq!(restored["deleted_at"], Value::Null);
    app.post(&format!("{path}/restore"), &s.token, json!({}))
        .await
        .problem(404, "not_found");
    let timeline = app
        .get(&format!("{path}/activities"), &s.token)
        .await
        .expect(200);
    let events: Vec<String> = timeline["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            a["event"]
                .as_str()
                .map_or_else(|| a["kind"].as_str().unwrap().to_owned(), str::to_owned)
        })
        .collect();
    assert_eq!(
        events,
        [
            "restored",
            "deleted",
            "call",
            "updated",
            "status_changed",
            "created"
        ]
    );
    let audit = sen_store::repo::audit::for_entity(
        app.state.db.conn(),
        s.workspace_id,
        id.parse().unwrap(),
    )
    .await
    .unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["create", "update", "deleted", "restored"]);
    assert_eq!(audit[1].before.as_ref().unwrap()["status"], "new");
    assert_eq!(audit[1].after.as_ref().unwrap()["status"], "contacting");
}

#[tokio::test]
async fn idempotency_key_makes_a_retry_safe() {
    let app = spawn_app().await;
    let s = app.signup("idem").await;
    let send = |name: &'static str| {
        app.client
            .post(format!("{}/api/v1/leads", app.base))
            .bearer_auth(&s.token)
            .header("idempotency-key", "form-42")
            .json(&json!({"first_name": name}))
            .send()
    };
    let (a, b) = tokio::join!(send("Dũng"), send("Dũng"));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (201, 201));
    let (a, b): (Value, Value) = (a.json().await.unwrap(), b.json().await.unwrap());
    assert_eq!(a["id"], b["id"]);
    assert_eq!(
        app.get("/api/v1/leads", &s.token).await.expect(200)["total"],
        1
    );
    assert_eq!(
        send("Someone else").await.unwrap().status(),
        409,
        "same key, other body"
    );
}

#[tokio::test]
async fn search_finds_names_without_accents_and_phones_in_any_spelling() {
    let app = spawn_app().await;
    let s = app.signup("srch").await;
    create(&app, &s.token, "contacts", json!({"first_name": "An", "last_name": "Nguyễn Văn", "phones": [{"number": "0168 123 4567"}]})).await;
    create(
        &app,
        &s.token,
        "contacts",
        json!({"first_name": "Đạt", "last_name": "Trần", "emails": [{"address": "dat@xyz.vn"}]}),
    )
    .await;
    create(
        &app,
        &s.token,
        "leads",
        json!({"first_name": "Bảo", "company_name": "Công ty Hoà Bình"}),
    )
    .await;
    // Every trigram of "4567" is in her number, the four digits together are not.
    create(
        &app,
        &s.token,
        "contacts",
        json!({"first_name": "Mai", "last_name": "Lê Thị", "phones": [{"number": "0905 456 567"}]}),
    )
    .await;
    for (q, expected) in [
        ("nguyen van an", vec!["Nguyễn Văn An"]),
        // A short word starts a word too: not the "an" inside "Trần".
        ("an", vec!["Nguyễn Văn An"]),
        ("van nguyen", vec!["Nguyễn Văn An"]),
        ("NGUYỄN", vec!["Nguyễn Văn An"]),
        ("0381234567", vec!["Nguyễn Văn An"]),
        ("+84 381 234 567", vec!["Nguyễn Văn An"]),
        ("0168 123 4567", vec!["Nguyễn Văn An"]),
        // A word is found where a word starts: not "uyen" inside "Nguyễn".
        ("uyen", vec![]),
        ("nguy van", vec!["Nguyễn Văn An"]),
        // Digits anywhere: a phone's last digits.
        ("4567", vec!["Nguyễn Văn An"]),
        ("6567", vec!["Lê Thị Mai"]),
        ("an 4567", vec!["Nguyễn Văn An"]),
        ("an 6567", vec![]),
        // One letter starts a word.
        ("l", vec!["Lê Thị Mai"]),
        ("thi ma", vec!["Lê Thị Mai"]),
        ("dat", vec!["Trần Đạt"]),
        ("dat@xyz", vec!["Trần Đạt"]),
        ("xyz", vec!["Trần Đạt"]),
        ("tran dat", vec!["Trần Đạt"]),
        ("zzz", vec![]),
    ] {
        assert_eq!(found(&app, &s.token, q).await, expected, "q={q}");
    }
    let page = app
        .post(
            "/api/v1/leads/search",
            &s.token,
            json!({"filter": {"q": "hoa binh"}}),
        )
        .await
        .expect(200);
    assert_eq!(display_names(&page), ["Bảo"]);
}

/// The display names a page lists.
fn display_names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["display_name"].as_str().unwrap().to_owned())
        .collect()
}

/// The display names a search of contacts for `q` lists, all of them by its total.
async fn found(app: &TestApp, token: &str, q: &str) -> Vec<String> {
    let page = app
        .get(&format!("/api/v1/contacts?q={}", urlencode(q)), token)
        .await
        .expect(200);
    let names = display_names(&page);
    assert_eq!(page["total"], names.len(), "q={q}");
    names
}

#[tokio::test]
async fn words_longer_than_an_indexed_start_are_checked_whole() {
    // PostgreSQL's word index holds the first six letters of a word (m0016); SQLite's word
    // table whole words. Either way a longer word must match whole, a shorter one as a start.
    let app = spawn_app().await;
    let s = app.signup("srchlong").await;
    create(&app, &s.token, "contacts", json!({"first_name": "Hoa", "last_name": "Trần Thị", "emails": [{"address": "nguyenthihoa93@gmail.com"}]})).await;
    create(
        &app,
        &s.token,
        "contacts",
        json!({"first_name": "Nguyên", "last_name": "Phạm Thị"}),
    )
    .await;
    for (q, expected) in [
        ("nguyenthihoa", vec!["Trần Thị Hoa"]),
        ("nguyenthihoa93", vec!["Trần Thị Hoa"]),
        ("nguyenthihoa94", vec![]),
        ("nguyenthiha", vec![]),
        ("nguyen", vec!["Phạm Thị Nguyên", "Trần Thị Hoa"]),
        ("nguye thi", vec!["Phạm Thị Nguyên", "Trần Thị Hoa"]),
        ("thi p", vec!["Phạm Thị Nguyên"]),
        ("h t", vec!["Trần Thị Hoa"]),
        ("93", vec!["Trần Thị Hoa"]),
    ] {
        assert_eq!(found(&app, &s.token, q).await, expected, "q={q}");
    }
}

#[tokio::test]
async fn searched_pages_follow_their_cursor_with_the_total_on_every_page() {
    let app = spawn_app().await;
    let s = app.signup("srchpg").await;
    let mut made = Vec::new();
    for given in ["Khoa", "Khoá", "Khoa Anh"] {
        let r = create(
            &app,
            &s.token,
            "contacts",
            json!({"first_name": given, "last_name": "Phạm Minh"}),
        )
        .await;
        made.push(r["id"].as_str().unwrap().to_owned());
    }
    create(
        &app,
        &s.token,
        "contacts",
        json!({"first_name": "Khánh", "last_name": "Phạm Minh"}),
    )
    .await;
    made.reverse(); // newest first
    let (seen, pages) = every_page(&app, &s.token, "/api/v1/contacts?q=pham%20khoa&limit=2").await;
    for page in &pages {
        assert_eq!(
            (page["total"].as_u64(), page["total_is_estimate"].as_bool()),
            (Some(3), Some(false))
        );
    }
    assert_eq!(seen, made, "every match once, newest first");

    // Sorted by name, a cursor after the last match (its row deleted since) reads nothing.
    let first = app
        .get("/api/v1/contacts?q=khoa&sort=name&limit=2", &s.token)
        .await
        .expect(200);
    let all = app
        .get("/api/v1/contacts?sort=name&limit=10", &s.token)
        .await
        .expect(200);
    let by_name: Vec<String> = item_ids(&all)
        .into_iter()
        .filter(|id| made.contains(id))
        .collect();
    assert_eq!(
        item_ids(&first),
        by_name[..2],
        "the list's order by name, among the matches"
    );
    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    let last = app
        .get(
            &format!("/api/v1/contacts?q=khoa&sort=name&limit=2&cursor={cursor}"),
            &s.token,
        )
        .await
        .expect(200);
    let gone = item_ids(&last);
    assert_eq!(gone.len(), 1);
    app.delete(&format!("/api/v1/contacts/{}", gone[0]), &s.token)
        .await
        .expect(204);
    let again = app
        .get(
            &format!("/api/v1/contacts?q=khoa&sort=name&limit=2&cursor={cursor}"),
            &s.token,
        )
        .await
        .expect(200);
    assert_eq!(item_ids(&again), Vec::<String>::new());
    assert_eq!(
        (again["total"].as_u64(), again["next_cursor"].as_str()),
        (Some(2), None)
    );
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn filters_sorting_and_keyset_pages() {
    let app = spawn_app().await;
    let s = app.signup("flt").await;
    let other = app.add_user(&s, "flt2", "member").await;
    for i in 0..25 {
        let mut body = json!({"first_name": format!("Khách {i:02}"), "tags": if i % 2 == 0 { json!(["chẵn"]) } else { json!(["lẻ"]) }});
        if i % 5 == 0 {
            body["phones"] = json!([{"number": format!("09123450{i:02}")}]);
        }
        if i % 3 == 0 {
            body["owner_id"] = json!(other.user_id);
        }
        if i < 4 {
            body["tags"] = json!(["chẵn", "vip"]);
        }
        if i == 7 {
            body["status"] = json!("qualified");
        }
        create(&app, &s.token, "leads", body).await;
    }
    let total = |q: &str| {
        let app = &app;
        let t = s.token.clone();
        let q = q.to_owned();
        async move {
            let page = app.get(&format!("/api/v1/leads?{q}"), &t).await.expect(200);
            let total = page["total"].as_u64().unwrap();
            // The page (read its own way on each engine) holds exactly what the total counts.
            let items = page["items"].as_array().unwrap().len() as u64;
            assert_eq!(items, total, "{q}: the page and the total disagree");
            total
        }
    };
    assert_eq!(total("").await, 25);
    assert_eq!(total("status=qualified").await, 1);
    assert_eq!(total("tag=vip").await, 4);
    assert_eq!(
        total("tag=l%E1%BA%BB,vip").await,
        10 + 4,
        "any: odd and not vip (10) or vip (4)"
    );
    assert_eq!(total("tags_all=ch%E1%BA%B5n,vip").await, 4);
    // One "any" tag (driven from the tag's rows on SQLite) with "all" tags, a status, a search.
    assert_eq!(total("tag=ch%E1%BA%B5n&tags_all=vip").await, 4);
    assert_eq!(total("tag=ch%E1%BA%B5n&status=new").await, 15);
    assert_eq!(total("tag=l%E1%BA%BB&status=qualified").await, 1);
    assert_eq!(total("tag=ch%E1%BA%B5n&q=kh").await, 15);
    assert_eq!(total("tag=unknown").await, 0);
    assert_eq!(total(&format!("owner_id={}", other.user_id)).await, 9);
    assert_eq!(total("has_phone=true").await, 5);
    assert_eq!(total("has_phone=false").await, 20);
    app.get("/api/v1/leads?sort=password", &s.token)
        .await
        .problem(422, "validation_failed");
    app.get("/api/v1/leads?limit=0", &s.token)
        .await
        .problem(422, "validation_failed");
    app.get("/api/v1/leads?cursor=bogus", &s.token)
        .await
        .problem(400, "invalid_query");
    app.get("/api/v1/leads?has_phone=maybe", &s.token)
        .await
        .problem(400, "invalid_query");

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let q = match &cursor {
            Some(c) => format!("sort=name&limit=7&cursor={c}"),
            None => "sort=name&limit=7".into(),
        };
        let page = app
            .get(&format!("/api/v1/leads?{q}"), &s.token)
            .await
            .expect(200);
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["first_name"].as_str().unwrap().to_owned()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    let expected: Vec<String> = (0..25).map(|i| format!("Khách {i:02}")).collect();
    assert_eq!(
        seen, expected,
        "every record once, in name order, across keyset pages"
    );
    let newest = app.get("/api/v1/leads?limit=1", &s.token).await.expect(200);
    assert_eq!(
        newest["items"][0]["first_name"], "Khách 24",
        "default sort is newest first"
    );
    let _ = Method::GET;
}
