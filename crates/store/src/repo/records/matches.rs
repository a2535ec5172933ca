//! Existing records that look like the same customer — the same phone, the same e-mail address
//! or the same folded name — among those a viewer sees. Lead conversion proposes them; the
//! duplicate rules (PRODUCT §4) are meant to replace this one function.

use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};
use sen_domain::search::{document_start, word_needles};
use sen_domain::value::search_key;

use super::list::{Filter, list_select};
use super::visibility::Viewer;
use crate::entity::record::{Column, Model};
use crate::entity::{record_email, record_phone};
use crate::error::StoreResult;

/// At most this many records per criterion.
const PER_CRITERION: u64 = 50;

/// Why a record matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchReason {
    /// It has one of the phones.
    Phone,
    /// It has one of the e-mail addresses.
    Email,
    /// A person with the same name (ignoring case, diacritics and spacing).
    Name,
    /// An account with the same name as the company.
    Company,
}

/// The live records of `kind` the viewer sees that have one of `phones` (E.164) or `emails`
/// (lower-case), or whose folded name is `name_key` (an account's: the folded company name).
/// Each comes once, with every reason it matched; most reasons first, then oldest first.
pub async fn matches(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: &str,
    phones: &[String],
    emails: &[String],
    name_key: Option<&str>,
) -> StoreResult<Vec<(Model, Vec<MatchReason>)>> {
    let backend = db.get_database_backend();
    let ws = viewer.workspace_id;
    let mut found: Vec<(Model, Vec<MatchReason>)> = Vec::new();
    let mut add = |rows: Vec<Model>, reason: MatchReason| {
        for row in rows {
            match found.iter_mut().find(|(m, _)| m.id == row.id) {
                Some((_, reasons)) if !reasons.contains(&reason) => reasons.push(reason),
                Some(_) => {}
                None => found.push((row, vec![reason])),
            }
        }
    };
    if !phones.is_empty() {
        let ids = Query::select()
            .column(record_phone::Column::RecordId)
            .from(record_phone::Entity)
            .and_where(record_phone::Column::WorkspaceId.eq(ws))
            .and_where(record_phone::Column::E164.is_in(phones.iter().cloned()))
            .to_owned();
        let rows = list_select(backend, viewer, kind, &Filter::default())
            .filter(Column::Id.in_subquery(ids))
            .order_by_asc(Column::Id)
            .limit(PER_CRITERION)
            .all(db)
            .await?;
        add(rows, MatchReason::Phone);
    }
    if !emails.is_empty() {
        let ids = Query::select()
            .column(record_email::Column::RecordId)
            .from(record_email::Entity)
            .and_where(record_email::Column::WorkspaceId.eq(ws))
            .and_where(record_email::Column::Address.is_in(emails.iter().cloned()))
            .to_owned();
        let rows = list_select(backend, viewer, kind, &Filter::default())
            .filter(Column::Id.in_subquery(ids))
            .order_by_asc(Column::Id)
            .limit(PER_CRITERION)
            .all(db)
            .await?;
        add(rows, MatchReason::Email);
    }
    if let Some(key) = name_key.map(search_key).filter(|k| !k.is_empty()) {
        let rows = same_name(db, viewer, kind, &key).await?;
        let reason = if kind == "account" {
            MatchReason::Company
        } else {
            MatchReason::Name
        };
        add(rows, reason);
    }
    found.sort_by(|(a, ra), (b, rb)| {
        rb.len()
            .cmp(&ra.len())
            .then(a.created_at.cmp(&b.created_at))
            .then(a.id.cmp(&b.id))
    });
    Ok(found)
}

/// Records whose folded name is exactly `key`. The search document starts with the folded
/// name, so the substring index narrows the candidates and the exact test runs here.
async fn same_name(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: &str,
    key: &str,
) -> StoreResult<Vec<Model>> {
    let filter = Filter {
        needles: word_needles(key),
        ..Filter::default()
    };
    // Folded keys hold only letters, digits and spaces: nothing to escape for LIKE.
    let rows = list_select(db.get_database_backend(), viewer, kind, &filter)
        .filter(Column::SearchKey.like(format!("{}%", document_start(key))))
        .order_by_asc(Column::Id)
        .limit(PER_CRITERION * 4)
        .all(db)
        .await?;
    let mut same: Vec<Model> = rows
        .into_iter()
        .filter(|r| search_key(&r.name) == key)
        .collect();
    same.truncate(usize::try_from(PER_CRITERION).unwrap_or(usize::MAX));
    Ok(same)
}
