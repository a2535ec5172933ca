//! Changing records: PATCH with optimistic concurrency, delete to the trash, restore.

use actix_web::{HttpRequest, HttpResponse, delete, patch, post, web};
use sen_api_types::error::{ErrorCode, Problem};
use sen_api_types::record::{Record, RecordInput};
use sen_store::repo::records;
use uuid::Uuid;

use super::context::{Ctx, parse_kind};
use super::events;
use super::input::prepare;
use super::read::{present_one, visible_or_404};
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::routes::duplicates::check::{self, AllowDuplicate};
use crate::routes::lifecycle::promote;
use crate::state::AppState;

/// Changes the given fields of a record. Send the `version` you read (in the body or as
/// `If-Match`): if the record changed since, the answer is 412 and nothing is written.
#[utoipa::path(patch, path = "/api/v1/{kind}/{id}", tag = "records", operation_id = "record_update",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities"),
           ("id" = Uuid, Path, description = "Record id"),
           ("If-Match" = Option<String>, Header, description = "The version you read"),
           AllowDuplicate),
    request_body = RecordInput,
    responses(
        (status = 200, description = "The changed record", body = Record),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "You may not change its sharing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record visible to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Looks like an existing record (warn rule); lists the candidates", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The record changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or a block duplicate rule matched", body = Problem, content_type = "application/problem+json"),
    ))]
#[patch("/{kind}/{id}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn record_update(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(String, Uuid)>,
    allow: web::Query<AllowDuplicate>,
    body: Json<RecordInput>,
) -> ApiResult<web::Json<Record>> {
    let (kind, id) = path.into_inner();
    let kind = parse_kind(&kind)?;
    let ctx = Ctx::load(&state, auth).await?;
    let input = body.into_inner();
    let expected = match (input.version, if_match(&req)?) {
        (Some(a), Some(b)) if a != b => {
            return Err(ApiError::field(
                "version",
                "mismatch",
                "the body's version and If-Match differ",
            ));
        }
        (a, b) => a.or(b),
    };
    let tx = state.db.begin().await?;
    let current = visible_or_404(&tx, &ctx, kind.as_str(), id).await?;
    if expected.is_some_and(|v| v != current.version) {
        return Err(stale(current.version));
    }
    let before = present_one(&tx, ctx.ws(), &current).await?;
    let mut children = records::load_children(&tx, ctx.ws(), &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    children.tag_names.clear();
    let mut prepared = prepare(&tx, &ctx, kind, Some((&current, &children)), input).await?;
    check::check(
        &tx,
        &ctx,
        kind,
        &prepared.row,
        &prepared.children,
        Some((&current, &children)),
        allow.allow_duplicate,
    )
    .await?;
    prepared.row.version = current.version + 1;
    prepared.row.updated_at = sen_store::repo::now();
    if !records::update(&tx, &prepared.row, current.version).await? {
        return Err(stale(current.version));
    }
    records::replace_children(&tx, ctx.ws(), id, &prepared.children).await?;
    let after = present_one(&tx, ctx.ws(), &prepared.row).await?;
    events::record_change(&tx, &ctx.auth, "update", Some(&before), Some(&after)).await?;
    let after = promote::after_update(&tx, &ctx, &before, after).await?;
    sen_store::commit(tx).await?;
    Ok(web::Json(after))
}

/// Moves a record to the trash (restorable for 30 days).
#[utoipa::path(delete, path = "/api/v1/{kind}/{id}", tag = "records", operation_id = "record_delete",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities"),
           ("id" = Uuid, Path, description = "Record id")),
    responses(
        (status = 204, description = "In the trash"),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record visible to you", body = Problem, content_type = "application/problem+json"),
    ))]
#[delete("/{kind}/{id}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn record_delete(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(String, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (kind, id) = path.into_inner();
    let kind = parse_kind(&kind)?;
    let ctx = Ctx::load(&state, auth).await?;
    let tx = state.db.begin().await?;
    let current = visible_or_404(&tx, &ctx, kind.as_str(), id).await?;
    let before = present_one(&tx, ctx.ws(), &current).await?;
    records::soft_delete(&tx, ctx.ws(), id, ctx.auth.id, sen_store::repo::now()).await?;
    events::record_change(&tx, &ctx.auth, "deleted", Some(&before), None).await?;
    sen_store::commit(tx).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Takes a record out of the trash.
#[utoipa::path(post, path = "/api/v1/{kind}/{id}/restore", tag = "records", operation_id = "record_restore",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities"),
           ("id" = Uuid, Path, description = "Record id")),
    responses(
        (status = 200, description = "Restored", body = Record),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record in your trash", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/{kind}/{id}/restore")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn record_restore(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(String, Uuid)>,
) -> ApiResult<web::Json<Record>> {
    let (kind, id) = path.into_inner();
    let kind = parse_kind(&kind)?;
    let ctx = Ctx::load(&state, auth).await?;
    let tx = state.db.begin().await?;
    let in_trash = records::trash(&tx, &ctx.viewer, u64::MAX >> 1)
        .await?
        .into_iter()
        .any(|r| r.id == id && r.kind == kind.as_str());
    if !in_trash {
        return Err(ApiError::not_found("record in the trash"));
    }
    records::restore(&tx, ctx.ws(), id, sen_store::repo::now()).await?;
    let row = visible_or_404(&tx, &ctx, kind.as_str(), id).await?;
    let after = present_one(&tx, ctx.ws(), &row).await?;
    events::record_change(&tx, &ctx.auth, "restored", None, Some(&after)).await?;
    sen_store::commit(tx).await?;
    Ok(web::Json(after))
}

/// `If-Match: 3` (quotes and a weak prefix are accepted).
fn if_match(req: &HttpRequest) -> ApiResult<Option<i64>> {
    let Some(v) = req.headers().get("if-match") else {
        return Ok(None);
    };
    let text = v
        .to_str()
        .unwrap_or("")
        .trim()
        .trim_start_matches("W/")
        .trim_matches('"');
    text.parse::<i64>().map(Some).map_err(|_| {
        ApiError::field(
            "If-Match",
            "invalid_version",
            "send the record's version number",
        )
    })
}

fn stale(current: i64) -> ApiError {
    ApiError::new(
        ErrorCode::PreconditionFailed,
        format!("the record changed since you read it; it is now at version {current}"),
    )
}
