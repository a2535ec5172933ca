//! Each kind's duplicate rules: ordered criteria sets with `warn` or `block`.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use sen_domain::duplicate::Criterion;
use uuid::Uuid;

use crate::entity::duplicate_rule::{ActiveModel, Column, Entity};
use crate::error::{StoreError, StoreResult};

/// One rule: records sharing every criterion are duplicates; `block` refuses them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// The criteria, sorted.
    pub criteria: Vec<Criterion>,
    /// Refuse (`true`) or warn.
    pub block: bool,
}

/// The rules of `kind`, in order.
pub async fn list(db: &impl ConnectionTrait, ws: Uuid, kind: &str) -> StoreResult<Vec<Rule>> {
    let rows = Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Kind.eq(kind))
        .order_by_asc(Column::Position)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|r| {
            let names: Vec<&str> = r.criteria.split(',').collect();
            let criteria = Criterion::parse_set(&names)
                .map_err(|e| StoreError::Corrupt(format!("duplicate rule: {e}")))?;
            Ok(Rule {
                criteria,
                block: r.action == "block",
            })
        })
        .collect()
}

/// Replaces the rules of `kind` with `rules`, in that order.
pub async fn replace(
    db: &impl ConnectionTrait,
    ws: Uuid,
    kind: &str,
    rules: &[Rule],
) -> StoreResult<()> {
    Entity::delete_many()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::Kind.eq(kind))
        .exec(db)
        .await?;
    let rows: Vec<ActiveModel> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| ActiveModel {
            workspace_id: Set(ws),
            kind: Set(kind.to_owned()),
            position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
            criteria: Set(r
                .criteria
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(",")),
            action: Set(if r.block { "block" } else { "warn" }.to_owned()),
        })
        .collect();
    if !rows.is_empty() {
        Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}
