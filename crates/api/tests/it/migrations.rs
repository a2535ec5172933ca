//! The migration set runs up → down → up on the test backend.

use sen_store::repo::records;
use uuid::Uuid;

use crate::helpers::{fresh_database, item_ids, spawn_app};
use crate::records::create;

#[tokio::test]
async fn migrations_go_up_down_and_up_again() {
    let dir = tempfile::tempdir().unwrap();
    let (url, pg) = fresh_database(dir.path()).await;
    let db = sen_store::Db::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    let applied = db.applied_migrations().await.unwrap();
    assert!(applied >= 1);
    db.migrate_down_all().await.unwrap();
    assert_eq!(db.applied_migrations().await.unwrap(), 0);
    db.migrate().await.unwrap();
    assert_eq!(db.applied_migrations().await.unwrap(), applied);
    db.close().await.unwrap();
    if let Some((admin, name)) = pg {
        sen_store::admin::drop_postgres_database(&admin, &name)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn stored_search_documents_gain_their_leading_space() {
    let app = spawn_app().await;
    let s = app.signup("docs").await;
    let made = create(
        &app,
        &s.token,
        "contacts",
        serde_json::json!({"first_name": "An", "last_name": "Nguyễn Thị"}),
    )
    .await;
    let id: Uuid = made["id"].as_str().unwrap().parse().unwrap();
    let db = &app.state.db;
    let key = || async {
        records::get_any(db.conn(), s.workspace_id, id)
            .await
            .unwrap()
            .unwrap()
            .search_key
    };
    assert_eq!(key().await, " nguyen thi an");
    // Down through m0013 (SQLite's search tables) to m0012.
    db.migrate_down(2).await.unwrap();
    assert_eq!(
        key().await,
        "nguyen thi an",
        "as documents were stored before"
    );
    db.migrate().await.unwrap();
    assert_eq!(key().await, " nguyen thi an");
    // The search index followed: the short word is found where a word starts.
    let page = app.get("/api/v1/contacts?q=an", &s.token).await.expect(200);
    assert_eq!(item_ids(&page), [id.to_string()]);
}

#[tokio::test]
async fn search_indexes_are_built_from_stored_documents() {
    let app = spawn_app().await;
    let s = app.signup("reindex").await;
    let contact = |first: &str, phone: &str| serde_json::json!({"first_name": first, "last_name": "Nguyễn Văn", "phones": [{"number": phone}]});
    let before = create(&app, &s.token, "contacts", contact("An", "0905 111 222")).await;
    let db = &app.state.db;
    // Written under m0012's trigram table alone.
    db.migrate_down(1).await.unwrap();
    let during = create(&app, &s.token, "contacts", contact("Anh", "0905 333 444")).await;
    db.migrate().await.unwrap();
    let after = create(&app, &s.token, "contacts", contact("Bình", "0905 555 666")).await;
    let id = |v: &serde_json::Value| v["id"].as_str().unwrap().to_owned();
    for (q, expected) in [
        ("nguyen an", vec![id(&during), id(&before)]),
        ("nguy v", vec![id(&after), id(&during), id(&before)]),
        ("binh", vec![id(&after)]),
        ("3344", vec![id(&during)]),
        ("1222", vec![id(&before)]),
    ] {
        let page = app
            .get(
                &format!("/api/v1/contacts?q={}", q.replace(' ', "+")),
                &s.token,
            )
            .await
            .expect(200);
        assert_eq!(item_ids(&page), expected, "q={q}");
    }
}

#[tokio::test]
async fn nullable_columns_have_no_default() {
    // Bulk inserts leave out a column that is NULL in every row (records::insert_many): that
    // writes NULL only while no nullable column of the tables it writes has a default.
    let app = spawn_app().await;
    let db = app.state.db.conn();
    let defaulted = records::nullable_columns_with_default(db, &records::BULK_TABLES)
        .await
        .unwrap();
    assert!(
        defaulted.is_empty(),
        "nullable with a default: {defaulted:?}"
    );
}
