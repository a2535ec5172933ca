//! `/tags/{id}`: renaming and deleting a tag (admins; it changes every record carrying it).

use actix_web::{HttpResponse, delete, patch, web};
use sen_api_types::error::{ErrorCode, Problem};
use sen_api_types::tag::{Tag, TagUpdate};
use sen_store::StoreError;
use sen_store::repo::tags;
use uuid::Uuid;

use super::{convert, tags::check_name};
use crate::audit;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;

/// Renames a tag.
#[utoipa::path(patch, path = "/api/v1/tags/{id}", tag = "tags", operation_id = "tag_update",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Tag id")),
    request_body = TagUpdate,
    responses(
        (status = 200, description = "The renamed tag", body = Tag),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only admins rename tags", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tag in your workspace", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another tag has this name", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid name", body = Problem, content_type = "application/problem+json"),
    ))]
#[patch("/tags/{id}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn tag_update(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
    body: Json<TagUpdate>,
) -> ApiResult<web::Json<Tag>> {
    let id = id.into_inner();
    let before = load(state.db.conn(), auth.workspace_id, id).await?;
    auth.require_admin()?;
    let name = check_name(&body.into_inner().name)?;
    let tx = state.db.begin().await?;
    let row = tags::rename(&tx, auth.workspace_id, id, &name)
        .await
        .map_err(|err| match err {
            StoreError::Conflict(_) => {
                ApiError::new(ErrorCode::Conflict, "another tag already has this name")
            }
            other => other.into(),
        })?;
    let after = convert::tag(&row);
    audit::record(&tx, &auth, "tag", "update", id, Some(&before), Some(&after)).await?;
    sen_store::commit(tx).await?;
    Ok(web::Json(after))
}

/// Deletes a tag and takes it off every record.
#[utoipa::path(delete, path = "/api/v1/tags/{id}", tag = "tags", operation_id = "tag_delete",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Tag id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only admins delete tags", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tag in your workspace", body = Problem, content_type = "application/problem+json"),
    ))]
#[delete("/tags/{id}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn tag_delete(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let before = load(state.db.conn(), auth.workspace_id, id).await?;
    auth.require_admin()?;
    let tx = state.db.begin().await?;
    tags::delete(&tx, auth.workspace_id, id).await?;
    audit::record(&tx, &auth, "tag", "delete", id, Some(&before), None).await?;
    sen_store::commit(tx).await?;
    Ok(HttpResponse::NoContent().finish())
}

async fn load(db: &impl sen_store::ConnectionTrait, ws: Uuid, id: Uuid) -> ApiResult<Tag> {
    let row = tags::get(db, ws, id)
        .await?
        .ok_or_else(|| ApiError::not_found("tag"))?;
    Ok(convert::tag(&row))
}
