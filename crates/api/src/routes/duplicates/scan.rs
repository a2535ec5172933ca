//! `POST /{kind}/duplicates/scan`: clusters of likely duplicates across the records the
//! caller sees, grouped set-wise in the database on the folded keys. Large kinds (or on
//! request) scan in a background job.

use std::collections::{BTreeSet, HashMap};
use std::time::Instant;

use actix_web::{HttpResponse, post, web};
use sen_api_types::duplicate::{
    DuplicateCluster, DuplicateScan, DuplicateScanAccepted, DuplicateScanResult,
};
use sen_api_types::error::Problem;
use sen_domain::duplicate::Criterion;
use sen_domain::kind::RecordKind;
use sen_store::ConnectionTrait;
use sen_store::repo::jobs::{self, NewJob};
use sen_store::repo::records::{self, Viewer};
use sen_store::repo::{duplicate_rules, new_id, now};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::present;
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::routes::records::context::{Ctx, parse_kind};
use crate::state::AppState;
use crate::validate::Errors;

/// Clusters in an answer unless the caller asks for another number.
const DEFAULT_LIMIT: u32 = 100;
/// At most this many criteria sets in one scan.
const MAX_SETS: usize = 10;
/// At most this many records of a cluster in the answer.
const SHOWN_PER_CLUSTER: usize = 50;
/// Kinds with more visible records than this scan in the background by default.
const BACKGROUND_ABOVE: u64 = 100_000;

/// What a scan job needs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScanParams {
    /// Who asked (the scan sees what they see).
    pub actor_id: Uuid,
    /// The kind.
    pub kind: RecordKind,
    /// The criteria sets, by name.
    pub criteria: Vec<Vec<String>>,
    /// Clusters in the result.
    pub limit: u32,
}

/// Scans the kind for clusters of records that share the keys of any criteria set.
#[utoipa::path(post, path = "/api/v1/{kind}/duplicates/scan", tag = "duplicates",
    operation_id = "duplicate_scan",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities")),
    request_body = DuplicateScan,
    responses(
        (status = 200, description = "Clusters, largest first", body = DuplicateScanResult),
        (status = 202, description = "Scanning in the background", body = DuplicateScanAccepted),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid criteria or limit", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/{kind}/duplicates/scan")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn duplicate_scan(
    state: web::Data<AppState>,
    auth: AuthUser,
    kind: web::Path<String>,
    body: Json<DuplicateScan>,
) -> ApiResult<HttpResponse> {
    let kind = parse_kind(&kind)?;
    let body = body.into_inner();
    let mut e = Errors::default();
    let limit = body.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=1000).contains(&limit) {
        e.push("limit", "out_of_range", "use 1 to 1000");
    }
    if body.criteria.len() > MAX_SETS {
        e.push(
            "criteria",
            "too_many",
            &format!("use at most {MAX_SETS} criteria sets"),
        );
    }
    for (i, names) in body.criteria.iter().enumerate() {
        if let Err(err) = Criterion::parse_set(names) {
            e.push(
                &format!("criteria[{i}]"),
                "invalid_criteria",
                &err.to_string(),
            );
        }
    }
    e.finish()?;
    let ctx = Ctx::load(&state, auth).await?;
    let db = state.db.conn();
    let background = match body.background {
        Some(b) => b,
        None => records::count_kind(db, &ctx.viewer, kind.as_str()).await?.0 > BACKGROUND_ABOVE,
    };
    if background {
        let job_id = new_id();
        let params = ScanParams {
            actor_id: ctx.auth.id,
            kind,
            criteria: body.criteria,
            limit,
        };
        let job = NewJob {
            id: job_id,
            workspace_id: ctx.ws(),
            kind: "duplicate_scan".into(),
            params: serde_json::to_value(&params)
                .map_err(|e| crate::error::ApiError::Internal(anyhow::Error::new(e)))?,
            counts: serde_json::json!({}),
            created_by: ctx.auth.id,
            at: now(),
        };
        jobs::insert(db, job).await?;
        state.jobs_wake.notify_one();
        return Ok(HttpResponse::Accepted().json(DuplicateScanAccepted { job_id }));
    }
    let result = scan(db, &ctx.viewer, kind, &body.criteria, limit).await?;
    Ok(HttpResponse::Ok().json(result))
}

/// The scan itself: each criteria set grouped in the database, groups joined into clusters,
/// the first `limit` clusters with their records. No sets: the kind's duplicate rules, or
/// `[phone]` and `[email]`.
pub async fn scan(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: RecordKind,
    criteria: &[Vec<String>],
    limit: u32,
) -> ApiResult<DuplicateScanResult> {
    let started = Instant::now();
    let mut sets: Vec<Vec<Criterion>> = criteria
        .iter()
        .filter_map(|names| Criterion::parse_set(names).ok())
        .collect();
    if sets.is_empty() {
        sets = duplicate_rules::list(db, viewer.workspace_id, kind.as_str())
            .await?
            .into_iter()
            .map(|r| r.criteria)
            .collect();
    }
    if sets.is_empty() {
        sets = vec![vec![Criterion::Phone], vec![Criterion::Email]];
    }
    let mut groups = Vec::with_capacity(sets.len());
    let mut matched: HashMap<Uuid, BTreeSet<Criterion>> = HashMap::new();
    for set in &sets {
        let g = records::scan_groups(db, viewer, kind.as_str(), set).await?;
        for (id, _) in &g {
            matched.entry(*id).or_default().extend(set.iter().cloned());
        }
        groups.push(g);
    }
    let all = records::clusters(&groups);
    let total_records = all.iter().map(|c| c.len() as u64).sum();
    let shown: Vec<(u64, Vec<Uuid>)> = all
        .iter()
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(|c| {
            (
                c.len() as u64,
                c.iter().take(SHOWN_PER_CLUSTER).copied().collect(),
            )
        })
        .collect();
    let ids: Vec<Uuid> = shown.iter().flat_map(|(_, c)| c).copied().collect();
    let mut rows: HashMap<Uuid, sen_store::entity::record::Model> =
        records::visible_by_ids(db, viewer, kind.as_str(), &ids)
            .await?
            .into_iter()
            .map(|m| (m.id, m))
            .collect();
    let mut clusters = Vec::with_capacity(shown.len());
    for (size, ids) in shown {
        let mut members: Vec<_> = ids
            .iter()
            .filter_map(|id| rows.remove(id))
            .map(|m| {
                let on = matched.get(&m.id).cloned().unwrap_or_default();
                (m, on)
            })
            .collect();
        members.sort_by(|(a, _), (b, _)| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
        clusters.push(DuplicateCluster {
            size,
            records: present::candidates(db, viewer.workspace_id, members).await?,
        });
    }
    Ok(DuplicateScanResult {
        clusters,
        total_clusters: all.len() as u64,
        total_records,
        took_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
    })
}
