//! The kinds' own fields: accounts with categories, contacts of an account, opportunities with
//! exact amounts; custom fields validated and filterable; city and date filters.

use serde_json::{Value, json};

use crate::helpers::spawn_app;
use crate::records::create;

#[tokio::test]
async fn accounts_contacts_and_opportunities() {
    let app = spawn_app().await;
    let s = app.signup("kinds").await;
    let account = create(
        &app,
        &s.token,
        "accounts",
        json!({
            "name": "Công ty TNHH Hoà Phát", "org_size": "medium", "industry": "manufacturing",
            "customer_group": "vip", "contact_status": "contacted", "contact_source": "hotline",
            "phones": [{"number": "024 3826 1234"}], "websites": ["https://hoaphat.example"]
        }),
    )
    .await;
    assert_eq!(account["display_name"], "Công ty TNHH Hoà Phát");
    assert_eq!(account["status"], "potential");
    assert_eq!(account["phones"][0]["number"], "+842438261234");
    let account_id = account["id"].as_str().unwrap();
    let contact = create(&app, &s.token, "contacts", json!({"first_name": "Hà", "last_name": "Lê Thu", "account_id": account_id, "job_title": "Kế toán trưởng"})).await;
    assert_eq!(contact["account_id"], account_id);
    let opp = create(&app, &s.token, "opportunities", json!({
        "name": "Hoà Phát – phần mềm kho", "account_id": account_id, "contact_id": contact["id"],
        "amount": "150000000", "expected_close_date": "31/12/2026", "probability": 40, "status": "proposal"
    })).await;
    assert_eq!(opp["amount"], "150000000.00");
    assert_eq!(opp["currency"], "VND");
    assert_eq!(opp["expected_close_date"], "2026-12-31");
    assert_eq!(opp["status"], "proposal");
    for (body, field, code) in [
        (
            json!({"name": "x", "amount": "-5"}),
            "amount",
            "out_of_range",
        ),
        (
            json!({"name": "x", "amount": "1.5e3"}),
            "amount",
            "invalid_amount",
        ),
        (
            json!({"name": "x", "currency": "dong"}),
            "currency",
            "invalid_currency",
        ),
        (
            json!({"name": "x", "probability": 140}),
            "probability",
            "out_of_range",
        ),
        (
            json!({"name": "x", "status": "new"}),
            "status",
            "invalid_option",
        ),
        (
            json!({"name": "x", "account_id": contact["id"]}),
            "account_id",
            "unknown_record",
        ),
        (
            json!({"name": "x", "lost_reason": "bad luck"}),
            "lost_reason",
            "invalid_option",
        ),
        (json!({"name": ""}), "name", "required"),
    ] {
        let err = app
            .post("/api/v1/opportunities", &s.token, body.clone())
            .await
            .problem(422, "validation_failed");
        assert_eq!(
            (
                err["errors"][0]["field"].as_str(),
                err["errors"][0]["code"].as_str()
            ),
            (Some(field), Some(code)),
            "{body}"
        );
    }
    // A private account of someone else cannot be linked: it does not exist for the caller.
    let other = app.add_user(&s, "kinds2", "member").await;
    let hidden = create(
        &app,
        &other.token,
        "accounts",
        json!({"name": "Bí mật", "sharing": {"mode": "private"}}),
    )
    .await;
    let member = app.add_user(&s, "kinds3", "member").await;
    let err = app
        .post(
            "/api/v1/contacts",
            &member.token,
            json!({"first_name": "X", "account_id": hidden["id"]}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(err["errors"][0]["field"], "account_id");
}

#[tokio::test]
async fn custom_fields_are_validated_and_filterable() {
    let app = spawn_app().await;
    let s = app.signup("cf").await;
    app.post("/api/v1/settings/custom-fields/leads", &s.token, json!({
        "key": "tier", "label_vi": "Hạng", "label_en": "Tier", "field_type": "select", "required": true,
        "options": [{"key": "gold", "label_vi": "Vàng", "label_en": "Gold"}, {"key": "silver", "label_vi": "Bạc", "label_en": "Silver"}]
    })).await.expect(201);
    app.post(
        "/api/v1/settings/custom-fields/leads",
        &s.token,
        json!({
            "key": "budget", "label_vi": "Ngân sách", "label_en": "Budget", "field_type": "number"
        }),
    )
    .await
    .expect(201);
    let err = app
        .post("/api/v1/leads", &s.token, json!({"first_name": "A"}))
        .await
        .problem(422, "validation_failed");
    assert_eq!(err["errors"][0]["field"], "custom.tier");
    let err = app
        .post(
            "/api/v1/leads",
            &s.token,
            json!({"first_name": "A", "custom": {"tier": "bronze", "budget": "nhiều"}}),
        )
        .await
        .problem(422, "validation_failed");
    let fields: Vec<&str> = err["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"custom.tier") && fields.contains(&"custom.budget"),
        "{err}"
    );
    let gold = create(
        &app,
        &s.token,
        "leads",
        json!({"first_name": "Vàng", "custom": {"tier": "gold", "budget": "5000000"}}),
    )
    .await;
    assert_eq!(gold["custom"], json!({"tier": "gold", "budget": 5000000}));
    create(
        &app,
        &s.token,
        "leads",
        json!({"first_name": "Bạc", "custom": {"tier": "silver"}}),
    )
    .await;
    let found = app
        .post(
            "/api/v1/leads/search",
            &s.token,
            json!({"filter": {"custom": {"tier": "gold"}}}),
        )
        .await
        .expect(200);
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["first_name"], "Vàng");
    let found = app
        .post(
            "/api/v1/leads/search",
            &s.token,
            json!({"filter": {"custom": {"budget": 5000000}}}),
        )
        .await
        .expect(200);
    assert_eq!(found["total"], 1);
    // PATCH changes only the keys given.
    let path = format!("/api/v1/leads/{}", gold["id"].as_str().unwrap());
    let patched = app
        .patch(&path, &s.token, json!({"custom": {"budget": null}}))
        .await
        .expect(200);
    assert_eq!(patched["custom"], json!({"tier": "gold"}));
    app.patch(&path, &s.token, json!({"custom": {"tier": null}}))
        .await
        .problem(422, "validation_failed");
}

#[tokio::test]
async fn city_and_date_filters() {
    let app = spawn_app().await;
    let s = app.signup("city").await;
    let hn = create(
        &app,
        &s.token,
        "contacts",
        json!({"first_name": "A", "addresses": [{"city": "Hà Nội"}]}),
    )
    .await;
    create(
        &app,
        &s.token,
        "contacts",
        json!({"first_name": "B", "addresses": [{"city": "Đà Nẵng"}]}),
    )
    .await;
    let page = app
        .get("/api/v1/contacts?city=ha%20noi", &s.token)
        .await
        .expect(200);
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["id"], hn["id"]);
    let created: Value = hn["created_at"].clone();
    let body = json!({"filter": {"created_to": created}});
    assert_eq!(
        app.post("/api/v1/contacts/search", &s.token, body)
            .await
            .expect(200)["total"],
        0
    );
    let body =
        json!({"filter": {"created_from": hn["created_at"], "city": ["Đà Nẵng"]}, "sort": "city"});
    assert_eq!(
        app.post("/api/v1/contacts/search", &s.token, body)
            .await
            .expect(200)["total"],
        1
    );
}
