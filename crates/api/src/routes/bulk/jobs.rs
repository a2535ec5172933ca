//! `GET /jobs/{id}`: a background job's progress and outcome.

use actix_web::{get, web};
use sen_api_types::bulk::{Job, JobState};
use sen_api_types::error::Problem;
use sen_store::entity::job::Model;
use sen_store::repo::jobs;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// A job of your workspace.
#[utoipa::path(get, path = "/api/v1/jobs/{id}", tag = "bulk", operation_id = "job_get",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Job id")),
    responses(
        (status = 200, description = "The job", body = Job),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such job of yours (admins see every job of the workspace)", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/jobs/{id}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn job_get(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<Uuid>,
) -> ApiResult<web::Json<Job>> {
    // A job's result may list records only its starter sees: theirs (and admins') alone.
    let row = jobs::get(state.db.conn(), auth.workspace_id, path.into_inner())
        .await?
        .filter(|j| j.created_by == auth.id || auth.is_admin())
        .ok_or_else(|| ApiError::not_found("job"))?;
    Ok(web::Json(present(row)))
}

fn present(row: Model) -> Job {
    let state = match row.state.as_str() {
        jobs::RUNNING => JobState::Running,
        jobs::DONE => JobState::Done,
        jobs::FAILED => JobState::Failed,
        _ => JobState::Queued,
    };
    Job {
        id: row.id,
        kind: row.kind,
        state,
        progress: row.progress,
        counts: row.counts,
        result: row.result,
        error: row.error,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}
