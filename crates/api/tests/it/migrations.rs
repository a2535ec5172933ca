//! The migration set runs up → down → up on the test backend.

use crate::helpers::fresh_database;

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
