//! `/settings/picklists`: the value lists records choose from. Everyone reads; admins replace
//! a list.

use actix_web::{get, put, web};
use sen_api_types::error::Problem;
use sen_api_types::settings::{Picklist, PicklistList, PicklistName, PicklistReplace};
use sen_store::repo::picklists;
use uuid::Uuid;

use super::{convert, rules};
use crate::audit;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use crate::validate::Errors;

/// Every picklist with its values.
#[utoipa::path(get, path = "/api/v1/settings/picklists", tag = "settings",
    operation_id = "picklist_list",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every picklist, in display order", body = PicklistList),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/settings/picklists")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn picklist_list(
    state: web::Data<AppState>,
    auth: AuthUser,
) -> ApiResult<web::Json<PicklistList>> {
    let rows = picklists::all(state.db.conn(), auth.workspace_id).await?;
    let items = PicklistName::ALL
        .into_iter()
        .map(|name| Picklist {
            name,
            values: rows
                .iter()
                .filter(|r| r.list == name.as_str())
                .map(convert::picklist_value)
                .collect(),
        })
        .collect();
    Ok(web::Json(PicklistList { items }))
}

/// One picklist with its values.
#[utoipa::path(get, path = "/api/v1/settings/picklists/{name}", tag = "settings",
    operation_id = "picklist_get",
    security(("bearer" = [])),
    params(("name" = PicklistName, Path, description = "Which picklist")),
    responses(
        (status = 200, description = "The picklist", body = Picklist),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such picklist", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/settings/picklists/{name}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn picklist_get(
    state: web::Data<AppState>,
    auth: AuthUser,
    name: web::Path<String>,
) -> ApiResult<web::Json<Picklist>> {
    let name = name_of(&name)?;
    Ok(web::Json(
        load(state.db.conn(), auth.workspace_id, name).await?,
    ))
}

/// Replaces the whole ordered value list of a picklist. Records keep the key they have.
#[utoipa::path(put, path = "/api/v1/settings/picklists/{name}", tag = "settings",
    operation_id = "picklist_replace",
    security(("bearer" = [])),
    params(("name" = PicklistName, Path, description = "Which picklist")),
    request_body = PicklistReplace,
    responses(
        (status = 200, description = "The new list", body = Picklist),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only admins change settings", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such picklist", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid values", body = Problem, content_type = "application/problem+json"),
    ))]
#[put("/settings/picklists/{name}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn picklist_replace(
    state: web::Data<AppState>,
    auth: AuthUser,
    name: web::Path<String>,
    body: Json<PicklistReplace>,
) -> ApiResult<web::Json<Picklist>> {
    let name = name_of(&name)?;
    auth.require_admin()?;
    let mut errors = Errors::default();
    let values = rules::choices(&mut errors, "values", &body.into_inner().values);
    errors.finish()?;
    let ws = auth.workspace_id;
    let tx = state.db.begin().await?;
    let before = load(&tx, ws, name).await?;
    picklists::replace(&tx, ws, name.as_str(), &values).await?;
    let after = load(&tx, ws, name).await?;
    // The list belongs to the workspace: its audit entries hang on the workspace id.
    audit::record(
        &tx,
        &auth,
        "picklist",
        "replace",
        ws,
        Some(&before),
        Some(&after),
    )
    .await?;
    sen_store::commit(tx).await?;
    Ok(web::Json(after))
}

fn name_of(name: &str) -> ApiResult<PicklistName> {
    PicklistName::parse(name).ok_or_else(|| ApiError::not_found("picklist"))
}

async fn load(
    db: &impl sen_store::ConnectionTrait,
    ws: Uuid,
    name: PicklistName,
) -> ApiResult<Picklist> {
    let rows = picklists::list(db, ws, name.as_str()).await?;
    Ok(Picklist {
        name,
        values: rows.iter().map(convert::picklist_value).collect(),
    })
}
