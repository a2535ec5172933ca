//! `/settings/statuses/{kind}`: the ordered statuses of a record kind. Everyone reads; admins
//! replace the whole list.

use actix_web::{get, put, web};
use sen_api_types::error::Problem;
use sen_api_types::settings::{StatusList, StatusReplace};
use sen_store::repo::statuses;

use super::{convert, rules, status_rules};
use crate::audit;
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::state::AppState;

/// The statuses of a record kind, in order.
#[utoipa::path(get, path = "/api/v1/settings/statuses/{kind}", tag = "settings",
    operation_id = "status_list",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities", example = "leads")),
    responses(
        (status = 200, description = "The kind's statuses, in order", body = StatusList),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record kind", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/settings/statuses/{kind}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn status_list(
    state: web::Data<AppState>,
    auth: AuthUser,
    kind: web::Path<String>,
) -> ApiResult<web::Json<StatusList>> {
    let kind = rules::kind_of(&kind)?;
    let rows = statuses::list(state.db.conn(), auth.workspace_id, kind).await?;
    Ok(web::Json(convert::status_list(kind, &rows)))
}

/// Replaces the whole ordered status list of a record kind. Records keep the key they have.
#[utoipa::path(put, path = "/api/v1/settings/statuses/{kind}", tag = "settings",
    operation_id = "status_replace",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities", example = "opportunities")),
    request_body = StatusReplace,
    responses(
        (status = 200, description = "The new list", body = StatusList),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only admins change settings", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record kind", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid list", body = Problem, content_type = "application/problem+json"),
    ))]
#[put("/settings/statuses/{kind}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn status_replace(
    state: web::Data<AppState>,
    auth: AuthUser,
    kind: web::Path<String>,
    body: Json<StatusReplace>,
) -> ApiResult<web::Json<StatusList>> {
    let kind = rules::kind_of(&kind)?;
    auth.require_admin()?;
    let items = status_rules::check(kind, &body.into_inner().statuses)?;
    let ws = auth.workspace_id;
    let tx = state.db.begin().await?;
    let before = convert::status_list(kind, &statuses::list(&tx, ws, kind).await?);
    let after = convert::status_list(kind, &statuses::replace(&tx, ws, kind, &items).await?);
    // The list belongs to the workspace: its audit entries hang on the workspace id.
    audit::record(
        &tx,
        &auth,
        "statuses",
        "replace",
        ws,
        Some(&before),
        Some(&after),
    )
    .await?;
    sen_store::commit(tx).await?;
    Ok(web::Json(after))
}
