//! Defaults after sign-up; members read and cannot write; workspaces do not see each other.

use reqwest::Method;
use serde_json::{Value, json};

use super::keys;
use crate::helpers::spawn_app;

const KINDS: [&str; 5] = [
    "prospects",
    "leads",
    "contacts",
    "accounts",
    "opportunities",
];
const PICKLISTS: [&str; 7] = [
    "source",
    "industry",
    "org_size",
    "customer_group",
    "contact_status",
    "contact_source",
    "lost_reason",
];

#[tokio::test]
async fn a_new_workspace_has_default_statuses_and_picklists() {
    let app = spawn_app().await;
    let owner = app.signup("sd").await;
    for kind in KINDS {
        let list = app
            .get(&format!("/api/v1/settings/statuses/{kind}"), &owner.token)
            .await
            .expect(200);
        let statuses = list["statuses"].as_array().unwrap();
        assert!(!statuses.is_empty(), "{kind}");
        let defaults = statuses.iter().filter(|s| s["is_default"] == true).count();
        assert_eq!(defaults, 1, "{kind}: {list}");
        for (i, s) in statuses.iter().enumerate() {
            assert_eq!(s["position"], i, "{kind}");
            assert!(s["label_vi"].as_str().is_some_and(|l| !l.is_empty()));
            assert!(s["label_en"].as_str().is_some_and(|l| !l.is_empty()));
            assert_eq!(
                s["outcome"].is_null(),
                kind != "opportunities",
                "{kind}: {s}"
            );
        }
    }
    let leads = app
        .get("/api/v1/settings/statuses/leads", &owner.token)
        .await
        .expect(200);
    assert_eq!(leads["kind"], "lead");
    assert_eq!(
        keys(&leads["statuses"]),
        [
            "new",
            "contacting",
            "nurturing",
            "qualified",
            "unqualified",
            "converted"
        ]
    );
    assert_eq!(leads["statuses"][0]["label_vi"], "Mới");
    assert_eq!(leads["statuses"][0]["is_default"], true);
    let prospects = app
        .get("/api/v1/settings/statuses/prospects", &owner.token)
        .await
        .expect(200);
    assert!(keys(&prospects["statuses"]).contains(&"converted".to_owned()));
    let stages = app
        .get("/api/v1/settings/statuses/opportunities", &owner.token)
        .await
        .expect(200);
    let outcomes: Vec<&str> = stages["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, ["open", "open", "open", "open", "won", "lost"]);

    let all = app
        .get("/api/v1/settings/picklists", &owner.token)
        .await
        .expect(200);
    let names: Vec<&str> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, PICKLISTS);
    for name in PICKLISTS {
        let list = app
            .get(&format!("/api/v1/settings/picklists/{name}"), &owner.token)
            .await
            .expect(200);
        assert!(!list["values"].as_array().unwrap().is_empty(), "{name}");
    }
    let sources = app
        .get("/api/v1/settings/picklists/source", &owner.token)
        .await
        .expect(200);
    assert!(keys(&sources["values"]).contains(&"zalo".to_owned()));
    let reasons = app
        .get("/api/v1/settings/picklists/lost_reason", &owner.token)
        .await
        .expect(200);
    assert_eq!(reasons["values"][0]["label_vi"], "Giá cao");
}

#[tokio::test]
async fn unknown_kinds_and_picklists_are_404() {
    let app = spawn_app().await;
    let owner = app.signup("su").await;
    for path in [
        "/api/v1/settings/statuses/lead",
        "/api/v1/settings/statuses/tasks",
        "/api/v1/settings/custom-fields/people",
        "/api/v1/settings/picklists/colour",
    ] {
        app.get(path, &owner.token).await.problem(404, "not_found");
    }
    let body = json!({"values": []});
    app.call(
        Method::PUT,
        "/api/v1/settings/picklists/colour",
        Some(&owner.token),
        Some(body),
    )
    .await
    .problem(404, "not_found");
}

