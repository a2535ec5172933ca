//! Candidates as the API shows them.

use std::collections::BTreeSet;

use sen_api_types::duplicate::DuplicateCandidate;
use sen_domain::duplicate::Criterion;
use sen_domain::kind::RecordKind;
use sen_store::ConnectionTrait;
use sen_store::entity::record::Model;
use sen_store::repo::records;
use uuid::Uuid;

use crate::error::ApiResult;

/// The candidates, with their phones and e-mail addresses.
pub async fn candidates(
    db: &impl ConnectionTrait,
    ws: Uuid,
    found: Vec<(Model, BTreeSet<Criterion>)>,
) -> ApiResult<Vec<DuplicateCandidate>> {
    let ids: Vec<Uuid> = found.iter().map(|(m, _)| m.id).collect();
    let mut children = records::load_children(db, ws, &ids).await?;
    Ok(found
        .into_iter()
        .map(|(m, on)| {
            let c = children.remove(&m.id).unwrap_or_default();
            DuplicateCandidate {
                id: m.id,
                kind: RecordKind::parse(&m.kind).unwrap_or(RecordKind::Contact),
                name: m.name,
                phones: c.phones.into_iter().map(|(p, _)| p).collect(),
                emails: c.emails.into_iter().map(|(e, _)| e).collect(),
                owner_id: m.owner_id,
                matched_on: on.iter().map(ToString::to_string).collect(),
            }
        })
        .collect())
}
