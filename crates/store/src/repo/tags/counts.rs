//! How many live records carry each tag.

use std::collections::HashMap;

use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Query};
use uuid::Uuid;

use crate::error::StoreResult;

/// Live (not trashed, not merged) records per tag, for `tags`; tags without any are absent.
pub async fn record_counts(
    db: &impl ConnectionTrait,
    ws: Uuid,
    tags: &[Uuid],
) -> StoreResult<HashMap<Uuid, u64>> {
    if tags.is_empty() {
        return Ok(HashMap::new());
    }
    let (rt, r) = (Alias::new("rt"), Alias::new("r"));
    let col = |t: &Alias, c: &str| Expr::col((t.clone(), Alias::new(c)));
    let stmt = Query::select()
        .expr(col(&rt, "tag_id"))
        .expr(Expr::cust("COUNT(*)"))
        .from_as(Alias::new("record_tags"), rt.clone())
        .join_as(
            JoinType::InnerJoin,
            Alias::new("records"),
            r.clone(),
            col(&r, "workspace_id")
                .equals((rt.clone(), Alias::new("workspace_id")))
                .and(col(&r, "id").equals((rt.clone(), Alias::new("record_id")))),
        )
        .and_where(col(&rt, "workspace_id").eq(ws))
        .and_where(col(&rt, "tag_id").is_in(tags.iter().copied()))
        .and_where(col(&r, "deleted_at").is_null())
        .and_where(col(&r, "merged_into").is_null())
        .group_by_col((rt.clone(), Alias::new("tag_id")))
        .to_owned();
    let mut out = HashMap::new();
    for row in db.query_all(&stmt).await? {
        let n: i64 = row.try_get_by_index(1)?;
        out.insert(
            row.try_get_by_index::<Uuid>(0)?,
            u64::try_from(n).unwrap_or(0),
        );
    }
    Ok(out)
}
