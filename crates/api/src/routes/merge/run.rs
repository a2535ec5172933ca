//! `POST /{kind}/merge`: one master and 1–9 slaves of the same kind, in one transaction; the
//! prior state of everything touched is kept for undo.

use std::collections::HashSet;

use actix_web::{post, web};
use sen_api_types::error::{ErrorCode, Problem};
use sen_api_types::merge::{MergeRequest, MergeResult};
use sen_domain::kind::RecordKind;
use sen_store::ConnectionTrait;
use sen_store::entity::{merge, record::Model};
use sen_store::repo::activities::{self, NewActivity};
use sen_store::repo::records::{self, Children};
use sen_store::repo::{merges, new_id, now};
use serde_json::json;
use uuid::Uuid;

use super::plan::{check_overrides, plan};
use crate::audit;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::routes::records::context::{Ctx, parse_kind};
use crate::routes::records::present;
use crate::routes::records::read::present_one;
use crate::state::AppState;
use crate::validate::Errors;

/// At most this many slaves in one merge.
const MAX_SLAVES: usize = 9;

/// Merges the slaves into the master. With `dry_run`, answers the merged master and writes
/// nothing.
#[utoipa::path(post, path = "/api/v1/{kind}/merge", tag = "duplicates", operation_id = "record_merge",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities")),
    request_body = MergeRequest,
    responses(
        (status = 200, description = "The merged master (and the merge id for undo)", body = MergeResult),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "A record is not visible to you", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "A record changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid merge (itself, other kinds, too many slaves, unknown override)", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/{kind}/merge")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn record_merge(
    state: web::Data<AppState>,
    auth: AuthUser,
    kind: web::Path<String>,
    body: Json<MergeRequest>,
) -> ApiResult<web::Json<MergeResult>> {
    let kind = parse_kind(&kind)?;
    let req = body.into_inner();
    check_request(&req)?;
    let ctx = Ctx::load(&state, auth).await?;
    let ws = ctx.ws();
    let tx = state.db.begin().await?;
    let (master, slaves) = load(&tx, &ctx, kind, &req).await?;
    let planned = plan((&master.0, &master.1), &slaves, &req.overrides, ctx.country);
    if req.dry_run {
        sen_store::rollback(tx).await?;
        return Ok(web::Json(MergeResult {
            merge_id: None,
            record: present::record(&planned.row, &planned.children),
            filled: planned.filled,
        }));
    }
    let slave_ids: Vec<Uuid> = slaves.iter().map(|(m, _)| m.id).collect();
    let mut all_ids = vec![master.0.id];
    all_ids.extend(&slave_ids);
    let mut snapshot = merges::take(&tx, ws, &all_ids).await?;
    let before = present_one(&tx, ws, &master.0).await?;

    let at = now();
    let mut row = planned.row;
    row.version = master.0.version + 1;
    row.updated_at = at;
    if !records::update(&tx, &row, master.0.version).await? {
        return Err(stale());
    }
    records::replace_children(&tx, ws, row.id, &planned.children).await?;
    merges::retire_slaves(&tx, ws, &slave_ids, row.id, ctx.auth.id, at)
        .await
        .map_err(|_| stale())?;
    snapshot.moved = merges::move_references(&tx, ws, &slave_ids, row.id).await?;
    snapshot.created_activities = merges::carry_imported(&tx, ws, &slave_ids, row.id).await?;
    let event = activities::add(
        &tx,
        ws,
        NewActivity {
            record_id: row.id,
            kind: "system".into(),
            event: Some("merged".into()),
            subject: None,
            body: None,
            data: Some(json!({"slave_ids": slave_ids, "filled": planned.filled})),
            actor_id: Some(ctx.auth.id),
            occurred_at: None,
        },
    )
    .await?;
    snapshot.created_activities.push(event.id);
    let merge_id = new_id();
    merges::insert(
        &tx,
        merge::Model {
            id: merge_id,
            workspace_id: ws,
            kind: kind.as_str().to_owned(),
            master_id: row.id,
            slave_ids: json!(slave_ids),
            snapshot: serde_json::to_value(&snapshot)
                .map_err(|e| ApiError::Internal(anyhow::Error::new(e)))?,
            version_after: row.version,
            created_by: ctx.auth.id,
            created_at: at,
            undone_at: None,
            undone_by: None,
        },
    )
    .await?;
    let after = present_one(&tx, ws, &row).await?;
    let audit_after = json!({"record": after, "slave_ids": slave_ids, "merge_id": merge_id});
    let audit_before = serde_json::to_value(&before).unwrap_or_default();
    audit::record(
        &tx,
        &ctx.auth,
        "record",
        "merge",
        row.id,
        Some(&audit_before),
        Some(&audit_after),
    )
    .await?;
    sen_store::commit(tx).await?;
    Ok(web::Json(MergeResult {
        merge_id: Some(merge_id),
        record: after,
        filled: planned.filled,
    }))
}

