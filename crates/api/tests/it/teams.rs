//! Teams: members in order, data-owner flag, assignment rule; admins only write.

use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn team_lifecycle() {
    let app = spawn_app().await;
    let owner = app.signup("tl").await;
    let a = app.add_user(&owner, "tla", "member").await;
    let b = app.add_user(&owner, "tlb", "member").await;

    let body = json!({"name": "Kinh doanh miền Bắc", "assignment_rule": "round_robin", "member_ids": [b.user_id, a.user_id]});
    let team = app
        .post("/api/v1/teams", &owner.token, body.clone())
        .await
        .expect(201);
    assert_eq!(team["assignment_rule"], "round_robin");
    assert_eq!(team["data_owner"], false);
    assert_eq!(
        team["member_ids"],
        json!([b.user_id, a.user_id]),
        "members keep their order"
    );
    app.post("/api/v1/teams", &owner.token, body)
        .await
        .problem(409, "conflict");
    app.post("/api/v1/teams", &a.token, json!({"name": "Mine"}))
        .await
        .problem(403, "forbidden");

    let id = team["id"].as_str().unwrap();
    let me = app.get("/api/v1/me", &a.token).await.expect(200);
    assert_eq!(me["teams"][0]["name"], "Kinh doanh miền Bắc");

    let changed = app
        .patch(
            &format!("/api/v1/teams/{id}"),
            &owner.token,
            json!({"data_owner": true, "assignment_rule": "random", "member_ids": [a.user_id]}),
        )
        .await
        .expect(200);
    assert_eq!(changed["data_owner"], true);
    assert_eq!(changed["assignment_rule"], "random");
    assert_eq!(changed["member_ids"], json!([a.user_id]));
    assert_eq!(
        app.get("/api/v1/teams", &b.token).await.expect(200)["total"],
        1
    );

    app.delete(&format!("/api/v1/teams/{id}"), &owner.token)
        .await
        .expect(204);
    app.get(&format!("/api/v1/teams/{id}"), &owner.token)
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn members_must_be_distinct_users_of_the_workspace_and_rules_known() {
    let app = spawn_app().await;
    let owner = app.signup("tm").await;
    let stranger = app.signup("tmx").await;
    let err = app
        .post(
            "/api/v1/teams",
            &owner.token,
            json!({"name": "T", "member_ids": [stranger.user_id]}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(err["errors"][0]["field"], "member_ids");
    let err = app
        .post(
            "/api/v1/teams",
            &owner.token,
            json!({"name": "T", "member_ids": [owner.user_id, owner.user_id]}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(err["errors"][0]["code"], "duplicate_value");
    let err = app
        .post(
            "/api/v1/teams",
            &owner.token,
            json!({"name": "T", "assignment_rule": "lottery"}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(err["errors"][0]["field"], "assignment_rule");
}
