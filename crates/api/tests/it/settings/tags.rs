//! Tags: created on first use, one per folded name, renamed without clashes, and `ensure`
//! safe under concurrency.

use std::collections::HashSet;

use sen_store::repo::tags;
use serde_json::{Value, json};

use crate::helpers::spawn_app;

fn names(list: &Value) -> Vec<&str> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn tags_are_one_per_folded_name() {
    let app = spawn_app().await;
    let owner = app.signup("tg").await;
    let vip = app
        .post("/api/v1/tags", &owner.token, json!({"name": "VIP"}))
        .await
        .expect(201);
    assert_eq!(
        (vip["name"].as_str(), vip["key"].as_str()),
        (Some("VIP"), Some("vip"))
    );
    assert_eq!(vip["record_count"], 0);
    for same in ["víp", "vip", " Víp "] {
        let again = app
            .post("/api/v1/tags", &owner.token, json!({"name": same}))
            .await
            .expect(200);
        assert_eq!(again["id"], vip["id"], "{same}");
        assert_eq!(again["name"], "VIP", "the first spelling is kept");
    }
    let fair = app
        .post(
            "/api/v1/tags",
            &owner.token,
            json!({"name": "  Hội   chợ 2026 "}),
        )
        .await
        .expect(201);
    assert_eq!(fair["name"], "Hội chợ 2026");
    assert_eq!(fair["key"], "hoi cho 2026");
    for name in ["Khách chợ", "Chợ Lớn"] {
        app.post("/api/v1/tags", &owner.token, json!({"name": name}))
            .await
            .expect(201);
    }
    for bad in ["", "   ", "!!!", &"x".repeat(101)] {
        app.post("/api/v1/tags", &owner.token, json!({"name": bad}))
            .await
            .problem(422, "validation_failed");
    }

    let all = app.get("/api/v1/tags", &owner.token).await.expect(200);
    assert_eq!(all["total"], 4);
    assert_eq!(names(&all), ["Chợ Lớn", "Hội chợ 2026", "Khách chợ", "VIP"]);
    let cho = app
        .get("/api/v1/tags?q=CHO", &owner.token)
        .await
        .expect(200);
    assert_eq!(
        names(&cho),
        ["Chợ Lớn", "Hội chợ 2026", "Khách chợ"],
        "prefix matches first"
    );
    let hoi = app
        .get("/api/v1/tags?q=h%E1%BB%99i", &owner.token)
        .await
        .expect(200);
    assert_eq!(names(&hoi), ["Hội chợ 2026"]);
    let limited = app
        .get("/api/v1/tags?q=cho&limit=1", &owner.token)
        .await
        .expect(200);
    assert_eq!(
        (limited["total"].as_u64(), names(&limited).len()),
        (Some(3), 1)
    );
    app.get("/api/v1/tags?limit=many", &owner.token)
        .await
        .problem(400, "invalid_query");
}

#[tokio::test]
async fn renaming_a_tag_cannot_take_another_tags_name() {
    let app = spawn_app().await;
    let owner = app.signup("tr").await;
    let vip = app
        .post("/api/v1/tags", &owner.token, json!({"name": "VIP"}))
        .await
        .expect(201);
    app.post("/api/v1/tags", &owner.token, json!({"name": "Đại lý"}))
        .await
        .expect(201);
    let path = format!("/api/v1/tags/{}", vip["id"].as_str().unwrap());
    app.patch(&path, &owner.token, json!({"name": "dai ly"}))
        .await
        .problem(409, "conflict");
    let recased = app
        .patch(&path, &owner.token, json!({"name": "Vip"}))
        .await
        .expect(200);
    assert_eq!(
        (recased["name"].as_str(), recased["id"] == vip["id"]),
        (Some("Vip"), true)
    );
    let renamed = app
        .patch(&path, &owner.token, json!({"name": "Khách VIP"}))
        .await
        .expect(200);
    assert_eq!(renamed["key"], "khach vip");
    // The old name is free again.
    app.post("/api/v1/tags", &owner.token, json!({"name": "vip"}))
        .await
        .expect(201);
    app.patch(&path, &owner.token, json!({"name": "?"}))
        .await
        .problem(422, "validation_failed");
    app.delete(&path, &owner.token).await.expect(204);
    app.delete(&path, &owner.token)
        .await
        .problem(404, "not_found");
    let all = app.get("/api/v1/tags", &owner.token).await.expect(200);
    assert_eq!(names(&all), ["Đại lý", "vip"]);
}

#[tokio::test]
async fn ensure_creates_each_tag_once_in_input_order() {
    let app = spawn_app().await;
    let owner = app.signup("te").await;
    let (db, ws) = (app.state.db.clone(), owner.workspace_id);
    let names = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();

    let first = tags::ensure(db.conn(), ws, &names(&["Zalo", "zalo", "Hội chợ", "!!"]))
        .await
        .unwrap();
    let got: Vec<&str> = first.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        got,
        ["Zalo", "Hội chợ"],
        "de-duplicated by key, blank keys skipped"
    );
    let again = tags::ensure(db.conn(), ws, &names(&["hoi cho", "ZALO", "Mới"]))
        .await
        .unwrap();
    assert_eq!(again[0].id, first[1].id);
    assert_eq!(again[1].id, first[0].id);
    assert_eq!(again[2].name, "Mới");
    let ids: Vec<_> = vec![again[2].id, first[0].id, uuid::Uuid::now_v7()];
    let by_ids = tags::by_ids(db.conn(), ws, &ids).await.unwrap();
    assert_eq!(by_ids.iter().map(|t| t.id).collect::<Vec<_>>(), ids[..2]);

    // Concurrent calls with overlapping new names create each tag once, whether they run on
    // the pool or (as tagging a record does) inside transactions.
    for round in 0..8 {
        let a = names(&[
            &format!("A{round}"),
            &format!("Chung {round}"),
            &format!("B{round}"),
        ]);
        let b = names(&[
            &format!("chung {round}"),
            &format!("b{round}"),
            &format!("C{round}"),
        ]);
        let in_tx = round % 2 == 1;
        let (left, right) = tokio::join!(
            tokio::spawn(ensure_on(db.clone(), ws, a, in_tx)),
            tokio::spawn(ensure_on(db.clone(), ws, b, in_tx)),
        );
        let (left, right) = (left.unwrap(), right.unwrap());
        assert_eq!((left.len(), right.len()), (3, 3));
        assert_eq!(left[1].id, right[0].id, "round {round}");
        assert_eq!(left[2].id, right[1].id, "round {round}");
    }
    let (all, total) = tags::list(db.conn(), ws, None, 1000).await.unwrap();
    assert_eq!(total, 3 + 8 * 4);
    let keys: HashSet<&str> = all.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(keys.len(), all.len(), "every key once");
}

/// `tags::ensure` on the pool, or inside a transaction that commits.
async fn ensure_on(
    db: sen_store::Db,
    ws: uuid::Uuid,
    names: Vec<String>,
    in_tx: bool,
) -> Vec<sen_store::entity::tag::Model> {
    if !in_tx {
        return tags::ensure(db.conn(), ws, &names).await.unwrap();
    }
    let tx = db.begin().await.unwrap();
    let out = tags::ensure(&tx, ws, &names).await.unwrap();
    sen_store::commit(tx).await.unwrap();
    out
}
