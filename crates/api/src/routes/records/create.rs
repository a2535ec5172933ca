//! `POST /{kind}`: create a record; with `Idempotency-Key`, a retry replays the first answer.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};
use sen_api_types::error::{ErrorCode, Problem};
use sen_api_types::record::{Record, RecordInput};
use sen_store::StoreError;
use sen_store::entity::idempotency_key;
use sen_store::repo::{idempotency, records};

use super::context::{Ctx, parse_kind};
use super::input::prepare;
use super::{events, read::present_one};
use crate::auth::{AuthUser, secret};
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::routes::duplicates::check::{self, AllowDuplicate};
use crate::state::AppState;

/// Creates a record of `kind`.
#[utoipa::path(post, path = "/api/v1/{kind}", tag = "records", operation_id = "record_create",
    security(("bearer" = [])),
    params(
        ("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries of this create safe"),
        AllowDuplicate,
    ),
    request_body = RecordInput,
    responses(
        (status = 201, description = "Created", body = Record),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown kind", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Looks like an existing record (warn rule); lists the candidates", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or a block duplicate rule matched", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/{kind}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn record_create(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: AuthUser,
    kind: web::Path<String>,
    allow: web::Query<AllowDuplicate>,
    body: Json<RecordInput>,
) -> ApiResult<HttpResponse> {
    let kind = parse_kind(&kind)?;
    let ctx = Ctx::load(&state, auth).await?;
    let input = body.into_inner();
    let key = idempotency_key(&req)?;
    let fingerprint = secret::hash(&format!(
        "{}:{}",
        kind.as_str(),
        serde_json::to_string(&input).unwrap_or_default()
    ));
    let (ws, user) = (ctx.ws(), ctx.auth.id);
    if let Some(key) = &key
        && let Some(saved) = idempotency::find(state.db.conn(), ws, user, key).await?
    {
        return replay(&saved, &fingerprint);
    }
    let tx = state.db.begin().await?;
    let mut prepared = prepare(&tx, &ctx, kind, None, input).await?;
    check::check(
        &tx,
        &ctx,
        kind,
        &prepared.row,
        &prepared.children,
        None,
        allow.allow_duplicate,
    )
    .await?;
    prepared.row.created_via = if ctx.auth.api_key_id.is_some() {
        "api"
    } else {
        "manual"
    }
    .into();
    let row = records::insert(&tx, prepared.row).await?;
    records::replace_children(&tx, ws, row.id, &prepared.children).await?;
    let record = present_one(&tx, ws, &row).await?;
    events::record_change(&tx, &ctx.auth, "create", None, Some(&record)).await?;
    if let Some(key) = &key {
        let body = serde_json::to_value(&record).unwrap_or_default();
        match idempotency::store(&tx, ws, user, key, &fingerprint, 201, body).await {
            Ok(()) => {}
            Err(StoreError::Conflict(_)) => {
                // A concurrent retry with the same key won: answer what it answered.
                sen_store::rollback(tx).await?;
                let saved = idempotency::find(state.db.conn(), ws, user, key).await?;
                return saved.map_or_else(
                    || Err(ApiError::new(ErrorCode::Conflict, "retry")),
                    |s| replay(&s, &fingerprint),
                );
            }
            Err(other) => return Err(other.into()),
        }
    }
    sen_store::commit(tx).await?;
    Ok(HttpResponse::Created().json(record))
}

/// The `Idempotency-Key` header, when sent.
pub(crate) fn idempotency_key(req: &HttpRequest) -> ApiResult<Option<String>> {
    let Some(value) = req.headers().get("idempotency-key") else {
        return Ok(None);
    };
    let key = value.to_str().map(str::trim).unwrap_or("");
    if key.is_empty() || key.len() > 200 {
        return Err(ApiError::field(
            "Idempotency-Key",
            "invalid_key",
            "send 1 to 200 visible ASCII characters",
        ));
    }
    Ok(Some(key.to_owned()))
}

/// The stored answer of the first request with this key.
pub(crate) fn replay(saved: &idempotency_key::Model, fingerprint: &str) -> ApiResult<HttpResponse> {
    if saved.fingerprint != fingerprint {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "this Idempotency-Key was used for a different request",
        ));
    }
    let status = StatusCode::from_u16(u16::try_from(saved.status).unwrap_or(201))
        .unwrap_or(StatusCode::CREATED);
    Ok(HttpResponse::build(status)
        .insert_header(("idempotent-replayed", "true"))
        .json(&saved.response))
}
