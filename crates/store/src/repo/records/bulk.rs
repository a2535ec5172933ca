//! Set-based writes of many new records with their child rows (imports, the benchmark's
//! loader): what `insert` + `replace_children` write, in multi-row INSERTs on SQLite and in
//! one INSERT from unnested column arrays per table on PostgreSQL.

use sea_orm::{
    ActiveModelTrait, ActiveValue, ConnectionTrait, DatabaseBackend, EntityName, EntityTrait,
    IdenStatic, Iterable, Set, Statement, Value,
};

use super::children::Children;
use crate::entity::{record, record_email, record_phone, record_share, record_tag};
use crate::error::StoreResult;
use crate::repo::{new_id, pg_array};

/// Bind parameters one statement may carry: SQLite's `SQLITE_MAX_VARIABLE_NUMBER` (32,766
/// since 3.32) and PostgreSQL's wire-protocol limit (65,535).
fn max_params(backend: DatabaseBackend) -> usize {
    match backend {
        DatabaseBackend::Sqlite => 32_766,
        _ => 65_535,
    }
}

/// Inserts new records and their phones, emails, tags and shares; returns how many records
/// were written. Child positions follow the order of the vectors, as `replace_children`
/// writes them. Call it inside a transaction: a failure half-way leaves earlier chunks.
pub async fn insert_many(
    db: &impl ConnectionTrait,
    rows: &[(record::Model, Children)],
) -> StoreResult<u64> {
    let keyed = rows.iter().map(|(row, _)| {
        let mut row = row.clone();
        super::write::with_keys(&mut row);
        row
    });
    let inserted = insert_chunked(db, keyed.collect()).await?;
    insert_chunked(db, rows.iter().flat_map(|(r, c)| phones(r, c)).collect()).await?;
    insert_chunked(db, rows.iter().flat_map(|(r, c)| emails(r, c)).collect()).await?;
    insert_chunked(db, rows.iter().flat_map(|(r, c)| tags(r, c)).collect()).await?;
    insert_chunked(db, rows.iter().flat_map(|(r, c)| shares(r, c)).collect()).await?;
    Ok(inserted)
}

fn pos(i: usize) -> i32 {
    i32::try_from(i).unwrap_or(i32::MAX)
}

fn phones<'a>(
    r: &'a record::Model,
    c: &'a Children,
) -> impl Iterator<Item = record_phone::ActiveModel> + 'a {
    c.phones
        .iter()
        .enumerate()
        .map(|(i, (e164, label))| record_phone::ActiveModel {
            workspace_id: Set(r.workspace_id),
            record_id: Set(r.id),
            position: Set(pos(i)),
            e164: Set(e164.clone()),
            label: Set(label.clone()),
        })
}

fn emails<'a>(
    r: &'a record::Model,
    c: &'a Children,
) -> impl Iterator<Item = record_email::ActiveModel> + 'a {
    c.emails
        .iter()
        .enumerate()
        .map(|(i, (address, label))| record_email::ActiveModel {
            workspace_id: Set(r.workspace_id),
            record_id: Set(r.id),
            position: Set(pos(i)),
            address: Set(address.clone()),
            label: Set(label.clone()),
        })
}

fn tags<'a>(
    r: &'a record::Model,
    c: &'a Children,
) -> impl Iterator<Item = record_tag::ActiveModel> + 'a {
    let (kind, live_status, sharing_mode, owner_id, created_by) = record_tag::copy_of(r);
    c.tag_ids.iter().map(move |tag| record_tag::ActiveModel {
        workspace_id: Set(r.workspace_id),
        record_id: Set(r.id),
        tag_id: Set(*tag),
        kind: Set(Some(kind.clone())),
        live_status: Set(live_status.clone()),
        sharing_mode: Set(Some(sharing_mode.clone())),
        owner_id: Set(Some(owner_id)),
        created_by: Set(Some(created_by)),
    })
}

fn shares<'a>(
    r: &'a record::Model,
    c: &'a Children,
) -> impl Iterator<Item = record_share::ActiveModel> + 'a {
    let teams = c.share_teams.iter().map(|t| (Some(*t), None));
    let users = c.share_users.iter().map(|u| (None, Some(*u)));
    teams
        .chain(users)
        .map(|(team, user)| record_share::ActiveModel {
            id: Set(new_id()),
            workspace_id: Set(r.workspace_id),
            record_id: Set(r.id),
            team_id: Set(team),
            user_id: Set(user),
        })
}

