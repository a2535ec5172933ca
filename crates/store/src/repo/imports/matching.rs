//! Matching a whole chunk of import rows against the existing records a viewer sees, one
//! query per criterion (never one per row): by phone (`record_phones.e164`), by e-mail
//! (`record_emails.address`) and by folded name.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use sen_domain::search::document_start;
use sen_domain::value::search_key;
use uuid::Uuid;

use crate::entity::record::Column;
use crate::entity::{record_email, record_phone};
use crate::error::StoreResult;
use crate::repo::records::{Filter, Viewer, list_select};

/// An existing record that some row may duplicate: only what matching needs (the oldest
/// record wins), not the whole row — a chunk of 5,000 rows with a fifth of them known read
/// a thousand full records, each decoded and cloned, only to compare two of their columns.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The matched value (an E.164 phone, an address, a folded name).
    pub key: String,
    /// The record.
    pub id: Uuid,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

/// Live records of `kind` visible to `viewer` with one of `phones` (E.164).
pub async fn by_phones(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: &str,
    phones: &[String],
) -> StoreResult<Vec<Candidate>> {
    if phones.is_empty() {
        return Ok(Vec::new());
    }
    let ws = viewer.workspace_id;
    let backend = db.get_database_backend();
    let hits = record_phone::Entity::find()
        .filter(record_phone::Column::WorkspaceId.eq(ws))
        .filter(one_of(backend, record_phone::Column::E164, phones))
        .all(db)
        .await?;
    let pairs: Vec<(String, Uuid)> = hits.into_iter().map(|h| (h.e164, h.record_id)).collect();
    join_visible(db, viewer, kind, pairs).await
}

/// Live records of `kind` visible to `viewer` with one of `emails` (lower-case).
pub async fn by_emails(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: &str,
    emails: &[String],
) -> StoreResult<Vec<Candidate>> {
    if emails.is_empty() {
        return Ok(Vec::new());
    }
    let ws = viewer.workspace_id;
    let backend = db.get_database_backend();
    let hits = record_email::Entity::find()
        .filter(record_email::Column::WorkspaceId.eq(ws))
        .filter(one_of(backend, record_email::Column::Address, emails))
        .all(db)
        .await?;
    let pairs: Vec<(String, Uuid)> = hits.into_iter().map(|h| (h.address, h.record_id)).collect();
    join_visible(db, viewer, kind, pairs).await
}

/// `column IN (values)`, for thousands of values. PostgreSQL plans an `IN` list by
/// estimating every element against the column's statistics: `e164 IN (…)` with the 5,000
/// numbers of an import chunk took ~100 ms, ten times the index lookups themselves. There the
/// values travel as one array parameter, unnested: one set of unknown size, looked up value by
/// value. SQLite reads an `IN` list into a temporary index at once.
fn one_of<C: ColumnTrait>(backend: DatabaseBackend, column: C, values: &[String]) -> SimpleExpr {
    if backend != DatabaseBackend::Postgres {
        return column.is_in(values.iter().cloned());
    }
    let name = format!("\"{}\".\"{}\"", column.entity_name(), column.as_str());
    Expr::cust_with_values(
        format!("{name} IN (SELECT unnest($1::text[]))"),
        [crate::repo::pg_array::text_array(values)],
    )
}

/// Live records of `kind` visible to `viewer` whose folded name is one of `names`. The
/// search document starts with the folded name, so a prefix test on it narrows the rows.
/// A name that is the whole document, or ends at a space in it, matches.
pub async fn by_names(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: &str,
    names: &[String],
) -> StoreResult<Vec<Candidate>> {
    let mut out = Vec::new();
    for chunk in names.chunks(200) {
        let mut any = sea_orm::Condition::any();
        for n in chunk {
            let start = document_start(n);
            any = any
                .add(Column::SearchKey.eq(start.clone()))
                .add(Column::SearchKey.like(format!("{start} %")));
        }
        let rows: Vec<(Uuid, DateTime<Utc>, String)> =
            list_select(db.get_database_backend(), viewer, kind, &Filter::default())
                .filter(any)
                .select_only()
                .column(Column::Id)
                .column(Column::CreatedAt)
                .column(Column::Name)
                .order_by_asc(Column::CreatedAt)
                .into_tuple()
                .all(db)
                .await?;
        for (id, created_at, name) in rows {
            let key = search_key(&name);
            if chunk.contains(&key) {
                out.push(Candidate {
                    key,
                    id,
                    created_at,
                });
            }
        }
    }
    Ok(out)
}

/// The visible live records among `pairs` (value, record id), oldest first.
async fn join_visible(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: &str,
    pairs: Vec<(String, Uuid)>,
) -> StoreResult<Vec<Candidate>> {
    if pairs.is_empty() {
        return Ok(Vec::new());
    }
    let mut ids: Vec<Uuid> = pairs.iter().map(|(_, id)| *id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut records: Vec<(Uuid, DateTime<Utc>)> = Vec::new();
    for chunk in ids.chunks(5_000) {
        let sub = Query::select()
            .column(Column::Id)
            .from(crate::entity::record::Entity)
            .and_where(Column::Id.is_in(chunk.iter().copied()))
            .to_owned();
        records.extend(
            list_select(db.get_database_backend(), viewer, kind, &Filter::default())
                .filter(Column::Id.in_subquery(sub))
                .select_only()
                .column(Column::Id)
                .column(Column::CreatedAt)
                .into_tuple::<(Uuid, DateTime<Utc>)>()
                .all(db)
                .await?,
        );
    }
    let by_id: std::collections::HashMap<Uuid, DateTime<Utc>> = records.into_iter().collect();
    let mut out: Vec<Candidate> = pairs
        .into_iter()
        .filter_map(|(key, id)| {
            by_id.get(&id).map(|created_at| Candidate {
                key,
                id,
                created_at: *created_at,
            })
        })
        .collect();
    out.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
    Ok(out)
}
