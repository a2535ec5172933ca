//! An account's contacts: listed (a page like any list) and created inline.

use serde_json::json;
use uuid::Uuid;

use super::id;
use crate::helpers::spawn_app;
use crate::records::create;

#[tokio::test]
async fn accounts_list_and_create_their_contacts() {
    let app = spawn_app().await;
    let s = app.signup("acct").await;
    let account = create(&app, &s.token, "accounts", json!({"name": "Hoà Phát"})).await;
    let aid = id(&account);
    let path = format!("/api/v1/accounts/{aid}/contacts");
    let made = app
        .post(
            &path,
            &s.token,
            json!({"first_name": "Hà", "account_id": Uuid::now_v7()}),
        )
        .await
        .expect(201);
    assert_eq!(made["account_id"], aid.as_str(), "the path's account");
    create(
        &app,
        &s.token,
        "contacts",
        json!({"first_name": "Khách lẻ"}),
    )
    .await;
    create(
        &app,
        &s.token,
        "contacts",
        json!({"first_name": "Lan", "account_id": aid}),
    )
    .await;
    let page = app
        .get(&format!("{path}?sort=name&limit=1"), &s.token)
        .await
        .expect(200);
    assert_eq!(
        page["total"], 2,
        "the individual customer is not the account's"
    );
    assert_eq!(page["items"][0]["first_name"], "Hà");
    let next = page["next_cursor"].as_str().unwrap();
    let page2 = app
        .get(&format!("{path}?sort=name&limit=1&cursor={next}"), &s.token)
        .await
        .expect(200);
    assert_eq!(page2["items"][0]["first_name"], "Lan");
    let found = app
        .get(&format!("{path}?q=lan"), &s.token)
        .await
        .expect(200);
    assert_eq!(found["total"], 1);
    app.get(
        &format!("/api/v1/accounts/{}/contacts", Uuid::now_v7()),
        &s.token,
    )
    .await
    .problem(404, "not_found");
    app.post(&path, &s.token, json!({"last_name": "Thiếu tên"}))
        .await
        .problem(422, "validation_failed");
}
