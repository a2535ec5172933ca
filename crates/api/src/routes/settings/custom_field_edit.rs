//! `/settings/custom-fields/{kind}/{id}`: changing and deleting a custom field. Its key and
//! type are fixed at creation: records store values under the key, in the type's form.

use actix_web::{HttpResponse, delete, patch, web};
use sen_api_types::error::Problem;
use sen_api_types::settings::{CustomField, CustomFieldUpdate};
use sen_domain::kind::RecordKind;
use sen_store::ConnectionTrait;
use sen_store::repo::custom_fields::{self, CustomFieldPatch};
use uuid::Uuid;

use super::{convert, custom_fields::options, rules};
use crate::audit;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use crate::validate::Errors;

/// Changes a custom field's labels, required flag, options or position.
#[utoipa::path(patch, path = "/api/v1/settings/custom-fields/{kind}/{id}", tag = "settings",
    operation_id = "custom_field_update",
    security(("bearer" = [])),
    params(
        ("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities", example = "leads"),
        ("id" = Uuid, Path, description = "Custom field id"),
    ),
    request_body = CustomFieldUpdate,
    responses(
        (status = 200, description = "The changed field", body = CustomField),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only admins change settings", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such field of this kind in your workspace", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or a change of key or type", body = Problem, content_type = "application/problem+json"),
    ))]
#[patch("/settings/custom-fields/{kind}/{id}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn custom_field_update(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(String, Uuid)>,
    body: Json<CustomFieldUpdate>,
) -> ApiResult<web::Json<CustomField>> {
    let (kind, id) = path.into_inner();
    let kind = rules::kind_of(&kind)?;
    let before = load(state.db.conn(), auth.workspace_id, kind, id).await?;
    auth.require_admin()?;
    let req = body.into_inner();
    let mut errors = Errors::default();
    if req.key.as_ref().is_some_and(|k| *k != before.key) {
        errors.push(
            "key",
            "immutable",
            "the key cannot change; create another field",
        );
    }
    if req.field_type.is_some_and(|t| t != before.field_type) {
        errors.push(
            "field_type",
            "immutable",
            "the type cannot change; create another field",
        );
    }
    let patch = CustomFieldPatch {
        label_vi: req
            .label_vi
            .map(|l| errors.text("label_vi", &l, rules::LABEL_MAX)),
        label_en: req
            .label_en
            .map(|l| errors.text("label_en", &l, rules::LABEL_MAX)),
        required: req.required,
        options: req
            .options
            .map(|o| options(&mut errors, before.field_type, &o)),
        position: req.position,
    };
    errors.finish()?;
    let tx = state.db.begin().await?;
    custom_fields::update(&tx, auth.workspace_id, kind, id, patch).await?;
    let after = load(&tx, auth.workspace_id, kind, id).await?;
    audit::record(
        &tx,
        &auth,
        "custom_field",
        "update",
        id,
        Some(&before),
        Some(&after),
    )
    .await?;
    sen_store::commit(tx).await?;
    Ok(web::Json(after))
}

/// Deletes a custom field. Records keep the values they stored under its key.
#[utoipa::path(delete, path = "/api/v1/settings/custom-fields/{kind}/{id}", tag = "settings",
    operation_id = "custom_field_delete",
    security(("bearer" = [])),
    params(
        ("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities", example = "leads"),
        ("id" = Uuid, Path, description = "Custom field id"),
    ),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only admins change settings", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such field of this kind in your workspace", body = Problem, content_type = "application/problem+json"),
    ))]
#[delete("/settings/custom-fields/{kind}/{id}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn custom_field_delete(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(String, Uuid)>,
) -> ApiResult<HttpResponse> {
    let (kind, id) = path.into_inner();
    let kind = rules::kind_of(&kind)?;
    let before = load(state.db.conn(), auth.workspace_id, kind, id).await?;
    auth.require_admin()?;
    let tx = state.db.begin().await?;
    custom_fields::delete(&tx, auth.workspace_id, kind, id).await?;
    audit::record(
        &tx,
        &auth,
        "custom_field",
        "delete",
        id,
        Some(&before),
        None,
    )
    .await?;
    sen_store::commit(tx).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A custom field of the kind, or 404.
async fn load(
    db: &impl ConnectionTrait,
    ws: Uuid,
    kind: RecordKind,
    id: Uuid,
) -> ApiResult<CustomField> {
    let row = custom_fields::get(db, ws, kind, id)
        .await?
        .ok_or_else(|| ApiError::not_found("custom field"))?;
    convert::custom_field(&row)
}