#[tokio::test]
async fn members_read_settings_but_only_admins_write_them() {
    let app = spawn_app().await;
    let owner = app.signup("sm").await;
    let admin = app.add_user(&owner, "sma", "admin").await;
    let member = app.add_user(&owner, "smm", "member").await;
    let field = app
        .post(
            "/api/v1/settings/custom-fields/leads",
            &owner.token,
            json!({"key": "zalo_name", "label_vi": "Tên Zalo", "label_en": "Zalo name", "field_type": "text"}),
        )
        .await
        .expect(201);
    let tag = app
        .post("/api/v1/tags", &owner.token, json!({"name": "VIP"}))
        .await
        .expect(201);
    let (field, tag) = (field["id"].as_str().unwrap(), tag["id"].as_str().unwrap());

    for path in [
        "/api/v1/settings/statuses/leads".to_owned(),
        "/api/v1/settings/picklists".to_owned(),
        "/api/v1/settings/picklists/source".to_owned(),
        "/api/v1/settings/custom-fields/leads".to_owned(),
        "/api/v1/tags".to_owned(),
    ] {
        app.get(&path, &member.token).await.expect(200);
    }
    let statuses = app
        .get("/api/v1/settings/statuses/contacts", &member.token)
        .await
        .expect(200);
    let writes: Vec<(Method, String, Option<Value>)> = vec![
        (
            Method::PUT,
            "/api/v1/settings/statuses/contacts".into(),
            Some(json!({"statuses": statuses["statuses"]})),
        ),
        (
            Method::PUT,
            "/api/v1/settings/picklists/source".into(),
            Some(json!({"values": []})),
        ),
        (
            Method::POST,
            "/api/v1/settings/custom-fields/leads".into(),
            Some(json!({"key": "x", "label_vi": "X", "label_en": "X", "field_type": "bool"})),
        ),
        (
            Method::PATCH,
            format!("/api/v1/settings/custom-fields/leads/{field}"),
            Some(json!({"required": true})),
        ),
        (
            Method::DELETE,
            format!("/api/v1/settings/custom-fields/leads/{field}"),
            None,
        ),
        (
            Method::PATCH,
            format!("/api/v1/tags/{tag}"),
            Some(json!({"name": "Khách VIP"})),
        ),
        (Method::DELETE, format!("/api/v1/tags/{tag}"), None),
    ];
    for (method, path, body) in writes {
        let res = app
            .call(method.clone(), &path, Some(&member.token), body.clone())
            .await;
        assert_eq!(res.status, 403, "{method} {path} as a member: {}", res.body);
        res.problem(403, "forbidden");
        // The same request is fine for an admin.
        let res = app
            .call(method.clone(), &path, Some(&admin.token), body)
            .await;
        assert!(
            res.status.is_success(),
            "{method} {path} as an admin: {}",
            res.body
        );
    }
    // Tagging creates tags on first use, so members may create them.
    app.post("/api/v1/tags", &member.token, json!({"name": "Hội chợ"}))
        .await
        .expect(201);
}

#[tokio::test]
async fn another_workspaces_tags_and_fields_do_not_exist() {
    let app = spawn_app().await;
    let a = app.signup("swa").await;
    let b = app.signup("swb").await;
    let field = app
        .post(
            "/api/v1/settings/custom-fields/contacts",
            &b.token,
            json!({"key": "cccd", "label_vi": "CCCD", "label_en": "ID card", "field_type": "text"}),
        )
        .await
        .expect(201);
    let tag = app
        .post("/api/v1/tags", &b.token, json!({"name": "B tag"}))
        .await
        .expect(201);
    let (field, tag) = (field["id"].as_str().unwrap(), tag["id"].as_str().unwrap());
    let cases: Vec<(Method, String, Option<Value>)> = vec![
        (
            Method::PATCH,
            format!("/api/v1/settings/custom-fields/contacts/{field}"),
            Some(json!({"label_en": "hijack"})),
        ),
        (
            Method::DELETE,
            format!("/api/v1/settings/custom-fields/contacts/{field}"),
            None,
        ),
        (
            Method::PATCH,
            format!("/api/v1/tags/{tag}"),
            Some(json!({"name": "hijack"})),
        ),
        (Method::DELETE, format!("/api/v1/tags/{tag}"), None),
    ];
    for (method, path, body) in cases {
        let res = app.call(method.clone(), &path, Some(&a.token), body).await;
        assert_eq!(res.status, 404, "{method} {path}: {}", res.body);
        res.problem(404, "not_found");
    }
    let fields = app
        .get("/api/v1/settings/custom-fields/contacts", &a.token)
        .await
        .expect(200);
    assert_eq!(fields["total"], 0);
    assert_eq!(
        app.get("/api/v1/tags", &a.token).await.expect(200)["total"],
        0
    );
    // Same tag name in A is A's own tag; A's settings changes leave B's alone.
    let mine = app
        .post("/api/v1/tags", &a.token, json!({"name": "b TAG"}))
        .await
        .expect(201);
    assert_ne!(mine["id"], tag);
    app.call(
        Method::PUT,
        "/api/v1/settings/picklists/source",
        Some(&a.token),
        Some(json!({"values": []})),
    )
    .await
    .expect(200);
    let theirs = app
        .get("/api/v1/settings/picklists/source", &b.token)
        .await
        .expect(200);
    assert!(!theirs["values"].as_array().unwrap().is_empty());
    let still = app
        .get("/api/v1/settings/custom-fields/contacts", &b.token)
        .await
        .expect(200);
    assert_eq!(still["items"][0]["label_en"], "ID card");
}
