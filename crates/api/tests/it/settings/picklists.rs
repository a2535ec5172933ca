//! Replacing a picklist's values.

use reqwest::Method;
use serde_json::{Value, json};

use super::{field_errors, keys};
use crate::helpers::{Answer, Session, TestApp, spawn_app};

async fn put(app: &TestApp, who: &Session, name: &str, values: Value) -> Answer {
    let path = format!("/api/v1/settings/picklists/{name}");
    app.call(
        Method::PUT,
        &path,
        Some(&who.token),
        Some(json!({"values": values})),
    )
    .await
}

#[tokio::test]
async fn replacing_a_picklist_keeps_the_given_order() {
    let app = spawn_app().await;
    let owner = app.signup("pl").await;
    let values = json!([
        {"key": "tiktok", "label_vi": "TikTok", "label_en": "TikTok"},
        {"key": "zalo_oa", "label_vi": "Zalo OA", "label_en": "Zalo official account"},
    ]);
    let after = put(&app, &owner, "source", values).await.expect(200);
    assert_eq!(after["name"], "source");
    assert_eq!(keys(&after["values"]), ["tiktok", "zalo_oa"]);
    let read = app
        .get("/api/v1/settings/picklists/source", &owner.token)
        .await
        .expect(200);
    assert_eq!(read, after);
    let all = app
        .get("/api/v1/settings/picklists", &owner.token)
        .await
        .expect(200);
    assert_eq!(all["items"][0], after);
    assert!(
        !all["items"][1]["values"].as_array().unwrap().is_empty(),
        "other lists are untouched"
    );
    put(&app, &owner, "lost_reason", json!([]))
        .await
        .expect(200);
    let reasons = app
        .get("/api/v1/settings/picklists/lost_reason", &owner.token)
        .await
        .expect(200);
    assert_eq!(reasons["values"], json!([]));
    assert!(
        sen_store::repo::picklists::has_key(
            app.state.db.conn(),
            owner.workspace_id,
            "source",
            "tiktok"
        )
        .await
        .unwrap()
    );
}

#[tokio::test]
async fn invalid_picklists_are_refused() {
    let app = spawn_app().await;
    let owner = app.signup("pv").await;
    let v = |key: &str| json!({"key": key, "label_vi": "Nhãn", "label_en": "Label"});
    let cases = [
        (json!([v("a"), v("a")]), "values[1].key", "duplicate_value"),
        (json!([v("Hội chợ")]), "values[0].key", "invalid_key"),
        (
            json!([{"key": "a", "label_vi": "A", "label_en": ""}]),
            "values[0].label_en",
            "required",
        ),
        (
            json!([{"key": "a", "label_vi": "A".repeat(101), "label_en": "A"}]),
            "values[0].label_vi",
            "too_long",
        ),
        (
            json!([{"key": "a", "label_vi": "A"}]),
            "values[0].label_en",
            "required",
        ),
    ];
    for (values, field, code) in cases {
        let body = put(&app, &owner, "industry", values.clone())
            .await
            .problem(422, "validation_failed");
        assert!(
            field_errors(&body).contains(&(field.to_owned(), code.to_owned())),
            "{values}: {body}"
        );
    }
}
