//! Options of a run: owners by a team's round robin, sharing, and a retried upload with the
//! same `Idempotency-Key` answering the first upload.

use reqwest::multipart::{Form, Part};
use serde_json::json;

use super::fixtures::range_csv;
use super::{all, import};
use crate::helpers::{answer, spawn_app};

#[tokio::test]
async fn team_round_robin_sharing_and_idempotent_upload() {
    let app = spawn_app().await;
    let boss = app.signup("boss").await;
    let a = app.add_user(&boss, "a", "member").await;
    let b = app.add_user(&boss, "b", "member").await;
    let team = app
        .post(
            "/api/v1/teams",
            &boss.token,
            json!({"name": "Sales", "assignment_rule": "round_robin",
                   "member_ids": [a.user_id.to_string(), b.user_id.to_string()]}),
        )
        .await
        .expect(201);
    let done = import(
        &app,
        &boss,
        "leads",
        "range.csv",
        range_csv(),
        json!({"assign": {"team_id": team["id"]}, "sharing": {"mode": "private"}}),
    )
    .await;
    assert_eq!(done["counts"]["created"], 10, "{done}");
    let leads = all(&app, &boss, "leads").await;
    let to_a = leads
        .iter()
        .filter(|l| l["owner_id"] == a.user_id.to_string())
        .count();
    let to_b = leads
        .iter()
        .filter(|l| l["owner_id"] == b.user_id.to_string())
        .count();
    assert_eq!((to_a, to_b), (5, 5));
    assert!(leads.iter().all(|l| l["sharing"]["mode"] == "private"));
    // Private and owned by a: a sees exactly their five.
    assert_eq!(all(&app, &a, "leads").await.len(), 5);

    let no_rule = app
        .post(
            "/api/v1/teams",
            &boss.token,
            json!({"name": "Không luật", "member_ids": [a.user_id.to_string()]}),
        )
        .await
        .expect(201);
    let up = super::upload(&app, &boss.token, "leads", "r.csv", range_csv())
        .await
        .expect(201);
    assert_eq!(no_rule["assignment_rule"], "none");
    {
        let p = app
            .post(
                &format!("/api/v1/imports/{}/preview", up["id"].as_str().unwrap()),
                &boss.token,
                json!({"mapping": up["suggested_mapping"].clone(), "assign": {"team_id": no_rule["id"]}}),
            )
            .await
            .problem(422, "validation_failed");
        assert_eq!(p["errors"][0]["field"], "assign.team_id");
    }

    let send = || async {
        let form = Form::new()
            .text("kind", "leads")
            .part("file", Part::bytes(range_csv()).file_name("r.csv"));
        let res = app
            .client
            .post(format!("{}/api/v1/imports", app.base))
            .bearer_auth(&boss.token)
            .header("Idempotency-Key", "upload-1")
            .multipart(form)
            .send()
            .await
            .unwrap();
        answer(res).await
    };
    let first = send().await.expect(201);
    let again = send().await;
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(again.expect(201)["id"], first["id"]);
}