/// The request's own rules: 1–9 distinct slaves, not the master, overrides naming slaves.
fn check_request(req: &MergeRequest) -> ApiResult<()> {
    let mut e = Errors::default();
    if req.slave_ids.is_empty() || req.slave_ids.len() > MAX_SLAVES {
        e.push(
            "slave_ids",
            "out_of_range",
            &format!("merge 1 to {MAX_SLAVES} records into the master"),
        );
    }
    if req.slave_ids.contains(&req.master_id) {
        e.push(
            "slave_ids",
            "contains_master",
            "a record cannot be merged with itself",
        );
    }
    let distinct: HashSet<&Uuid> = req.slave_ids.iter().collect();
    if distinct.len() != req.slave_ids.len() {
        e.push("slave_ids", "repeated", "each slave may appear once");
    }
    check_overrides(&mut e, &req.overrides, &req.slave_ids);
    e.finish()
}

/// The master and the slaves with their children, all visible, live and of `kind`, at the
/// versions the caller saw.
async fn load(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    kind: RecordKind,
    req: &MergeRequest,
) -> ApiResult<((Model, Children), Vec<(Model, Children)>)> {
    let mut ids = vec![req.master_id];
    ids.extend(&req.slave_ids);
    let rows = records::visible_by_ids(db, &ctx.viewer, kind.as_str(), &ids).await?;
    for (i, id) in ids.iter().enumerate() {
        if rows.iter().any(|r| r.id == *id) {
            continue;
        }
        let field = if i == 0 { "master_id" } else { "slave_ids" };
        return Err(missing(db, ctx, kind, *id, field).await?);
    }
    for (id, version) in &req.versions {
        if let Some(row) = rows.iter().find(|r| r.id == *id)
            && row.version != *version
        {
            return Err(ApiError::new(
                ErrorCode::PreconditionFailed,
                format!(
                    "record {id} is at version {}, not {version}; reload and merge again",
                    row.version
                ),
            ));
        }
    }
    let mut children = records::load_children(db, ctx.ws(), &ids).await?;
    let mut take = |id: &Uuid| -> (Model, Children) {
        let row = rows.iter().find(|r| r.id == *id).cloned();
        let c = children.remove(id).unwrap_or_default();
        (
            row.unwrap_or_else(|| records::blank(ctx.ws(), kind.as_str(), ctx.auth.id, now())),
            c,
        )
    };
    let master = take(&req.master_id);
    let slaves = req.slave_ids.iter().map(&mut take).collect();
    Ok((master, slaves))
}

/// Why a record of the merge is not there: another kind (422), merged away, or not visible.
async fn missing(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    kind: RecordKind,
    id: Uuid,
    field: &str,
) -> ApiResult<ApiError> {
    if let Some(other) = records::get_any(db, ctx.ws(), id).await?
        && other.kind != kind.as_str()
        && !records::visible_by_ids(db, &ctx.viewer, &other.kind, &[id])
            .await?
            .is_empty()
    {
        return Ok(ApiError::field(
            field,
            "other_kind",
            format!(
                "record {id} is a {}; only records of one kind can be merged (convert a lead instead)",
                other.kind
            ),
        ));
    }
    if let Some(master) = records::merged_into(db, &ctx.viewer, kind.as_str(), id).await? {
        return Ok(ApiError::MergedAway(master));
    }
    Ok(ApiError::not_found(&format!("record {id}")))
}

fn stale() -> ApiError {
    ApiError::new(
        ErrorCode::PreconditionFailed,
        "a record of the merge changed meanwhile; reload and merge again",
    )
}
