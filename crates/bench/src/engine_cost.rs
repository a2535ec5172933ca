//! What writing imported records costs the database engine itself, with no client in the
//! way: records the floor wrote, with their phones, e-mails and tags, copied under new ids
//! by one `INSERT … SELECT` per table — into the real tables (their indexes and triggers
//! maintained, as every import pays) and into bare tables of the same columns (none of
//! them) — and rolled back. The difference is the price of the indexes and triggers that the
//! lists and searches of issue 3 stand on; the report weighs issue 6's end-to-end import
//! goals against it.

use std::time::{Duration, Instant};

use sen_store::{Backend, ConnectionTrait, DatabaseBackend, DatabaseTransaction, Db, Statement};
use uuid::Uuid;

/// The tables an import writes for a new record, each with the column naming the record.
const TABLES: [(&str, &str); 4] = [
    ("records", "id"),
    ("record_phones", "record_id"),
    ("record_emails", "record_id"),
    ("record_tags", "record_id"),
];

/// The engine's own cost of writing records with their children.
#[derive(Debug, Clone, Copy, Default)]
pub struct RowCost {
    /// Records copied.
    pub rows: u64,
    /// Per record, into `records` alone, in microseconds.
    pub record_us: f64,
    /// Per record, into the four tables, in microseconds.
    pub indexed_us: f64,
    /// Per record, into bare tables of the same columns, in microseconds.
    pub bare_us: f64,
}

/// Copies up to `limit` of the records import `import_id` wrote, and their children, under
/// new ids into the real tables and into bare ones, timing each statement; everything is
/// rolled back.
pub async fn record_row_cost(db: &Db, import_id: Uuid, limit: u64) -> anyhow::Result<RowCost> {
    let backend = db.backend();
    let (new_id, new_import, source) = match backend {
        // Above every id written so far, as the time-ordered ids of a new import are.
        Backend::Sqlite => (
            "CAST(X'FFFF' || randomblob(14) AS BLOB)".to_owned(),
            format!("X'{}'", Uuid::now_v7().simple()),
            format!("X'{}'", import_id.simple()),
        ),
        Backend::Postgres => (
            "('ffff' || substr(md5(random()::text), 1, 28))::uuid".to_owned(),
            format!("'{}'::uuid", Uuid::now_v7()),
            format!("'{import_id}'::uuid"),
        ),
    };
    let tx = db.begin().await?;
    tx.execute_unprepared(&format!(
        "CREATE TEMP TABLE bench_ids AS SELECT id AS old_id, {new_id} AS new_id FROM records \
         WHERE import_id = {source} LIMIT {limit}"
    ))
    .await?;
    tx.execute_unprepared("CREATE INDEX bench_ids_old ON bench_ids (old_id)")
        .await?;
    let mut cost = RowCost::default();
    let (mut indexed, mut bare) = (Duration::ZERO, Duration::ZERO);
    for (table, key) in TABLES {
        let list = columns(&tx, table)
            .await?
            .iter()
            .map(|c| match c.as_str() {
                c if c == key => "b.new_id".to_owned(),
                "import_id" if table == "records" => new_import.clone(),
                c => format!("t.{c}"),
            })
            .collect::<Vec<_>>()
            .join(", ");
        for sql in [
            format!(
                "CREATE TEMP TABLE bench_{table} AS SELECT {list} FROM {table} t \
                 JOIN bench_ids b ON t.{key} = b.old_id"
            ),
            format!("CREATE TABLE bench_bare_{table} AS SELECT * FROM bench_{table} WHERE 1 = 0"),
        ] {
            tx.execute_unprepared(&sql).await?;
        }
        let t = Instant::now();
        let rows = tx
            .execute_unprepared(&format!("INSERT INTO {table} SELECT * FROM bench_{table}"))
            .await?
            .rows_affected();
        let took = t.elapsed();
        indexed += took;
        let t = Instant::now();
        tx.execute_unprepared(&format!(
            "INSERT INTO bench_bare_{table} SELECT * FROM bench_{table}"
        ))
        .await?;
        bare += t.elapsed();
        if table == "records" {
            cost.rows = rows;
            cost.record_us = per_record(took, rows);
        }
    }
    sen_store::rollback(tx).await?;
    cost.indexed_us = per_record(indexed, cost.rows);
    cost.bare_us = per_record(bare, cost.rows);
    Ok(cost)
}

fn per_record(d: Duration, records: u64) -> f64 {
    d.as_secs_f64() * 1e6 / records.max(1) as f64
}

/// `table`'s columns in order.
async fn columns(tx: &DatabaseTransaction, table: &str) -> anyhow::Result<Vec<String>> {
    let backend = tx.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => format!(
            "SELECT column_name::text AS name FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = '{table}' \
             ORDER BY ordinal_position"
        ),
        _ => format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"),
    };
    let rows = tx
        .query_all_raw(Statement::from_string(backend, sql))
        .await?;
    Ok(rows
        .iter()
        .map(|r| r.try_get::<String>("", "name"))
        .collect::<Result<_, _>>()?)
}
