//! API keys: shown once, stored hashed, act as their user, revocable.

use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_key_acts_as_its_user_until_revoked() {
    let app = spawn_app().await;
    let owner = app.signup("key").await;
    let member = app.add_user(&owner, "keym", "member").await;
    let created = app
        .post(
            "/api/v1/api-keys",
            &member.token,
            json!({"name": "website"}),
        )
        .await
        .expect(201);
    let key = created["key"].as_str().unwrap().to_owned();
    assert!(key.starts_with("sen_"));
    assert!(key.starts_with(created["api_key"]["prefix"].as_str().unwrap()));
    let id = created["api_key"]["id"].as_str().unwrap().to_owned();

    let me = app.get("/api/v1/me", &key).await.expect(200);
    assert_eq!(me["user"]["id"], member.user_id.to_string());
    // The secret is never shown again and is not stored in clear.
    let listed = app.get("/api/v1/api-keys", &member.token).await.expect(200);
    assert_eq!(listed["total"], 1);
    assert!(!listed.to_string().contains(&key));
    let row = sen_store::repo::api_keys::get(
        app.state.db.conn(),
        owner.workspace_id,
        id.parse().unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_ne!(row.key_hash, key);
    assert!(
        app.get(&format!("/api/v1/api-keys/{id}"), &member.token)
            .await
            .expect(200)["last_used_at"]
            .is_string()
    );

    // The owner (admin) sees every key; another member does not see this one.
    assert_eq!(
        app.get("/api/v1/api-keys", &owner.token).await.expect(200)["total"],
        1
    );
    let other = app.add_user(&owner, "keyo", "member").await;
    app.get(&format!("/api/v1/api-keys/{id}"), &other.token)
        .await
        .problem(404, "not_found");
    app.delete(&format!("/api/v1/api-keys/{id}"), &other.token)
        .await
        .problem(404, "not_found");

    app.delete(&format!("/api/v1/api-keys/{id}"), &member.token)
        .await
        .expect(204);
    app.get("/api/v1/me", &key)
        .await
        .problem(401, "invalid_token");
    let revoked = app
        .get(&format!("/api/v1/api-keys/{id}"), &member.token)
        .await
        .expect(200);
    assert!(revoked["revoked_at"].is_string());
}
