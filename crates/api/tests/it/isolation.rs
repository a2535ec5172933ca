//! Workspaces are isolated: every users/teams/api-keys resource of workspace B is a 404 for
//! a user of workspace A, whatever the method.

use reqwest::Method;
use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn another_workspaces_resources_do_not_exist() {
    let app = spawn_app().await;
    let a = app.signup("wsa").await;
    let b = app.signup("wsb").await;
    let b_member = app.add_user(&b, "wsbm", "member").await;
    let team = app
        .post(
            "/api/v1/teams",
            &b.token,
            json!({"name": "B team", "member_ids": [b_member.user_id]}),
        )
        .await
        .expect(201);
    let key = app
        .post("/api/v1/api-keys", &b.token, json!({"name": "B key"}))
        .await
        .expect(201);
    let (team, key) = (
        team["id"].as_str().unwrap(),
        key["api_key"]["id"].as_str().unwrap(),
    );

    let cases: Vec<(Method, String, Option<serde_json::Value>)> = vec![
        (Method::GET, format!("/api/v1/users/{}", b.user_id), None),
        (
            Method::GET,
            format!("/api/v1/users/{}", b_member.user_id),
            None,
        ),
        (
            Method::PATCH,
            format!("/api/v1/users/{}", b_member.user_id),
            Some(json!({"name": "hijack"})),
        ),
        (
            Method::PATCH,
            format!("/api/v1/users/{}", b_member.user_id),
            Some(json!({"active": false})),
        ),
        (
            Method::DELETE,
            format!("/api/v1/users/{}", b_member.user_id),
            None,
        ),
        (Method::GET, format!("/api/v1/teams/{team}"), None),
        (
            Method::PATCH,
            format!("/api/v1/teams/{team}"),
            Some(json!({"name": "hijack"})),
        ),
        (Method::DELETE, format!("/api/v1/teams/{team}"), None),
        (Method::GET, format!("/api/v1/api-keys/{key}"), None),
        (Method::DELETE, format!("/api/v1/api-keys/{key}"), None),
    ];
    for (method, path, body) in cases {
        let res = app.call(method.clone(), &path, Some(&a.token), body).await;
        assert_eq!(
            res.status, 404,
            "{method} {path} as another workspace's owner: {}",
            res.body
        );
        res.problem(404, "not_found");
    }
    // Lists show only the caller's workspace, and B's data is unchanged.
    let users = app.get("/api/v1/users", &a.token).await.expect(200);
    assert_eq!(users["total"], 1);
    assert_eq!(
        app.get("/api/v1/teams", &a.token).await.expect(200)["total"],
        0
    );
    assert_eq!(
        app.get("/api/v1/api-keys", &a.token).await.expect(200)["total"],
        0
    );
    let member = app
        .get(&format!("/api/v1/users/{}", b_member.user_id), &b.token)
        .await
        .expect(200);
    assert_eq!(
        (member["name"].as_str(), member["active"].as_bool()),
        (Some("wsbm"), Some(true))
    );
    app.get(&format!("/api/v1/teams/{team}"), &b.token)
        .await
        .expect(200);
    // A's team cannot take B's users as members either.
    let err = app
        .post(
            "/api/v1/teams",
            &a.token,
            json!({"name": "A", "member_ids": [b_member.user_id]}),
        )
        .await;
    err.problem(422, "validation_failed");
}
