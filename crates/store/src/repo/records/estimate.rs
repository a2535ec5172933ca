//! SQLite has no planner estimate to ask: a large total is estimated from the share of
//! matching rows among the kind's newest rows, times how many rows the kind has (an
//! index-only count, cached for a minute per workspace and kind).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QuerySelect, QueryTrait, Select};
use uuid::Uuid;

use super::list::count;
use crate::entity::record::{Column, Entity};
use crate::error::StoreResult;

/// Rows in the sample.
const SAMPLE: u64 = 2_000;
/// How long a kind's row count is reused.
const TTL: Duration = Duration::from_secs(60);

type Cache = Mutex<HashMap<(Uuid, String), (u64, Instant)>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Estimated matches of `select` among the workspace's records of `kind`.
pub async fn sampled(
    db: &impl ConnectionTrait,
    select: Select<Entity>,
    ws: Uuid,
    kind: &str,
) -> StoreResult<u64> {
    let sample = Query::select()
        .column(Column::Id)
        .from(Entity)
        .and_where(Column::WorkspaceId.eq(ws))
        .and_where(Column::Kind.eq(kind))
        .order_by(Column::CreatedAt, sea_orm::Order::Desc)
        .limit(SAMPLE)
        .to_owned();
    let in_sample = select
        .filter(Column::Id.in_subquery(sample.clone()))
        .select_only()
        .column(Column::Id)
        .into_query();
    let (matched, sampled, total) = futures_util::future::join3(
        count(db, in_sample),
        count(db, sample),
        kind_rows(db, ws, kind),
    )
    .await;
    let (matched, sampled, total) = (matched?, sampled?, total?);
    if sampled == 0 {
        return Ok(0);
    }
    Ok(((matched as f64 / sampled as f64) * total as f64).round() as u64)
}

/// All rows of the kind in the workspace (trashed ones too: an index-only count).
async fn kind_rows(db: &impl ConnectionTrait, ws: Uuid, kind: &str) -> StoreResult<u64> {
    let key = (ws, kind.to_owned());
    if let Ok(map) = cache().lock()
        && let Some((n, at)) = map.get(&key)
        && at.elapsed() < TTL
    {
        return Ok(*n);
    }
    let all = Query::select()
        .expr(Expr::val(1))
        .from(Entity)
        .and_where(Column::WorkspaceId.eq(ws))
        .and_where(Column::Kind.eq(kind))
        .to_owned();
    let n = count(db, all).await?;
    if let Ok(mut map) = cache().lock() {
        if map.len() > 10_000 {
            map.clear();
        }
        map.insert(key, (n, Instant::now()));
    }
    Ok(n)
}
