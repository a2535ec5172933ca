//! Duplicate rules on create and update (warn → 409, block → 422, a lead matching a contact is
//! told to convert), the duplicates of one record, and workspace-wide scans — only ever among
//! the records the caller sees.

use serde_json::{Value, json};

use crate::helpers::{Session, TestApp, spawn_app};
use crate::records::create;

async fn rules(app: &TestApp, admin: &Session, kind: &str, rules: Value) {
    app.call(
        reqwest::Method::PUT,
        &format!("/api/v1/settings/duplicate-rules/{kind}"),
        Some(&admin.token),
        Some(json!({ "rules": rules })),
    )
    .await
    .expect(200);
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_warn_rule_answers_409_with_the_candidates_and_saving_anyway_works() {
    let app = spawn_app().await;
    let s = app.signup("dupwarn").await;
    rules(
        &app,
        &s,
        "contacts",
        json!([{"criteria": ["phone"], "action": "warn"}]),
    )
    .await;
    let a = create(
        &app,
        &s.token,
        "contacts",
        json!({
        "first_name": "An", "last_name": "Nguyễn Văn", "phones": [{"number": "0912345678"}]}),
    )
    .await;

    let body = json!({"first_name": "Ân", "last_name": "Nguyen",
                      "phones": [{"number": "+84 912 345 678"}]});
    let p = app
        .post("/api/v1/contacts", &s.token, body.clone())
        .await
        .problem(409, "duplicate");
    assert_eq!(ids(&p["candidates"]), vec![a["id"].as_str().unwrap()]);
    assert_eq!(p["candidates"][0]["matched_on"], json!(["phone"]));
    assert_eq!(p["candidates"][0]["phones"], json!(["+84912345678"]));
    assert!(p["detail"].as_str().unwrap().contains("allow_duplicate"));

    let b = app
        .post("/api/v1/contacts?allow_duplicate=true", &s.token, body)
        .await
        .expect(201);
    // Changing something else does not warn again; bringing in another's phone does.
    let id = b["id"].as_str().unwrap();
    app.patch(
        &format!("/api/v1/contacts/{id}"),
        &s.token,
        json!({"job_title": "Giám đốc"}),
    )
    .await
    .expect(200);
    let c = create(
        &app,
        &s.token,
        "contacts",
        json!({
        "first_name": "Bình", "phones": [{"number": "0987 000 111"}]}),
    )
    .await;
    let cid = c["id"].as_str().unwrap();
    let p = app
        .patch(
            &format!("/api/v1/contacts/{cid}"),
            &s.token,
            json!({"phones": [{"number": "0912.345.678"}]}),
        )
        .await
        .problem(409, "duplicate");
    assert_eq!(p["candidates"].as_array().unwrap().len(), 2);
    let unchanged = app
        .get(&format!("/api/v1/contacts/{cid}"), &s.token)
        .await
        .expect(200);
    assert_eq!(unchanged["phones"][0]["number"], "+84987000111");
}

#[tokio::test]
async fn a_block_rule_answers_422_even_when_asked_to_save_anyway() {
    let app = spawn_app().await;
    let s = app.signup("dupblock").await;
    rules(
        &app,
        &s,
        "leads",
        json!([{"criteria": ["email"], "action": "block"}]),
    )
    .await;
    let a = create(
        &app,
        &s.token,
        "leads",
        json!({
        "first_name": "Hoa", "emails": [{"address": "hoa@example.vn"}]}),
    )
    .await;
    for path in ["/api/v1/leads", "/api/v1/leads?allow_duplicate=true"] {
        let p = app
            .post(
                path,
                &s.token,
                json!({"first_name": "Hoà", "emails": [{"address": "HOA@Example.VN"}]}),
            )
            .await
            .problem(422, "duplicate_blocked");
        assert_eq!(ids(&p["candidates"]), vec![a["id"].as_str().unwrap()]);
    }
    // Another address is fine.
    create(
        &app,
        &s.token,
        "leads",
        json!({
        "first_name": "Hoa", "emails": [{"address": "hoa2@example.vn"}]}),
    )
    .await;
}

#[tokio::test]
async fn a_lead_that_matches_a_contact_or_account_is_told_to_convert() {
    let app = spawn_app().await;
    let s = app.signup("dupconv").await;
    rules(
        &app,
        &s,
        "leads",
        json!([{"criteria": ["phone"], "action": "warn"}]),
    )
    .await;
    let contact = create(
        &app,
        &s.token,
        "contacts",
        json!({
        "first_name": "Lan", "phones": [{"number": "0903 111 222"}]}),
    )
    .await;
    let p = app
        .post(
            "/api/v1/leads",
            &s.token,
            json!({"first_name": "Lan", "phones": [{"number": "84903111222"}]}),
        )
        .await
        .problem(409, "duplicate");
    assert_eq!(p["candidates"][0]["id"], contact["id"]);
    assert_eq!(p["candidates"][0]["kind"], "contact");
    assert!(p["detail"].as_str().unwrap().contains("convert"));

    let account = create(
        &app,
        &s.token,
        "accounts",
        json!({"name": "Công ty Sen Việt"}),
    )
    .await;
    let p = app
        .post(
            "/api/v1/leads",
            &s.token,
            json!({"first_name": "Minh", "company_name": "cong ty sen viet",
                     "phones": [{"number": "0903 999 888"}]}),
        )
        .await
        .problem(409, "duplicate");
    assert_eq!(p["candidates"][0]["id"], account["id"]);
    assert_eq!(p["candidates"][0]["kind"], "account");
}

#[tokio::test]
async fn duplicate_rules_are_checked_and_only_admins_change_them() {
    let app = spawn_app().await;
    let s = app.signup("duprules").await;
    let mem = app.add_user(&s, "mem", "member").await;
    let path = "/api/v1/settings/duplicate-rules/contacts";
    let got = app.get(path, &mem.token).await.expect(200);
    assert_eq!(got["rules"], json!([]));
    rules(
        &app,
        &s,
        "contacts",
        json!([
        {"criteria": ["phone"], "action": "warn"},
        {"criteria": ["phone", "name"], "action": "block"},
        {"criteria": ["custom.ma_khach"], "action": "warn"}]),
    )
    .await;
    let got = app.get(path, &mem.token).await.expect(200);
    assert_eq!(
        got["rules"][1],
        json!({"criteria": ["phone", "name"], "action": "block"})
    );

    let put = |body: Value, token: String| {
        let app = &app;
        async move {
            app.call(reqwest::Method::PUT, path, Some(&token), Some(body))
                .await
        }
    };
    put(json!({"rules": []}), mem.token.clone())
        .await
        .problem(403, "forbidden");
    let cases = [
        (
            json!({"rules": [{"criteria": ["birthday"], "action": "warn"}]}),
            "rules[0].criteria",
        ),
        (
            json!({"rules": [{"criteria": [], "action": "warn"}]}),
            "rules[0].criteria",
        ),
        (
            json!({"rules": [{"criteria": ["phone", "phones"], "action": "warn"}]}),
            "rules[0].criteria",
        ),
        (
            json!({"rules": [{"criteria": ["phone"], "action": "warn"},
                          {"criteria": ["phone"], "action": "block"}]}),
            "rules[1].criteria",
        ),
    ];
    for (body, field) in cases {
        let p = put(body, s.token.clone())
            .await
            .problem(422, "validation_failed");
        assert_eq!(p["errors"][0]["field"], field, "{p}");
    }
    put(
        json!({"rules": [{"criteria": ["phone"], "action": "maybe"}]}),
        s.token.clone(),
    )
    .await
    .problem(422, "validation_failed");
    app.get("/api/v1/settings/duplicate-rules/dogs", &s.token)
        .await
        .problem(404, "route_not_found");
}

#[tokio::test]
async fn the_duplicates_of_one_record_follow_the_chosen_criteria() {
    let app = spawn_app().await;
    let s = app.signup("dupfind").await;
    let mk = |first: &str, last: &str, phone: &str| json!({"first_name": first, "last_name": last, "phones": [{"number": phone}]});
    let a = create(
        &app,
        &s.token,
        "contacts",
        mk("An", "Nguyễn Văn", "0912 000 001"),
    )
    .await;
    let b = create(
        &app,
        &s.token,
        "contacts",
        mk("an", "nguyen van", "0912 000 002"),
    )
    .await;
    let c = create(&app, &s.token, "contacts", mk("Bình", "Lê", "+84912000001")).await;
    let both = create(
        &app,
        &s.token,
        "contacts",
        mk("AN", "NGUYỄN VĂN", "0912000001"),
    )
    .await;
    let aid = a["id"].as_str().unwrap();
    let find = |criteria: &str| {
        let app = &app;
        let token = s.token.clone();
        let path = format!("/api/v1/contacts/{aid}/duplicates?criteria={criteria}");
        async move { app.get(&path, &token).await }
    };
    let by_name = find("name").await.expect(200);
    assert_eq!(
        ids(&by_name["items"]),
        vec![b["id"].as_str().unwrap(), both["id"].as_str().unwrap()]
    );
    let by_phone = find("phone").await.expect(200);
    assert_eq!(
        ids(&by_phone["items"]),
        vec![c["id"].as_str().unwrap(), both["id"].as_str().unwrap()]
    );
    let by_both = find("name,phone").await.expect(200);
    assert_eq!(ids(&by_both["items"]), vec![both["id"].as_str().unwrap()]);
    assert_eq!(by_both["items"][0]["matched_on"], json!(["phone", "name"]));
    find("shoe_size").await.problem(400, "invalid_query");
    let other = app.signup("dupfind2").await;
    app.get(&format!("/api/v1/contacts/{aid}/duplicates"), &other.token)
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn a_scan_clusters_linked_duplicates_among_visible_records_only() {
    let app = spawn_app().await;
    let boss = app.signup("dupscan").await;
    let mem = app.add_user(&boss, "mem", "member").await;
    let person = |name: &str, phone: &str, email: &str| json!({"first_name": name, "phones": [{"number": phone}], "emails": [{"address": email}]});
    // a–b share a phone, b–c an e-mail: one cluster of three. d–e share a phone.
    let a = create(
        &app,
        &mem.token,
        "contacts",
        person("A", "0911 000 001", "a@x.vn"),
    )
    .await;
    let b = create(
        &app,
        &mem.token,
        "contacts",
        person("B", "+84 911 000 001", "b@x.vn"),
    )
    .await;
    let c = create(
        &app,
        &mem.token,
        "contacts",
        person("C", "0911 000 003", "B@X.VN"),
    )
    .await;
    let d = create(
        &app,
        &mem.token,
        "contacts",
        person("D", "0911 000 004", "d@x.vn"),
    )
    .await;
    let e = create(
        &app,
        &mem.token,
        "contacts",
        person("E", "0911000004", "e@x.vn"),
    )
    .await;
    // The boss's private twin of `a` is not the member's to see.
    let mut hidden = person("Z", "0911 000 001", "z@x.vn");
    hidden["sharing"] = json!({"mode": "private"});
    let z = create(&app, &boss.token, "contacts", hidden).await;
    create(
        &app,
        &mem.token,
        "contacts",
        person("F", "0911 000 009", "f@x.vn"),
    )
    .await;

    let scan = app
        .post(
            "/api/v1/contacts/duplicates/scan",
            &mem.token,
            json!({"criteria": [["phone"], ["email"]]}),
        )
        .await
        .expect(200);
    assert_eq!(scan["total_clusters"], 2, "{scan}");
    assert_eq!(scan["total_records"], 5);
    let first = ids(&scan["clusters"][0]["records"]);
    let want: Vec<&str> = [&a, &b, &c]
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(first, want);
    let second = ids(&scan["clusters"][1]["records"]);
    assert_eq!(
        second,
        vec![d["id"].as_str().unwrap(), e["id"].as_str().unwrap()]
    );
    assert!(!scan.to_string().contains(z["id"].as_str().unwrap()));

    // The boss sees the private twin too; `limit` caps the clusters, not the totals.
    let scan = app
        .post(
            "/api/v1/contacts/duplicates/scan",
            &boss.token,
            json!({"criteria": [["phone"]], "limit": 1}),
        )
        .await
        .expect(200);
    assert_eq!(scan["total_clusters"], 2);
    assert_eq!(scan["clusters"].as_array().unwrap().len(), 1);
    assert_eq!(scan["clusters"][0]["records"].as_array().unwrap().len(), 3);

    let p = app
        .post(
            "/api/v1/contacts/duplicates/scan",
            &mem.token,
            json!({"criteria": [["hair"]], "limit": 0}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"].as_array().unwrap().len(), 2);
}
