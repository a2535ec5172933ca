//! Set-based writes of many new records with their child rows (imports, the benchmark's
//! loader): what `insert` + `replace_children` write, in multi-row INSERTs.

use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseBackend, EntityTrait, Iterable, Set};

use super::children::Children;
use crate::entity::{record, record_email, record_phone, record_share, record_tag};
use crate::error::StoreResult;
use crate::repo::new_id;

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
    c.tag_ids.iter().map(|tag| record_tag::ActiveModel {
        workspace_id: Set(r.workspace_id),
        record_id: Set(r.id),
        tag_id: Set(*tag),
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
/// limit allows (every column of the entity is bound for every row).
async fn insert_chunked<A, M>(db: &impl ConnectionTrait, rows: Vec<M>) -> StoreResult<u64>
where
    A: ActiveModelTrait + Send,
    M: sea_orm::IntoActiveModel<A>,
{
    let columns = <A::Entity as EntityTrait>::Column::iter().count().max(1);
    let per_statement = (max_params(db.get_database_backend()) / columns).max(1);
    let mut written = 0;
    let mut rest = rows.into_iter().peekable();
    while rest.peek().is_some() {
        let chunk: Vec<A> = rest
            .by_ref()
            .take(per_statement)
            .map(M::into_active_model)
            .collect();
        written += <A::Entity as EntityTrait>::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(written)
}
