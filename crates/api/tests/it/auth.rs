//! Sign-up, log-in, me, refresh rotation, log-out, token expiry and the login rate limit.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{TEST_SECRET, spawn_app, spawn_app_with};

#[tokio::test]
async fn signup_login_me() {
    let app = spawn_app().await;
    let s = app.signup("lan").await;
    let tokens = app
        .login("LAN@example.vn ", "mật khẩu dài")
        .await
        .expect(200);
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 900);
    let me = app
        .get("/api/v1/me", tokens["access_token"].as_str().unwrap())
        .await
        .expect(200);
    assert_eq!(me["user"]["email"], "lan@example.vn");
    assert_eq!(me["user"]["role"], "owner");
    assert_eq!(me["workspace"]["name"], "Công ty lan");
    assert_eq!(me["workspace"]["default_country"], "VN");
    assert_eq!(me["workspace"]["id"], s.workspace_id.to_string());
    assert_eq!(me["teams"], json!([]));
}

#[tokio::test]
async fn signup_with_a_taken_email_is_a_conflict_and_bad_fields_are_named() {
    let app = spawn_app().await;
    app.signup("dup").await;
    let again = json!({"workspace_name": "X", "name": "Y", "email": "Dup@Example.vn", "password": "long enough"});
    app.call(Method::POST, "/api/v1/auth/signup", None, Some(again))
        .await
        .problem(409, "conflict");

    let bad =
        json!({"workspace_name": " ", "name": "", "email": "not-an-email", "password": "short"});
    let body = app
        .call(Method::POST, "/api/v1/auth/signup", None, Some(bad))
        .await
        .problem(422, "validation_failed");
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["workspace_name", "name", "email", "password"]);
}

#[tokio::test]
async fn wrong_password_and_unknown_email_are_the_same_401() {
    let app = spawn_app().await;
    app.signup("an").await;
    let wrong = app
        .login("an@example.vn", "wrong password")
        .await
        .problem(401, "invalid_credentials");
    let unknown = app
        .login("nobody@example.vn", "wrong password")
        .await
        .problem(401, "invalid_credentials");
    assert_eq!(wrong["detail"], unknown["detail"]);
}

#[tokio::test]
async fn refresh_rotates_and_a_replayed_token_revokes_the_family() {
    let app = spawn_app().await;
    let s = app.signup("rot").await;
    let refresh = |t: &str| json!({"refresh_token": t});
    let first = app
        .call(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(refresh(&s.refresh)),
        )
        .await
        .expect(200);
    let second_token = first["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(second_token, s.refresh);
    app.get("/api/v1/me", first["access_token"].as_str().unwrap())
        .await
        .expect(200);

    // Replaying the spent token is refused and kills the family, including the fresh token.
    app.call(
        Method::POST,
        "/api/v1/auth/refresh",
        None,
        Some(refresh(&s.refresh)),
    )
    .await
    .problem(401, "invalid_token");
    app.call(
        Method::POST,
        "/api/v1/auth/refresh",
        None,
        Some(refresh(&second_token)),
    )
    .await
    .problem(401, "invalid_token");
    app.call(
        Method::POST,
        "/api/v1/auth/refresh",
        None,
        Some(refresh("made-up")),
    )
    .await
    .problem(401, "invalid_token");
}

#[tokio::test]
async fn concurrent_refreshes_of_one_token_let_exactly_one_win() {
    let app = spawn_app().await;
    let s = app.signup("race").await;
    let body = json!({"refresh_token": s.refresh});
    let (a, b) = tokio::join!(
        app.call(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(body.clone())
        ),
        app.call(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(body.clone())
        ),
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 401]);
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = spawn_app().await;
    let s = app.signup("bye").await;
    let body = json!({"refresh_token": s.refresh});
    app.call(
        Method::POST,
        "/api/v1/auth/logout",
        None,
        Some(body.clone()),
    )
    .await
    .expect(204);
    app.call(Method::POST, "/api/v1/auth/refresh", None, Some(body))
        .await
        .problem(401, "invalid_token");
}

#[tokio::test]
async fn expired_and_forged_tokens_are_refused() {
    let app = spawn_app().await;
    let s = app.signup("exp").await;
    let expired = sen_api::auth::jwt::JwtKeys::new(TEST_SECRET.as_bytes(), -60)
        .issue(s.user_id, s.workspace_id)
        .unwrap();
    app.get("/api/v1/me", &expired)
        .await
        .problem(401, "token_expired");
    let forged = sen_api::auth::jwt::JwtKeys::new(b"some-other-secret-some-other-secret", 60)
        .issue(s.user_id, s.workspace_id)
        .unwrap();
    app.get("/api/v1/me", &forged)
        .await
        .problem(401, "invalid_token");
    app.call(Method::GET, "/api/v1/me", None, None)
        .await
        .problem(401, "unauthenticated");
}

#[tokio::test]
async fn login_is_rate_limited_per_account_and_per_ip() {
    let app = spawn_app_with(|c| {
        c.login_limit_per_account = 3;
        c.login_limit_per_ip = 5;
    })
    .await;
    app.signup("rl").await;
    for _ in 0..3 {
        app.login("rl@example.vn", "wrong password")
            .await
            .expect(401);
    }
    let limited = app.login("rl@example.vn", "mật khẩu dài").await;
    assert!(limited.headers.contains_key("retry-after"));
    limited.problem(429, "rate_limited");
    // Every attempt counts for the IP (4 so far): another account gets one more, then the IP
    // is limited whatever the account.
    app.login("other@example.vn", "x").await.expect(401);
    app.login("other2@example.vn", "x")
        .await
        .problem(429, "rate_limited");
}

#[tokio::test]
async fn deactivated_users_lose_access_at_once() {
    let app = spawn_app().await;
    let owner = app.signup("boss").await;
    let member = app.add_user(&owner, "mai", "member").await;
    app.get("/api/v1/me", &member.token).await.expect(200);
    app.delete(&format!("/api/v1/users/{}", member.user_id), &owner.token)
        .await
        .expect(204);
    app.get("/api/v1/me", &member.token)
        .await
        .problem(401, "invalid_token");
    app.login(&member.email, "mật khẩu dài")
        .await
        .problem(401, "invalid_credentials");
    let body = json!({"refresh_token": member.refresh});
    app.call(Method::POST, "/api/v1/auth/refresh", None, Some(body))
        .await
        .problem(401, "invalid_token");
}