/// Multi-row INSERTs of `rows`, as many rows per statement as the engine's bind-parameter
/// limit allows. A column that is NULL in every row is left out of the statements (it is
/// NULL by default: no nullable column has a default — [`nullable_columns_with_default`]
/// says which would not): an imported contact leaves twenty of a record's 55 columns empty,
/// and each would otherwise be bound 4,000 times a chunk.
pub(crate) async fn insert_chunked<A, M>(
    db: &impl ConnectionTrait,
    rows: Vec<M>,
) -> StoreResult<u64>
where
    A: ActiveModelTrait + Send,
    M: sea_orm::IntoActiveModel<A>,
{
    let mut models: Vec<A> = rows.into_iter().map(M::into_active_model).collect();
    let (empty, written): (Vec<_>, Vec<_>) = <A::Entity as EntityTrait>::Column::iter()
        .partition(|c| models.iter().all(|m| is_null(&m.get(*c))));
    for m in &mut models {
        for c in &empty {
            m.not_set(*c);
        }
    }
    if models.is_empty() {
        return Ok(0);
    }
    if db.get_database_backend() == DatabaseBackend::Postgres
        && let Some(stmt) = unnest_insert(&models, &written)
    {
        return Ok(db.execute_raw(stmt).await?.rows_affected());
    }
    let columns = written.len().max(1);
    let per_statement = (max_params(db.get_database_backend()) / columns).max(1);
    let mut written = 0;
    let mut rest = models.into_iter().peekable();
    while rest.peek().is_some() {
        let chunk: Vec<A> = rest.by_ref().take(per_statement).collect();
        written += <A::Entity as EntityTrait>::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(written)
}

/// On PostgreSQL, all of `models` in one `INSERT … SELECT * FROM unnest($1::uuid[], …)` of
/// its `columns`: one array parameter per column instead of one parameter per value, which
/// PostgreSQL parses, binds and plans one by one (4,000 imported contacts took 410 ms to
/// insert with their children). None when a column holds a kind of value the arrays do not
/// carry, or a row leaves one of them unset.
fn unnest_insert<A>(
    models: &[A],
    columns: &[<A::Entity as EntityTrait>::Column],
) -> Option<Statement>
where
    A: ActiveModelTrait,
{
    let mut names = Vec::new();
    let mut arrays = Vec::new();
    let mut values = Vec::new();
    for c in columns {
        let column = models
            .iter()
            .map(|m| match m.get(*c) {
                ActiveValue::Set(v) | ActiveValue::Unchanged(v) => Some(v),
                ActiveValue::NotSet => None,
            })
            .collect::<Option<Vec<Value>>>()?;
        let (literal, ty) = pg_array::column_array(column.iter())?;
        names.push(format!("\"{}\"", c.as_str()));
        arrays.push(format!("${}::{ty}", arrays.len() + 1));
        values.push(Value::from(literal));
    }
    let table = <A::Entity as Default>::default().table_name().to_owned();
    let sql = format!(
        "INSERT INTO \"{table}\" ({}) SELECT * FROM unnest({})",
        names.join(", "),
        arrays.join(", ")
    );
    Some(Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        sql,
        values,
    ))
}

/// The tables written through [`insert_chunked`]: `insert_many`'s and an import's timeline
/// events and row outcomes.
pub const BULK_TABLES: [&str; 7] = [
    "records",
    "record_phones",
    "record_emails",
    "record_tags",
    "record_shares",
    "activities",
    "import_rows",
];

/// Nullable columns of `tables` that have a default, as `table.column`. Of [`BULK_TABLES`],
/// none may: a column `insert_many` leaves out (NULL in every row) would get the default
/// instead of NULL.
pub async fn nullable_columns_with_default(
    db: &impl ConnectionTrait,
    tables: &[&str],
) -> StoreResult<Vec<String>> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => format!(
            "SELECT table_name || '.' || column_name FROM information_schema.columns \
             WHERE table_schema = current_schema() AND is_nullable = 'YES' \
             AND column_default IS NOT NULL AND table_name IN ('{}')",
            tables.join("', '")
        ),
        _ => tables
            .iter()
            .map(|t| {
                format!(
                    "SELECT '{t}.' || name FROM pragma_table_info('{t}') \
                     WHERE \"notnull\" = 0 AND dflt_value IS NOT NULL AND pk = 0"
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL "),
    };
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(backend, sql))
        .await?;
    Ok(rows
        .iter()
        .map(|r| r.try_get_by_index::<String>(0))
        .collect::<Result<_, _>>()?)
}

/// A value that writes NULL (or nothing).
fn is_null(v: &ActiveValue<Value>) -> bool {
    match v {
        ActiveValue::Set(v) | ActiveValue::Unchanged(v) => *v == v.as_null(),
        ActiveValue::NotSet => true,
    }
}

#[cfg(test)]
mod tests {
    use sea_orm::ConnectionTrait;

    #[tokio::test]
    async fn finds_a_nullable_column_with_a_default() {
        let scratch = crate::db::Scratch::new("bulk").await;
        let db = scratch.db.conn();
        db.execute_unprepared(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT DEFAULT 'x', \
             b TEXT NOT NULL DEFAULT '', c TEXT)",
        )
        .await
        .unwrap();
        let found = super::nullable_columns_with_default(db, &["t"]).await;
        assert_eq!(found.unwrap(), ["t.a"]);
    }
}
