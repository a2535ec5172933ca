//! `/accounts/{id}/contacts`: an organisation's contacts, listed and created inline. (An
//! individual customer is simply a contact without an account.)

use actix_web::{HttpResponse, get, post, web};
use sen_api_types::error::Problem;
use sen_api_types::record::{Record, RecordInput, RecordKind, RecordPage};
use sen_store::repo::records;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::routes::records::context::Ctx;
use crate::routes::records::events::record_change;
use crate::routes::records::filter::{ListQuery, to_store_filter};
use crate::routes::records::input::prepare;
use crate::routes::records::read::{Paging, present_one, present_page, visible_or_404};
use crate::state::AppState;

/// A page of the account's contacts you can see (the list's filters apply too).
#[utoipa::path(get, path = "/api/v1/accounts/{id}/contacts", tag = "lifecycle", operation_id = "account_contact_list",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Account id"), ListQuery),
    responses(
        (status = 200, description = "A page of contacts", body = RecordPage),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account visible to you", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid sort or page size", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/accounts/{id}/contacts")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn account_contact_list(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    query: web::Query<ListQuery>,
) -> ApiResult<web::Json<RecordPage>> {
    let ctx = Ctx::load(&state, auth).await?;
    let db = state.db.conn();
    let account = visible_or_404(db, &ctx, "account", id.into_inner()).await?;
    let search = query.into_inner().into_search();
    let paging = Paging::of(&search)?;
    let filter = to_store_filter(db, &ctx, &search.filter).await?;
    let page = records::account_contacts(
        db,
        &ctx.viewer,
        account.id,
        &filter,
        paging.sort,
        paging.cursor.as_ref(),
        paging.limit,
    )
    .await?;
    Ok(web::Json(present_page(db, ctx.ws(), page).await?))
}

/// Creates a contact of the account in one call (its `account_id` is the path's).
#[utoipa::path(post, path = "/api/v1/accounts/{id}/contacts", tag = "lifecycle", operation_id = "account_contact_create",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Account id")),
    request_body = RecordInput,
    responses(
        (status = 201, description = "The new contact", body = Record),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account visible to you", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/accounts/{id}/contacts")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn account_contact_create(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: Json<RecordInput>,
) -> ApiResult<HttpResponse> {
    let ctx = Ctx::load(&state, auth).await?;
    let ws = ctx.ws();
    let tx = state.db.begin().await?;
    let account = visible_or_404(&tx, &ctx, "account", id.into_inner()).await?;
    let mut input = body.into_inner();
    input.account_id = Some(Some(account.id));
    let mut prepared = prepare(&tx, &ctx, RecordKind::Contact, None, input).await?;
    prepared.row.created_via = if ctx.auth.api_key_id.is_some() {
        "api"
    } else {
        "manual"
    }
    .into();
    let row = records::insert(&tx, prepared.row).await?;
    records::replace_children(&tx, ws, row.id, &prepared.children).await?;
    let record = present_one(&tx, ws, &row).await?;
    record_change(&tx, &ctx.auth, "create", None, Some(&record)).await?;
    sen_store::commit(tx).await?;
    Ok(HttpResponse::Created().json(record))
}
