//! `/tags`: listing tags and creating them. Everyone in the workspace may create a tag, as
//! tagging a record creates one on first use anyway.

use actix_web::{HttpResponse, get, post, web};
use sen_api_types::error::Problem;
use sen_api_types::tag::{Tag, TagCreate, TagList, TagQuery};
use sen_store::repo::tags;

use super::convert;
use crate::audit;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use crate::validate::Errors;

/// The longest tag name, in characters.
pub const NAME_MAX: usize = 100;
const LIMIT_DEFAULT: u64 = 50;
const LIMIT_MAX: u64 = 500;

/// The workspace's tags, optionally filtered ignoring case and diacritics.
#[utoipa::path(get, path = "/api/v1/tags", tag = "tags", operation_id = "tag_list",
    security(("bearer" = [])),
    params(TagQuery),
    responses(
        (status = 200, description = "Matching tags", body = TagList),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/tags")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn tag_list(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<TagQuery>,
) -> ApiResult<web::Json<TagList>> {
    let query = query.into_inner();
    let limit = query.limit.unwrap_or(LIMIT_DEFAULT).clamp(1, LIMIT_MAX);
    let (rows, total) = tags::list(
        state.db.conn(),
        auth.workspace_id,
        query.q.as_deref(),
        limit,
    )
    .await?;
    let ids: Vec<_> = rows.iter().map(|t| t.id).collect();
    let counts = tags::record_counts(state.db.conn(), auth.workspace_id, &ids).await?;
    let items = rows
        .iter()
        .map(|row| {
            let mut tag = convert::tag(row);
            tag.record_count = counts.get(&row.id).copied().unwrap_or(0);
            tag
        })
        .collect();
    Ok(web::Json(TagList { items, total }))
}

/// Creates a tag, or returns the existing one whose name folds the same ("VIP" = "víp").
#[utoipa::path(post, path = "/api/v1/tags", tag = "tags", operation_id = "tag_create",
    security(("bearer" = [])),
    request_body = TagCreate,
    responses(
        (status = 201, description = "Tag created", body = Tag),
        (status = 200, description = "The tag already existed", body = Tag),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid name", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/tags")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn tag_create(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: Json<TagCreate>,
) -> ApiResult<HttpResponse> {
    let name = check_name(&body.into_inner().name)?;
    let tx = state.db.begin().await?;
    let (row, created) = tags::create(&tx, auth.workspace_id, &name).await?;
    let tag = convert::tag(&row);
    if created {
        audit::record(&tx, &auth, "tag", "create", row.id, None, Some(&tag)).await?;
    }
    sen_store::commit(tx).await?;
    Ok(if created {
        HttpResponse::Created().json(tag)
    } else {
        HttpResponse::Ok().json(tag)
    })
}

/// A tag name: trimmed, at most [`NAME_MAX`] characters, with a letter or digit in it.
pub fn check_name(name: &str) -> ApiResult<String> {
    let mut errors = Errors::default();
    let clean = errors.text("name", name, NAME_MAX);
    errors.finish()?;
    if tags::key_of(&clean).is_empty() {
        return Err(ApiError::field(
            "name",
            "invalid_name",
            "a tag needs a letter or a digit",
        ));
    }
    Ok(clean)
}
