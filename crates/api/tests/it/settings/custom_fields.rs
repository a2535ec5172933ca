//! Custom field definitions: create, list, change, delete; key and type are fixed.

use serde_json::{Value, json};

use super::field_errors;
use crate::helpers::spawn_app;

const LEADS: &str = "/api/v1/settings/custom-fields/leads";

fn tier() -> Value {
    json!({"key": "tier", "label_vi": "Hạng", "label_en": "Tier", "field_type": "select",
           "options": [{"key": "gold", "label_vi": "Vàng", "label_en": "Gold"},
                       {"key": "silver", "label_vi": "Bạc", "label_en": "Silver"}]})
}

#[tokio::test]
async fn custom_fields_lifecycle() {
    let app = spawn_app().await;
    let owner = app.signup("cf").await;
    let created = app.post(LEADS, &owner.token, tier()).await.expect(201);
    assert_eq!(created["kind"], "lead");
    assert_eq!(created["field_type"], "select");
    assert_eq!(created["required"], false);
    assert_eq!(created["position"], 0);
    assert_eq!(created["options"][1]["key"], "silver");
    let issued = json!({"key": "cccd_issued", "label_vi": "Ngày cấp CCCD", "label_en": "ID issued on",
                        "field_type": "date", "required": true});
    let second = app
        .post(LEADS, &owner.token, issued.clone())
        .await
        .expect(201);
    assert_eq!(second["position"], 1, "appended after the last field");
    assert_eq!(second["options"], json!([]));

    app.post(LEADS, &owner.token, tier())
        .await
        .problem(409, "conflict");
    app.post(
        "/api/v1/settings/custom-fields/contacts",
        &owner.token,
        tier(),
    )
    .await
    .expect(201);
    let list = app.get(LEADS, &owner.token).await.expect(200);
    assert_eq!(list["total"], 2);
    assert_eq!(list["items"][0]["key"], "tier");

    let id = created["id"].as_str().unwrap();
    let path = format!("{LEADS}/{id}");
    let changed = app
        .patch(
            &path,
            &owner.token,
            json!({"key": "tier", "field_type": "select", "label_en": "Customer tier",
                   "required": true, "position": 5,
                   "options": [{"key": "gold", "label_vi": "Vàng", "label_en": "Gold"}]}),
        )
        .await
        .expect(200);
    assert_eq!(changed["label_en"], "Customer tier");
    assert_eq!(changed["label_vi"], "Hạng", "absent fields stay");
    assert_eq!(changed["required"], true);
    assert_eq!(changed["position"], 5);
    assert_eq!(changed["options"].as_array().unwrap().len(), 1);
    let list = app.get(LEADS, &owner.token).await.expect(200);
    assert_eq!(
        list["items"][0]["key"], "cccd_issued",
        "ordered by position"
    );

    // The records feature validates `custom` with the stored definitions.
    let defs = sen_store::repo::custom_fields::defs(
        app.state.db.conn(),
        owner.workspace_id,
        sen_domain::kind::RecordKind::Lead,
    )
    .await
    .unwrap();
    let values = json!({"tier": "gold", "cccd_issued": "01/05/2021"});
    let clean =
        sen_domain::custom_field::validate_custom(&defs, values.as_object().unwrap(), false)
            .unwrap();
    assert_eq!(
        Value::Object(clean),
        json!({"tier": "gold", "cccd_issued": "2021-05-01"})
    );
    let refused = json!({"tier": "silver"});
    let errors =
        sen_domain::custom_field::validate_custom(&defs, refused.as_object().unwrap(), false)
            .unwrap_err();
    let codes: Vec<_> = errors.iter().map(|e| (e.key.as_str(), e.code)).collect();
    assert!(codes.contains(&("tier", "invalid_option")), "{codes:?}");
    assert!(codes.contains(&("cccd_issued", "required")), "{codes:?}");

    // Another kind's path does not reach the field.
    app.patch(
        &format!("/api/v1/settings/custom-fields/contacts/{id}"),
        &owner.token,
        json!({"required": false}),
    )
    .await
    .problem(404, "not_found");
    app.delete(&path, &owner.token).await.expect(204);
    app.patch(&path, &owner.token, json!({"required": false}))
        .await
        .problem(404, "not_found");
    app.delete(&path, &owner.token)
        .await
        .problem(404, "not_found");
    assert_eq!(app.get(LEADS, &owner.token).await.expect(200)["total"], 1);
}

#[tokio::test]
async fn key_and_type_are_immutable_and_definitions_checked() {
    let app = spawn_app().await;
    let owner = app.signup("cv").await;
    let field = app
        .post(
            LEADS,
            &owner.token,
            json!({"key": "budget", "label_vi": "Ngân sách", "label_en": "Budget", "field_type": "number"}),
        )
        .await
        .expect(201);
    let path = format!("{LEADS}/{}", field["id"].as_str().unwrap());
    let cases = [
        (json!({"key": "budget_vnd"}), "key", "immutable"),
        (json!({"field_type": "text"}), "field_type", "immutable"),
        (
            json!({"options": [{"key": "a", "label_vi": "A", "label_en": "A"}]}),
            "options",
            "not_allowed",
        ),
        (json!({"label_vi": "  "}), "label_vi", "required"),
        (json!({"nickname": "x"}), "nickname", "unknown_field"),
    ];
    for (body, field, code) in cases {
        let res = app
            .patch(&path, &owner.token, body.clone())
            .await
            .problem(422, "validation_failed");
        assert!(
            field_errors(&res).contains(&(field.to_owned(), code.to_owned())),
            "{body}: {res}"
        );
    }
    let unchanged = app.get(LEADS, &owner.token).await.expect(200);
    assert_eq!(unchanged["items"][0]["label_vi"], "Ngân sách");

    let base = |t: &str| json!({"key": "f", "label_vi": "F", "label_en": "F", "field_type": t});
    let mut with_options = base("text");
    with_options["options"] = tier()["options"].clone();
    let mut duplicate_options = base("multi_select");
    duplicate_options["options"] = json!([
        {"key": "a", "label_vi": "A", "label_en": "A"},
        {"key": "a", "label_vi": "B", "label_en": "B"},
    ]);
    let mut bad_key = base("bool");
    bad_key["key"] = json!("Ngày cấp");
    let cases = [
        (base("select"), "options", "required"),
        (base("multi_select"), "options", "required"),
        (with_options, "options", "not_allowed"),
        (duplicate_options, "options[1].key", "duplicate_value"),
        (bad_key, "key", "invalid_key"),
        (base("datetime"), "field_type", "invalid_type"),
    ];
    for (body, field, code) in cases {
        let res = app
            .post(LEADS, &owner.token, body.clone())
            .await
            .problem(422, "validation_failed");
        assert!(
            field_errors(&res).contains(&(field.to_owned(), code.to_owned())),
            "{body}: {res}"
        );
    }
    app.post(
        "/api/v1/settings/custom-fields/deals",
        &owner.token,
        base("text"),
    )
    .await
    .problem(404, "not_found");
}
