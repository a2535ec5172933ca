//! Prospects become leads in bulk, and by themselves when a chat follower leaves a phone.

use serde_json::json;
use uuid::Uuid;

use super::{id, total};
use crate::helpers::spawn_app;
use crate::records::create;

#[tokio::test]
async fn bulk_prospect_conversion_counts() {
    let app = spawn_app().await;
    let s = app.signup("bulk").await;
    let other = app.add_user(&s, "khac", "member").await;
    let mut ids = Vec::new();
    for name in ["Một", "Hai", "Ba"] {
        ids.push(id(&create(
            &app,
            &s.token,
            "prospects",
            json!({"first_name": name}),
        )
        .await));
    }
    app.post(
        &format!("/api/v1/prospects/{}/convert", ids[2]),
        &s.token,
        json!({}),
    )
    .await
    .expect(200);
    let hidden = create(
        &app,
        &other.token,
        "prospects",
        json!({
            "first_name": "Ẩn", "sharing": {"mode": "private"}
        }),
    )
    .await;
    let lead = create(&app, &s.token, "leads", json!({"first_name": "Lead"})).await;
    let selection =
        json!({"ids": [ids[0], ids[1], ids[2], id(&hidden), id(&lead), Uuid::now_v7(), ids[0]]});
    let result = app
        .post("/api/v1/prospects/convert", &s.token, selection)
        .await
        .expect(200);
    assert_eq!(
        result,
        json!({"converted": 2, "skipped_already_converted": 1, "skipped_forbidden": 3, "failed": []})
    );
    assert_eq!(total(&app, &s, "leads").await, 4);
    let hidden = app
        .get(&format!("/api/v1/prospects/{}", id(&hidden)), &other.token)
        .await
        .expect(200);
    assert_eq!(hidden["status"], "new");

    for name in ["Bốn", "Năm"] {
        create(
            &app,
            &s.token,
            "prospects",
            json!({"first_name": name, "tags": ["Lô 7"]}),
        )
        .await;
    }
    let by_filter = json!({"filter": {"tags_any": ["lo 7"]}});
    let result = app
        .post("/api/v1/prospects/convert", &s.token, by_filter.clone())
        .await
        .expect(200);
    assert_eq!(result["converted"], 2);
    let result = app
        .post("/api/v1/prospects/convert", &s.token, by_filter)
        .await
        .expect(200);
    assert_eq!(
        result,
        json!({"converted": 0, "skipped_already_converted": 2, "skipped_forbidden": 0, "failed": []})
    );
    app.post(
        "/api/v1/prospects/convert",
        &s.token,
        json!({"ids": [], "filter": {}}),
    )
    .await
    .problem(400, "malformed_body");
}

#[tokio::test]
async fn a_chat_prospect_that_gives_a_phone_becomes_a_lead() {
    let app = spawn_app().await;
    let s = app.signup("chat").await;
    let zalo = create(
        &app,
        &s.token,
        "prospects",
        json!({
            "first_name": "Follower", "input_source": "zalo", "zalo_user_id": "z-123"
        }),
    )
    .await;
    let path = format!("/api/v1/prospects/{}", id(&zalo));
    let noted = app
        .patch(&path, &s.token, json!({"notes": "hỏi giá"}))
        .await
        .expect(200);
    assert_eq!(noted["status"], "new", "no way to reach them yet");
    let promoted = app
        .patch(
            &path,
            &s.token,
            json!({"phones": [{"number": "0912 000 111"}]}),
        )
        .await
        .expect(200);
    assert_eq!(promoted["status"], "converted");
    let lead_id = promoted["converted_to"]
        .as_str()
        .expect("a lead")
        .to_owned();
    let lead = app
        .get(&format!("/api/v1/leads/{lead_id}"), &s.token)
        .await
        .expect(200);
    assert_eq!(lead["created_via"], "zalo");
    assert_eq!(lead["phones"][0]["number"], "+84912000111");
    assert_eq!(lead["notes"], "hỏi giá");
    let manual = create(&app, &s.token, "prospects", json!({"first_name": "Tay"})).await;
    let unchanged = app
        .patch(
            &format!("/api/v1/prospects/{}", id(&manual)),
            &s.token,
            json!({"emails": [{"address": "tay@abc.vn"}]}),
        )
        .await
        .expect(200);
    assert_eq!(
        unchanged["status"], "new",
        "only chat prospects are promoted"
    );
}
