//! Replacing a kind's status list: the whole ordered list at once, checked as a whole.

use reqwest::Method;
use serde_json::{Value, json};

use super::{field_errors, keys};
use crate::helpers::{Session, TestApp, spawn_app};

fn st(key: &str, default: bool) -> Value {
    json!({"key": key, "label_vi": key.to_uppercase(), "label_en": key, "is_default": default})
}

fn stage(key: &str, outcome: &str, default: bool) -> Value {
    let mut s = st(key, default);
    s["outcome"] = json!(outcome);
    s
}

async fn put(app: &TestApp, who: &Session, kind: &str, statuses: Value) -> crate::helpers::Answer {
    let path = format!("/api/v1/settings/statuses/{kind}");
    app.call(
        Method::PUT,
        &path,
        Some(&who.token),
        Some(json!({"statuses": statuses})),
    )
    .await
}

#[tokio::test]
async fn replacing_statuses_keeps_the_given_order() {
    let app = spawn_app().await;
    let owner = app.signup("ss").await;
    let list = json!([
        st("moi", false),
        {"key": "goi_lai", "label_vi": "  Gọi   lại ", "label_en": "Call back", "is_default": true, "position": 7},
        st("converted", false),
    ]);
    let after = put(&app, &owner, "leads", list).await.expect(200);
    assert_eq!(after["kind"], "lead");
    assert_eq!(keys(&after["statuses"]), ["moi", "goi_lai", "converted"]);
    assert_eq!(
        after["statuses"][1]["label_vi"], "Gọi lại",
        "labels are trimmed"
    );
    assert_eq!(
        after["statuses"][1]["position"], 1,
        "the list order decides"
    );
    assert_eq!(after["statuses"][1]["is_default"], true);
    let read = app
        .get("/api/v1/settings/statuses/leads", &owner.token)
        .await
        .expect(200);
    assert_eq!(read, after);
    // A list read back can be sent as it is.
    put(&app, &owner, "leads", read["statuses"].clone())
        .await
        .expect(200);
    let audit = sen_store::repo::audit::for_entity(
        app.state.db.conn(),
        owner.workspace_id,
        owner.workspace_id,
    )
    .await
    .unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.entity == "statuses" && e.action == "replace")
    );

    let stages = json!([
        stage("lead_in", "open", true),
        stage("demo", "open", false),
        stage("signed", "won", false),
        stage("dropped", "lost", false),
        stage("no_budget", "lost", false),
    ]);
    let after = put(&app, &owner, "opportunities", stages).await.expect(200);
    assert_eq!(after["statuses"][2]["outcome"], "won");
    assert_eq!(after["statuses"][4]["outcome"], "lost");
    // Contacts and accounts need no particular status.
    put(&app, &owner, "accounts", json!([st("only", true)]))
        .await
        .expect(200);
}

#[tokio::test]
async fn invalid_status_lists_are_refused_whole() {
    let app = spawn_app().await;
    let owner = app.signup("sv").await;
    let conv = || st("converted", false);
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        ("leads", json!([]), "statuses", "required"),
        (
            "leads",
            json!([st("a", true), st("b", true), conv()]),
            "statuses",
            "invalid_default",
        ),
        (
            "leads",
            json!([st("a", false), conv()]),
            "statuses",
            "invalid_default",
        ),
        (
            "leads",
            json!([st("a", true), st("a", false), conv()]),
            "statuses[1].key",
            "duplicate_value",
        ),
        (
            "leads",
            json!([st("Moi", true), conv()]),
            "statuses[0].key",
            "invalid_key",
        ),
        (
            "leads",
            json!([st("1st", true), conv()]),
            "statuses[0].key",
            "invalid_key",
        ),
        (
            "leads",
            json!([st("mới", true), conv()]),
            "statuses[0].key",
            "invalid_key",
        ),
        (
            "leads",
            json!([st(&"k".repeat(41), true), conv()]),
            "statuses[0].key",
            "invalid_key",
        ),
        (
            "leads",
            json!([{"key": "a", "label_vi": " ", "label_en": "A", "is_default": true}, conv()]),
            "statuses[0].label_vi",
            "required",
        ),
        (
            "leads",
            json!([st("a", true), st("b", false)]),
            "statuses",
            "missing_converted",
        ),
        (
            "prospects",
            json!([st("a", true)]),
            "statuses",
            "missing_converted",
        ),
        (
            "leads",
            json!([st("a", false), st("converted", true)]),
            "statuses[1].is_default",
            "invalid_default",
        ),
        (
            "leads",
            json!([stage("a", "open", true), conv()]),
            "statuses[0].outcome",
            "not_allowed",
        ),
        (
            "opportunities",
            json!([stage("a", "open", true), stage("b", "lost", false)]),
            "statuses",
            "missing_stage",
        ),
        (
            "opportunities",
            json!([stage("a", "open", true), stage("b", "won", false)]),
            "statuses",
            "missing_stage",
        ),
        (
            "opportunities",
            json!([stage("b", "won", true), stage("c", "lost", false)]),
            "statuses",
            "missing_stage",
        ),
        (
            "opportunities",
            json!([
                st("a", true),
                stage("b", "won", false),
                stage("c", "lost", false)
            ]),
            "statuses[0].outcome",
            "required",
        ),
        (
            "opportunities",
            json!([
                stage("a", "open", false),
                stage("b", "won", true),
                stage("c", "lost", false)
            ]),
            "statuses[1].is_default",
            "invalid_default",
        ),
    ];
    let before = app
        .get("/api/v1/settings/statuses/leads", &owner.token)
        .await
        .expect(200);
    for (kind, list, field, code) in cases {
        let body = put(&app, &owner, kind, list.clone())
            .await
            .problem(422, "validation_failed");
        let errors = field_errors(&body);
        assert!(
            errors.contains(&(field.to_owned(), code.to_owned())),
            "{kind} {list}: expected {field} {code}, got {errors:?}"
        );
    }
    // An unknown outcome is a shape error of the body.
    let body = put(
        &app,
        &owner,
        "opportunities",
        json!([stage("a", "maybe", true)]),
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(field_errors(&body)[0].0, "statuses[0].outcome");
    put(&app, &owner, "deals", json!([st("a", true)]))
        .await
        .problem(404, "not_found");
    let after = app
        .get("/api/v1/settings/statuses/leads", &owner.token)
        .await
        .expect(200);
    assert_eq!(before, after, "refused lists change nothing");
}
