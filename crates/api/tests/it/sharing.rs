//! The sharing matrix of PRODUCT §5: four users × four sharing modes × six operations, every
//! cell asserted. Invisible records do not exist (404); visible ones may be edited; sharing
//! changes only by the creator or an admin.

use serde_json::{Value, json};

use crate::helpers::{Session, TestApp, spawn_app};
use crate::records::{create, urlencode};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    Owner,
    DataOwnerAdmin,
    TeamMember,
    Outsider,
}

fn sees(who: Who, mode: &str) -> bool {
    match who {
        Who::Owner | Who::DataOwnerAdmin => true,
        Who::TeamMember => mode != "private",
        Who::Outsider => mode == "everyone",
    }
}

fn may_change_sharing(who: Who) -> bool {
    matches!(who, Who::Owner | Who::DataOwnerAdmin)
}

async fn set_sharing(app: &TestApp, by: &Session, path: &str, sharing: &Value) -> u16 {
    app.patch(path, &by.token, json!({"sharing": sharing}))
        .await
        .status
        .as_u16()
}

#[tokio::test]
async fn sharing_matrix() {
    let app = spawn_app().await;
    let boss = app.signup("boss").await;
    let owner = app.add_user(&boss, "own", "member").await;
    let admin = app.add_user(&boss, "adm", "admin").await;
    let member = app.add_user(&boss, "mem", "member").await;
    let outsider = app.add_user(&boss, "out", "member").await;
    app.post(
        "/api/v1/teams",
        &boss.token,
        json!({"name": "Data", "data_owner": true, "member_ids": [admin.user_id]}),
    )
    .await
    .expect(201);
    let team = app
        .post(
            "/api/v1/teams",
            &boss.token,
            json!({"name": "Sales", "member_ids": [member.user_id]}),
        )
        .await
        .expect(201);
    let team_id = team["id"].as_str().unwrap().to_owned();

    let lead = create(
        &app,
        &owner.token,
        "leads",
        json!({"first_name": "Matrix", "last_name": "Khách"}),
    )
    .await;
    let id = lead["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/leads/{id}");
    let modes = [
        ("everyone", json!({"mode": "everyone"})),
        ("private", json!({"mode": "private"})),
        ("team", json!({"mode": "team", "team_ids": [team_id]})),
        (
            "users",
            json!({"mode": "users", "user_ids": [member.user_id]}),
        ),
    ];
    let users = [
        (Who::Owner, &owner),
        (Who::DataOwnerAdmin, &admin),
        (Who::TeamMember, &member),
        (Who::Outsider, &outsider),
    ];
    let mut cells = 0;
    for (mode, sharing) in &modes {
        assert_eq!(
            set_sharing(&app, &owner, &path, sharing).await,
            200,
            "owner sets {mode}"
        );
        for (who, s) in users {
            let visible = sees(who, mode);
            let cell = format!("{who:?} × {mode}");
            let get = app.get(&path, &s.token).await;
            assert_eq!(get.status, if visible { 200 } else { 404 }, "{cell}: get");
            let listed = app
                .get("/api/v1/leads?limit=200", &s.token)
                .await
                .expect(200);
            let in_list = listed["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["id"] == id.as_str());
            assert_eq!(in_list, visible, "{cell}: list");
            let found = app
                .post(
                    "/api/v1/leads/search",
                    &s.token,
                    json!({"filter": {"q": "matrix khach"}}),
                )
                .await
                .expect(200);
            let in_search = found["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["id"] == id.as_str());
            assert_eq!(in_search, visible, "{cell}: search");
            let count = app
                .get(
                    &format!("/api/v1/leads?q={}", urlencode("Matrix")),
                    &s.token,
                )
                .await
                .expect(200);
            assert_eq!(count["total"], u64::from(visible), "{cell}: count");
            let update = app
                .patch(
                    &path,
                    &s.token,
                    json!({"notes": format!("edited by {who:?}")}),
                )
                .await;
            assert_eq!(
                update.status,
                if visible { 200 } else { 404 },
                "{cell}: update"
            );
            let other = if *mode == "private" {
                json!({"mode": "everyone"})
            } else {
                json!({"mode": "private"})
            };
            let change = set_sharing(&app, s, &path, &other).await;
            let expected = match (visible, may_change_sharing(who)) {
                (false, _) => 404,
                (true, true) => 200,
                (true, false) => 403,
            };
            assert_eq!(change, expected, "{cell}: change sharing");
            if change == 200 {
                assert_eq!(
                    set_sharing(&app, &owner, &path, sharing).await,
                    200,
                    "{cell}: reset"
                );
            }
            cells += 6;
        }
    }
    assert_eq!(cells, 4 * 4 * 6);
    // The creator keeps seeing a private record they handed to someone else.
    app.patch(
        &path,
        &owner.token,
        json!({"owner_id": member.user_id, "sharing": {"mode": "private"}}),
    )
    .await
    .expect(200);
    app.get(&path, &owner.token).await.expect(200);
    app.get(&path, &member.token).await.expect(200);
    app.get(&path, &outsider.token)
        .await
        .problem(404, "not_found");
}
