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

/// Columns of `records` that migrations after those the tests roll back to add, and the
/// code reads and writes: put back by hand while the schema is old, so that the API still
/// works on it (m0020's provenance).
const LATER_RECORD_COLUMNS: [(&str, &str); 2] = [("import_id", "uuid"), ("import_row", "bigint")];

/// Rolls the migrations back until only the first `keep` (m0001 … m`keep`) are applied, with
/// the later columns the code needs.
async fn down_to(db: &sen_store::Db, keep: usize) {
    use sen_store::ConnectionTrait;
    let applied = db.applied_migrations().await.unwrap();
    let steps = u32::try_from(applied - keep).unwrap();
    db.migrate_down(steps).await.unwrap();
    for (column, ty) in LATER_RECORD_COLUMNS {
        db.conn()
            .execute_unprepared(&format!("ALTER TABLE records ADD COLUMN {column} {ty}"))
            .await
            .unwrap();
    }
}

/// Applies every migration again, the later columns taken away first for theirs to add. In
/// one transaction that reads `records` first: a pooled SQLite connection may hold the table
/// as it was before they were added, and reads it again only when a statement runs.
async fn up_again(db: &sen_store::Db) {
    use sen_store::ConnectionTrait;
    let tx = db.begin().await.unwrap();
    tx.execute_unprepared("SELECT count(*) FROM records")
        .await
        .unwrap();
    for (column, _) in LATER_RECORD_COLUMNS {
        tx.execute_unprepared(&format!("ALTER TABLE records DROP COLUMN {column}"))
            .await
            .unwrap();
    }
    sen_store::commit(tx).await.unwrap();
    db.migrate().await.unwrap();
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
    // Down through m0013 (SQLite's search tables) and m0012.
    down_to(db, 11).await;
    assert_eq!(
        key().await,
        "nguyen thi an",
        "as documents were stored before"
    );
    up_again(db).await;
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
    down_to(db, 12).await;
    let during = create(&app, &s.token, "contacts", contact("Anh", "0905 333 444")).await;
    up_again(db).await;
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

/// `sql` with `values` bound, its `$n` placeholders written as the backend wants them.
fn statement(
    backend: sen_store::DatabaseBackend,
    sql: &str,
    values: Vec<sen_store::Value>,
) -> sen_store::Statement {
    let sql = if backend == sen_store::DatabaseBackend::Sqlite {
        (1..=values.len()).fold(sql.to_owned(), |s, n| s.replace(&format!("${n}"), "?"))
    } else {
        sql.to_owned()
    };
    sen_store::Statement::from_sql_and_values(backend, sql, values)
}

/// The records of the workspace whose tag rows' copy of their list keys (m0014) differs
/// from the record, as (record status, tag row's live status).
async fn stale_tag_statuses(db: &sen_store::Db, ws: Uuid) -> Vec<(String, Option<String>)> {
    use sen_store::ConnectionTrait;
    let conn = db.conn();
    let backend = conn.get_database_backend();
    let sql = "SELECT r.status, rt.live_status FROM record_tags rt JOIN records r \
               ON r.workspace_id = rt.workspace_id AND r.id = rt.record_id \
               WHERE rt.workspace_id = $1 AND (rt.kind IS DISTINCT FROM r.kind \
               OR rt.live_status IS DISTINCT FROM CASE WHEN r.deleted_at IS NULL \
               AND r.merged_into IS NULL THEN r.status END \
               OR rt.sharing_mode IS DISTINCT FROM r.sharing_mode \
               OR rt.owner_id IS DISTINCT FROM r.owner_id \
               OR rt.created_by IS DISTINCT FROM r.created_by)";
    let sql = if backend == sen_store::DatabaseBackend::Sqlite {
        sql.replace("IS DISTINCT FROM", "IS NOT")
    } else {
        sql.to_owned()
    };
    let stmt = statement(backend, &sql, vec![ws.into()]);
    conn.query_all_raw(stmt)
        .await
        .unwrap()
        .iter()
        .map(|r| {
            (
                r.try_get_by_index(0).unwrap(),
                r.try_get_by_index(1).unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn tag_rows_carry_their_records_status() {
    let app = spawn_app().await;
    let s = app.signup("tagstatus").await;
    let db = &app.state.db;
    let contact = |first: &str, status: &str| serde_json::json!({"first_name": first, "last_name": "Trần", "status": status, "tags": ["VIP"]});
    // Tagged before m0014 copied the status onto the tag rows.
    down_to(db, 13).await;
    let before = create(&app, &s.token, "contacts", contact("An", "inactive")).await;
    up_again(db).await;
    // Tagged by a record write (the trigger fills the status) and by a bulk action (the
    // statement writes it).
    let written = create(&app, &s.token, "contacts", contact("Bình", "active")).await;
    let plain = create(
        &app,
        &s.token,
        "contacts",
        serde_json::json!({"first_name": "Chi", "last_name": "Trần", "status": "inactive"}),
    )
    .await;
    let id = |v: &serde_json::Value| v["id"].as_str().unwrap().to_owned();
    app.post(
        "/api/v1/contacts/bulk",
        &s.token,
        serde_json::json!({"action": "add_tags", "selection": {"ids": [id(&plain)]},
                           "params": {"tags": ["VIP"]}}),
    )
    .await
    .expect(200);
    assert_eq!(stale_tag_statuses(db, s.workspace_id).await, []);
    let listed = |status: &'static str| {
        let app = &app;
        let token = s.token.clone();
        async move {
            let page = app
                .get(
                    &format!("/api/v1/contacts?status={status}&tag=VIP&sort=name"),
                    &token,
                )
                .await
                .expect(200);
            (item_ids(&page), page["total"].clone())
        }
    };
    assert_eq!(
        listed("inactive").await,
        (vec![id(&before), id(&plain)], serde_json::json!(2))
    );
    assert_eq!(
        listed("active").await,
        (vec![id(&written)], serde_json::json!(1))
    );
    // A status change follows onto the tag rows, by hand and in bulk.
    app.patch(
        &format!("/api/v1/contacts/{}", id(&before)),
        &s.token,
        serde_json::json!({"status": "active", "version": 1}),
    )
    .await
    .expect(200);
    app.post(
        "/api/v1/contacts/bulk",
        &s.token,
        serde_json::json!({"action": "set_status", "selection": {"ids": [id(&written)]},
                           "params": {"status": "do_not_contact"}}),
    )
    .await
    .expect(200);
    assert_eq!(stale_tag_statuses(db, s.workspace_id).await, []);
    assert_eq!(
        listed("inactive").await,
        (vec![id(&plain)], serde_json::json!(1))
    );
    assert_eq!(
        listed("active").await,
        (vec![id(&before)], serde_json::json!(1))
    );
    assert_eq!(
        listed("do_not_contact").await,
        (vec![id(&written)], serde_json::json!(1))
    );
    // A trashed record leaves the list and its total (the live name index, m0015; the tag
    // rows' live status, m0014), and comes back restored.
    let path = format!("/api/v1/contacts/{}", id(&plain));
    app.delete(&path, &s.token).await.expect(204);
    assert_eq!(stale_tag_statuses(db, s.workspace_id).await, []);
    assert_eq!(listed("inactive").await, (vec![], serde_json::json!(0)));
    app.post(&format!("{path}/restore"), &s.token, serde_json::json!({}))
        .await
        .expect(200);
    assert_eq!(
        listed("inactive").await,
        (vec![id(&plain)], serde_json::json!(1))
    );
    // The tag's total for a member counts only what they see: a private record of the
    // owner's is left out, until it is handed to the member.
    let member = app.add_user(&s, "tagmember", "member").await;
    let private = create(
        &app,
        &s.token,
        "contacts",
        serde_json::json!({"first_name": "Giang", "last_name": "Trần", "status": "inactive",
                           "tags": ["VIP"], "sharing": {"mode": "private"}}),
    )
    .await;
    let for_member = || async {
        let page = app
            .get("/api/v1/contacts?status=inactive&tag=VIP", &member.token)
            .await
            .expect(200);
        (item_ids(&page), page["total"].clone())
    };
    assert_eq!(for_member().await, (vec![id(&plain)], serde_json::json!(1)));
    app.patch(
        &format!("/api/v1/contacts/{}", id(&private)),
        &s.token,
        serde_json::json!({"owner_id": member.user_id}),
    )
    .await
    .expect(200);
    assert_eq!(stale_tag_statuses(db, s.workspace_id).await, []);
    let (ids, total) = for_member().await;
    assert_eq!((ids.len(), total), (2, serde_json::json!(2)));
    assert!(ids.contains(&id(&private)));
}

#[tokio::test]
async fn a_status_changed_while_a_bulk_action_tags_the_record_reaches_its_tag_row() {
    use sen_store::ConnectionTrait;
    let app = spawn_app().await;
    let s = app.signup("tagrace").await;
    let made = create(
        &app,
        &s.token,
        "contacts",
        serde_json::json!({"first_name": "Dũng", "last_name": "Lê", "status": "active"}),
    )
    .await;
    let id: Uuid = made["id"].as_str().unwrap().parse().unwrap();
    // Another writer changes the status and has not committed when the bulk action starts:
    // the action reads the old status, then waits for the record's lock.
    let db = &app.state.db;
    let tx = db.begin().await.unwrap();
    let sql = "UPDATE records SET status = $1 WHERE workspace_id = $2 AND id = $3";
    let values = vec!["inactive".into(), s.workspace_id.into(), id.into()];
    tx.execute_raw(statement(tx.get_database_backend(), sql, values))
        .await
        .unwrap();
    let bulk = {
        let app = crate::helpers::TestApp::pointed_at(&app, &app.base);
        let token = s.token.clone();
        tokio::spawn(async move {
            app.post(
                "/api/v1/contacts/bulk",
                &token,
                serde_json::json!({"action": "add_tags", "selection": {"ids": [id]},
                                   "params": {"tags": ["VIP"]}}),
            )
            .await
            .expect(200)
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    sen_store::commit(tx).await.unwrap();
    let res = bulk.await.unwrap();
    assert_eq!(res["changed"], 1);
    assert_eq!(stale_tag_statuses(db, s.workspace_id).await, []);
    let page = app
        .get("/api/v1/contacts?status=inactive&tag=VIP", &s.token)
        .await
        .expect(200);
    assert_eq!(item_ids(&page), [id.to_string()]);
}
