//! `/api-keys`: a user's keys (admins see and revoke every key of the workspace).

use actix_web::{HttpResponse, delete, get, post, web};
use sen_api_types::api_key::{ApiKey, ApiKeyCreate, ApiKeyCreated, ApiKeyList};
use sen_api_types::error::Problem;
use sen_store::entity::api_key;
use sen_store::repo::api_keys;
use uuid::Uuid;

use crate::audit;
use crate::auth::{AuthUser, secret};
use crate::convert;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use crate::validate::Errors;

/// Mounts the API key routes.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(api_key_list)
        .service(api_key_create)
        .service(api_key_get)
        .service(api_key_delete);
}

/// The caller's keys; an admin sees every key of the workspace.
#[utoipa::path(get, path = "/api/v1/api-keys", tag = "api-keys", operation_id = "api_key_list",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Keys, newest first", body = ApiKeyList),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/api-keys")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn api_key_list(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> ApiResult<web::Json<ApiKeyList>> {
    let only = (!auth.is_admin()).then_some(auth.id);
    let items: Vec<ApiKey> = api_keys::list(state.db.conn(), auth.workspace_id, only)
        .await?
        .iter()
        .map(convert::api_key)
        .collect();
    Ok(web::Json(ApiKeyList {
        total: items.len() as u64,
        items,
    }))
}

/// Creates a key acting as the caller. The secret is in this answer only.
#[utoipa::path(post, path = "/api/v1/api-keys", tag = "api-keys", operation_id = "api_key_create",
    security(("bearer" = [])),
    request_body = ApiKeyCreate,
    responses(
        (status = 201, description = "Key created; copy the secret now", body = ApiKeyCreated),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/api-keys")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn api_key_create(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: Json<ApiKeyCreate>,
) -> ApiResult<HttpResponse> {
    let mut errors = Errors::default();
    let name = errors.text("name", &body.into_inner().name, 120);
    errors.finish()?;
    let key = secret::new_api_key();
    let prefix: String = key.chars().take(8).collect();
    let tx = state.db.begin().await?;
    let row = api_keys::insert(
        &tx,
        auth.workspace_id,
        auth.id,
        &name,
        &prefix,
        &secret::hash(&key),
    )
    .await?;
    let api_key = convert::api_key(&row);
    audit::record(
        &tx,
        &auth,
        "api_key",
        "create",
        row.id,
        None,
        Some(&api_key),
    )
    .await?;
    sen_store::commit(tx).await?;
    Ok(HttpResponse::Created().json(ApiKeyCreated { api_key, key }))
}

/// One key (yours, or any for an admin).
#[utoipa::path(get, path = "/api/v1/api-keys/{id}", tag = "api-keys", operation_id = "api_key_get",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Key id")),
    responses(
        (status = 200, description = "The key", body = ApiKey),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such key visible to you", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/api-keys/{id}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn api_key_get(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> ApiResult<web::Json<ApiKey>> {
    let row = visible(&state, &auth, id.into_inner()).await?;
    Ok(web::Json(convert::api_key(&row)))
}

/// Revokes a key: it stops working at once.
#[utoipa::path(delete, path = "/api/v1/api-keys/{id}", tag = "api-keys", operation_id = "api_key_delete",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Key id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such key visible to you", body = Problem, content_type = "application/problem+json"),
    ))]
#[delete("/api-keys/{id}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn api_key_delete(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let row = visible(&state, &auth, id.into_inner()).await?;
    let tx = state.db.begin().await?;
    api_keys::revoke(&tx, auth.workspace_id, row.id).await?;
    let after = api_keys::get(&tx, auth.workspace_id, row.id).await?;
    let (before, after) = (convert::api_key(&row), after.as_ref().map(convert::api_key));
    audit::record(
        &tx,
        &auth,
        "api_key",
        "revoke",
        row.id,
        Some(&before),
        after.as_ref(),
    )
    .await?;
    sen_store::commit(tx).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A key the caller may see: their own, or any of the workspace for an admin.
async fn visible(state: &AppState, auth: &AuthUser, id: Uuid) -> ApiResult<api_key::Model> {
    api_keys::get(state.db.conn(), auth.workspace_id, id)
        .await?
        .filter(|k| auth.is_admin() || k.user_id == auth.id)
        .ok_or_else(|| ApiError::not_found("API key"))
}
