//! Reading records: one, a page of a list (query string), or a search (filter body).

use actix_web::{get, post, web};
use sen_api_types::error::{ErrorCode, Problem};
use sen_api_types::record::{Record, RecordPage, RecordSearch};
use sen_store::ConnectionTrait;
use sen_store::entity::record::Model;
use sen_store::repo::records::{self, Cursor, SortField};
use uuid::Uuid;

use super::context::{Ctx, parse_kind};
use super::filter::{ListQuery, to_store_filter};
use super::present;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;

/// A row with its children, as the API shows it.
pub async fn present_one(db: &impl ConnectionTrait, ws: Uuid, row: &Model) -> ApiResult<Record> {
    let mut children = records::load_children(db, ws, &[row.id]).await?;
    Ok(present::record(
        row,
        &children.remove(&row.id).unwrap_or_default(),
    ))
}

/// A record the caller sees, or 404 — with `merged_into` when it was merged away.
pub async fn visible_or_404(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    kind: &str,
    id: Uuid,
) -> ApiResult<Model> {
    if let Some(row) = records::get_visible(db, &ctx.viewer, kind, id).await? {
        return Ok(row);
    }
    match records::merged_into(db, &ctx.viewer, kind, id).await? {
        Some(master) => Err(ApiError::MergedAway(master)),
        None => Err(ApiError::not_found("record")),
    }
}

/// One record.
#[utoipa::path(get, path = "/api/v1/{kind}/{id}", tag = "records", operation_id = "record_get",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities"),
           ("id" = Uuid, Path, description = "Record id")),
    responses(
        (status = 200, description = "The record", body = Record),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record visible to you", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/{kind}/{id}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn record_get(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(String, Uuid)>,
) -> ApiResult<web::Json<Record>> {
    let (kind, id) = path.into_inner();
    let kind = parse_kind(&kind)?;
    let ctx = Ctx::load(&state, auth).await?;
    let row = visible_or_404(state.db.conn(), &ctx, kind.as_str(), id).await?;
    Ok(web::Json(
        present_one(state.db.conn(), ctx.ws(), &row).await?,
    ))
}

/// A page of the records of `kind` the caller sees.
#[utoipa::path(get, path = "/api/v1/{kind}", tag = "records", operation_id = "record_list",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities"), ListQuery),
    responses(
        (status = 200, description = "A page of records", body = RecordPage),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/{kind}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn record_list(
    state: web::Data<AppState>,
    auth: AuthUser,
    kind: web::Path<String>,
    query: web::Query<ListQuery>,
) -> ApiResult<web::Json<RecordPage>> {
    let kind = parse_kind(&kind)?;
    let query = query.into_inner();
    let search = query.clone().into_search();
    page(&state, auth, kind, search).await
}

/// Searches the records of `kind` with the rich filter.
#[utoipa::path(post, path = "/api/v1/{kind}/search", tag = "records", operation_id = "record_search",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities")),
    request_body = RecordSearch,
    responses(
        (status = 200, description = "A page of records", body = RecordPage),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filter", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/{kind}/search")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn record_search(
    state: web::Data<AppState>,
    auth: AuthUser,
    kind: web::Path<String>,
    body: Json<RecordSearch>,
) -> ApiResult<web::Json<RecordPage>> {
    let kind = parse_kind(&kind)?;
    page(&state, auth, kind, body.into_inner()).await
}

async fn page(
    state: &AppState,
    auth: AuthUser,
    kind: sen_domain::kind::RecordKind,
    search: RecordSearch,
) -> ApiResult<web::Json<RecordPage>> {
    let ctx = Ctx::load(state, auth).await?;
    let db = state.db.conn();
    let paging = Paging::of(&search)?;
    let filter = to_store_filter(db, &ctx, &search.filter).await?;
    let page = records::list(
        db,
        &ctx.viewer,
        kind.as_str(),
        &filter,
        paging.sort,
        paging.cursor.as_ref(),
        paging.limit,
    )
    .await?;
    Ok(web::Json(present_page(db, ctx.ws(), page).await?))
}

/// The checked paging part of a search: sort, page size and cursor.
pub struct Paging {
    /// Sort column and direction.
    pub sort: (SortField, sen_store::Order),
    /// Page size, 1–200.
    pub limit: u64,
    /// Where the page starts.
    pub cursor: Option<Cursor>,
}

impl Paging {
    /// Checks a search's sort, limit and cursor.
    pub fn of(search: &RecordSearch) -> ApiResult<Paging> {
        let sort_text = search.sort.as_deref().unwrap_or("-created_at");
        let sort = SortField::parse(sort_text).ok_or_else(|| {
            let names: Vec<&str> = SortField::ALL.iter().map(|(n, _)| *n).collect();
            ApiError::field(
                "sort",
                "invalid_option",
                format!(
                    "sort by one of {} (prefix - for descending)",
                    names.join(", ")
                ),
            )
        })?;
        let limit = search.limit.unwrap_or(50);
        if !(1..=200).contains(&limit) {
            return Err(ApiError::field(
                "limit",
                "out_of_range",
                "use a page size from 1 to 200",
            ));
        }
        let cursor = match search.cursor.as_deref().filter(|c| !c.is_empty()) {
            Some(text) => Some(Cursor::decode(text).ok_or_else(|| {
                ApiError::new(
                    ErrorCode::InvalidQuery,
                    "the cursor is not one this server gave out",
                )
            })?),
            None => None,
        };
        Ok(Paging {
            sort,
            limit,
            cursor,
        })
    }
}

/// A store page, with each record's children, as the API shows it.
pub async fn present_page(
    db: &impl ConnectionTrait,
    ws: Uuid,
    page: records::Page,
) -> ApiResult<RecordPage> {
    let mut children = match page.children {
        Some(children) => children,
        None => {
            let ids: Vec<Uuid> = page.rows.iter().map(|r| r.id).collect();
            records::load_children(db, ws, &ids).await?
        }
    };
    let items = page
        .rows
        .iter()
        .map(|r| present::record(r, &children.remove(&r.id).unwrap_or_default()))
        .collect();
    Ok(RecordPage {
        items,
        next_cursor: page.next_cursor,
        total: page.total,
        total_is_estimate: page.total_is_estimate,
    })
}
