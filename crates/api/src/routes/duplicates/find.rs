//! `GET /{kind}/{id}/duplicates`: the records like one record, by the criteria the user picks.

use actix_web::{get, web};
use sen_api_types::duplicate::{DuplicateList, DuplicateQuery};
use sen_api_types::error::Problem;
use sen_domain::duplicate::Criterion;
use sen_store::repo::records::{self, Probe};
use uuid::Uuid;

use super::present;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::routes::records::context::{Ctx, parse_kind};
use crate::routes::records::read::visible_or_404;
use crate::state::AppState;

/// At most this many candidates.
const LIMIT: u64 = 50;

/// Records of the same kind that share the chosen criteria with this one.
#[utoipa::path(get, path = "/api/v1/{kind}/{id}/duplicates", tag = "duplicates",
    operation_id = "duplicate_list",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities"),
           ("id" = Uuid, Path, description = "Record id"), DuplicateQuery),
    responses(
        (status = 200, description = "Candidates, oldest first", body = DuplicateList),
        (status = 400, description = "Unknown criterion", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record visible to you", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/{kind}/{id}/duplicates")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn duplicate_list(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(String, Uuid)>,
    query: web::Query<DuplicateQuery>,
) -> ApiResult<web::Json<DuplicateList>> {
    let (kind, id) = path.into_inner();
    let kind = parse_kind(&kind)?;
    let sets = match query.criteria.as_deref().map(str::trim) {
        None | Some("") => vec![
            vec![Criterion::Phone],
            vec![Criterion::Email],
            vec![Criterion::Name],
        ],
        Some(text) => {
            let names: Vec<&str> = text.split(',').collect();
            vec![Criterion::parse_set(&names).map_err(|e| {
                ApiError::new(
                    sen_api_types::error::ErrorCode::InvalidQuery,
                    format!("criteria: {e}"),
                )
            })?]
        }
    };
    let ctx = Ctx::load(&state, auth).await?;
    let db = state.db.conn();
    let row = visible_or_404(db, &ctx, kind.as_str(), id).await?;
    let mut children = records::load_children(db, ctx.ws(), &[row.id]).await?;
    let probe = Probe::of(&row, &children.remove(&row.id).unwrap_or_default());
    let found = records::candidates(
        db,
        &ctx.viewer,
        kind.as_str(),
        &probe,
        &sets,
        &[row.id],
        LIMIT,
    )
    .await?;
    Ok(web::Json(DuplicateList {
        items: present::candidates(db, ctx.ws(), found).await?,
    }))
}
