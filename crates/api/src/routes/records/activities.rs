//! `/{kind}/{id}/activities`: a record's timeline; notes, calls and meetings are logged by hand.

use actix_web::{HttpResponse, get, post, web};
use sen_api_types::activity::{Activity, ActivityCreate, ActivityKind, ActivityList};
use sen_api_types::error::Problem;
use sen_store::entity::activity::Model;
use sen_store::repo::activities::{self, NewActivity};
use sen_store::repo::lifecycle;
use uuid::Uuid;

use super::context::{Ctx, parse_kind};
use super::fields::{opt_long_text, opt_text};
use super::read::visible_or_404;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::AppState;
use crate::validate::Errors;

fn present(m: Model) -> Activity {
    let kind = match m.kind.as_str() {
        "note" => ActivityKind::Note,
        "call" => ActivityKind::Call,
        "meeting" => ActivityKind::Meeting,
        _ => ActivityKind::System,
    };
    Activity {
        id: m.id,
        record_id: m.record_id,
        kind,
        event: m.event,
        subject: m.subject,
        body: m.body,
        data: m.data,
        actor_id: m.actor_id,
        occurred_at: m.occurred_at,
    }
}

/// A record's timeline, newest first.
#[utoipa::path(get, path = "/api/v1/{kind}/{id}/activities", tag = "records", operation_id = "activity_list",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities"),
           ("id" = Uuid, Path, description = "Record id")),
    responses(
        (status = 200, description = "The timeline", body = ActivityList),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record visible to you", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/{kind}/{id}/activities")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn activity_list(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(String, Uuid)>,
) -> ApiResult<web::Json<ActivityList>> {
    let (kind, id) = path.into_inner();
    let kind = parse_kind(&kind)?;
    let ctx = Ctx::load(&state, auth).await?;
    visible_or_404(state.db.conn(), &ctx, kind.as_str(), id).await?;
    // A converted record's history goes on in what it became: a lead's timeline shows its
    // prospect's entries, a contact's its lead's (each entry keeps its own `record_id`).
    let ids = lifecycle::timeline_ids(state.db.conn(), ctx.ws(), id).await?;
    let items = activities::for_records(state.db.conn(), ctx.ws(), &ids, 500)
        .await?
        .into_iter()
        .map(present)
        .collect();
    Ok(web::Json(ActivityList { items }))
}

/// Logs a note, call or meeting.
#[utoipa::path(post, path = "/api/v1/{kind}/{id}/activities", tag = "records", operation_id = "activity_create",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities"),
           ("id" = Uuid, Path, description = "Record id")),
    request_body = ActivityCreate,
    responses(
        (status = 201, description = "Logged", body = Activity),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record visible to you", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/{kind}/{id}/activities")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn activity_create(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(String, Uuid)>,
    body: Json<ActivityCreate>,
) -> ApiResult<HttpResponse> {
    let (kind, id) = path.into_inner();
    let kind = parse_kind(&kind)?;
    let ctx = Ctx::load(&state, auth).await?;
    visible_or_404(state.db.conn(), &ctx, kind.as_str(), id).await?;
    let req = body.into_inner();
    let word = match req.kind {
        ActivityKind::Note => "note",
        ActivityKind::Call => "call",
        ActivityKind::Meeting => "meeting",
        ActivityKind::System => {
            return Err(ApiError::field(
                "kind",
                "invalid_option",
                "log a note, call or meeting",
            ));
        }
    };
    let mut e = Errors::default();
    let subject = opt_text(&mut e, "subject", req.subject, 200);
    let body = opt_long_text(&mut e, "body", req.body, 20_000);
    if subject.is_none() && body.is_none() {
        e.push("body", "required", "write a subject or a body");
    }
    e.finish()?;
    let entry = NewActivity {
        record_id: id,
        kind: word.into(),
        event: None,
        subject,
        body,
        data: None,
        actor_id: Some(ctx.auth.id),
        occurred_at: req.occurred_at,
    };
    let row = activities::add(state.db.conn(), ctx.ws(), entry).await?;
    Ok(HttpResponse::Created().json(present(row)))
}
