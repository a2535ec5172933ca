//! Users: admins create and change; members read and edit themselves; every write is audited.

use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn admins_create_users_and_members_only_read() {
    let app = spawn_app().await;
    let owner = app.signup("own").await;
    let admin = app.add_user(&owner, "adm", "admin").await;
    let member = app.add_user(&admin, "mem", "member").await;

    let list = app.get("/api/v1/users", &member.token).await.expect(200);
    assert_eq!(list["total"], 3);
    let body =
        json!({"email": "x@example.vn", "name": "X", "role": "member", "password": "long enough"});
    app.post("/api/v1/users", &member.token, body.clone())
        .await
        .problem(403, "forbidden");
    app.post("/api/v1/users", &admin.token, body.clone())
        .await
        .expect(201);
    app.post("/api/v1/users", &admin.token, body)
        .await
        .problem(409, "conflict");

    let owner_role =
        json!({"email": "y@example.vn", "name": "Y", "role": "owner", "password": "long enough"});
    let err = app
        .post("/api/v1/users", &admin.token, owner_role)
        .await
        .problem(422, "validation_failed");
    assert_eq!(err["errors"][0]["field"], "role");
}

#[tokio::test]
async fn who_may_change_whom() {
    let app = spawn_app().await;
    let owner = app.signup("own2").await;
    let admin = app.add_user(&owner, "adm2", "admin").await;
    let member = app.add_user(&owner, "mem2", "member").await;
    let other = app.add_user(&owner, "oth2", "member").await;

    let me = app
        .patch(
            &format!("/api/v1/users/{}", member.user_id),
            &member.token,
            json!({"name": "  Mai   Anh "}),
        )
        .await
        .expect(200);
    assert_eq!(me["name"], "Mai Anh");
    app.patch(
        &format!("/api/v1/users/{}", member.user_id),
        &member.token,
        json!({"role": "admin"}),
    )
    .await
    .problem(403, "forbidden");
    app.patch(
        &format!("/api/v1/users/{}", other.user_id),
        &member.token,
        json!({"name": "x"}),
    )
    .await
    .problem(403, "forbidden");
    app.patch(
        &format!("/api/v1/users/{}", owner.user_id),
        &admin.token,
        json!({"name": "x"}),
    )
    .await
    .problem(403, "forbidden");
    let promoted = app
        .patch(
            &format!("/api/v1/users/{}", member.user_id),
            &admin.token,
            json!({"role": "admin"}),
        )
        .await
        .expect(200);
    assert_eq!(promoted["role"], "admin");
    let demote_owner = app
        .patch(
            &format!("/api/v1/users/{}", owner.user_id),
            &owner.token,
            json!({"role": "member"}),
        )
        .await;
    demote_owner.problem(422, "validation_failed");
    app.delete(&format!("/api/v1/users/{}", owner.user_id), &admin.token)
        .await
        .problem(422, "validation_failed");
}

#[tokio::test]
async fn password_change_revokes_refresh_tokens_and_the_new_password_works() {
    let app = spawn_app().await;
    let owner = app.signup("pw").await;
    app.patch(
        &format!("/api/v1/users/{}", owner.user_id),
        &owner.token,
        json!({"password": "a brand new one"}),
    )
    .await
    .expect(200);
    app.login(&owner.email, "mật khẩu dài")
        .await
        .problem(401, "invalid_credentials");
    app.login(&owner.email, "a brand new one").await.expect(200);
    let body = json!({"refresh_token": owner.refresh});
    app.call(
        reqwest::Method::POST,
        "/api/v1/auth/refresh",
        None,
        Some(body),
    )
    .await
    .problem(401, "invalid_token");
}

#[tokio::test]
async fn writes_are_audited_with_before_and_after() {
    let app = spawn_app().await;
    let owner = app.signup("aud").await;
    let member = app.add_user(&owner, "audm", "member").await;
    app.patch(
        &format!("/api/v1/users/{}", member.user_id),
        &owner.token,
        json!({"name": "Renamed"}),
    )
    .await
    .expect(200);
    let entries =
        sen_store::repo::audit::for_entity(app.state.db.conn(), owner.workspace_id, member.user_id)
            .await
            .unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["create", "update"]);
    let update = &entries[1];
    assert_eq!(update.actor_id, Some(owner.user_id));
    assert_eq!(update.before.as_ref().unwrap()["name"], "audm");
    assert_eq!(update.after.as_ref().unwrap()["name"], "Renamed");
    assert!(
        update
            .after
            .as_ref()
            .unwrap()
            .get("password_hash")
            .is_none()
    );
}
