//! `/settings/custom-fields/{kind}`: listing and creating the custom fields of a record kind.

use actix_web::{HttpResponse, get, post, web};
use sen_api_types::error::{ErrorCode, Problem};
use sen_api_types::settings::{Choice, CustomField, CustomFieldCreate, CustomFieldList, FieldType};
use sen_domain::kind::RecordKind;
use sen_store::StoreError;
use sen_store::repo::custom_fields::{self, NewCustomField};
use sen_store::repo::picklists;

use super::{convert, rules};
use crate::audit;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use crate::validate::Errors;

/// The custom fields of a record kind, by position.
#[utoipa::path(get, path = "/api/v1/settings/custom-fields/{kind}", tag = "settings",
    operation_id = "custom_field_list",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities", example = "leads")),
    responses(
        (status = 200, description = "The kind's custom fields", body = CustomFieldList),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record kind", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/settings/custom-fields/{kind}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn custom_field_list(
    state: web::Data<AppState>,
    auth: AuthUser,
    kind: web::Path<String>,
) -> ApiResult<web::Json<CustomFieldList>> {
    let kind = rules::kind_of(&kind)?;
    let rows = custom_fields::list(state.db.conn(), auth.workspace_id, kind).await?;
    let items = rows
        .iter()
        .map(convert::custom_field)
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(web::Json(CustomFieldList {
        total: items.len() as u64,
        items,
    }))
}

/// Adds a custom field to a record kind.
#[utoipa::path(post, path = "/api/v1/settings/custom-fields/{kind}", tag = "settings",
    operation_id = "custom_field_create",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities", example = "contacts")),
    request_body = CustomFieldCreate,
    responses(
        (status = 201, description = "Field created", body = CustomField),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only admins change settings", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record kind", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The kind already has a field with this key", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/settings/custom-fields/{kind}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn custom_field_create(
    state: web::Data<AppState>,
    auth: AuthUser,
    kind: web::Path<String>,
    body: Json<CustomFieldCreate>,
) -> ApiResult<HttpResponse> {
    let kind = rules::kind_of(&kind)?;
    auth.require_admin()?;
    let req = body.into_inner();
    let mut errors = Errors::default();
    rules::key(&mut errors, "key", &req.key);
    let label_vi = errors.text("label_vi", &req.label_vi, rules::LABEL_MAX);
    let label_en = errors.text("label_en", &req.label_en, rules::LABEL_MAX);
    let options = options(&mut errors, req.field_type, &req.options);
    errors.finish()?;
    let new = NewCustomField {
        kind,
        key: req.key,
        label_vi,
        label_en,
        field_type: req.field_type,
        required: req.required,
        options,
        position: req.position,
    };
    let tx = state.db.begin().await?;
    let row = custom_fields::insert(&tx, auth.workspace_id, new)
        .await
        .map_err(|e| key_taken(e, kind))?;
    let field = convert::custom_field(&row)?;
    audit::record(
        &tx,
        &auth,
        "custom_field",
        "create",
        row.id,
        None,
        Some(&field),
    )
    .await?;
    sen_store::commit(tx).await?;
    Ok(HttpResponse::Created().json(field))
}

/// Checks options against the type: select types need at least one, the others none.
pub fn options(
    errors: &mut Errors,
    field_type: FieldType,
    items: &[Choice],
) -> Vec<picklists::Choice> {
    if field_type.has_options() && items.is_empty() {
        errors.push(
            "options",
            "required",
            "a select field needs at least one option",
        );
    } else if !field_type.has_options() && !items.is_empty() {
        errors.push("options", "not_allowed", "only select fields have options");
    }
    rules::choices(errors, "options", items)
}

fn key_taken(err: StoreError, kind: RecordKind) -> ApiError {
    match err {
        StoreError::Conflict(_) => ApiError::new(
            ErrorCode::Conflict,
            format!(
                "{} already have a custom field with this key",
                kind.plural()
            ),
        ),
        other => other.into(),
    }
}
