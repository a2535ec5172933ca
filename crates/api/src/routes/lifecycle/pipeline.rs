//! `GET /opportunities/pipeline`: the opportunities the caller sees, counted and summed per
//! stage in stage order (empty stages included), amounts per currency as exact decimals.

use std::collections::BTreeMap;

use actix_web::{get, web};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use sen_api_types::error::Problem;
use sen_api_types::lifecycle::{Pipeline, PipelineAmount, PipelineStage};
use sen_api_types::record::RecordKind;
use sen_api_types::settings::StageOutcome;
use sen_store::repo::records::Filter;
use sen_store::repo::{pipeline, statuses};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::routes::records::context::Ctx;
use crate::state::AppState;
use crate::validate::Errors;

/// The pipeline's narrowing.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PipelineQuery {
    /// Owner ids, comma-separated.
    pub owner_id: Option<String>,
    /// Owned by a member of this team.
    pub team_id: Option<Uuid>,
    /// Expected to close on or after this date (`YYYY-MM-DD` or `dd/mm/yyyy`).
    pub close_from: Option<String>,
    /// Expected to close on or before this date.
    pub close_to: Option<String>,
}

/// Per stage: how many opportunities you see and their summed amounts.
#[utoipa::path(get, path = "/api/v1/opportunities/pipeline", tag = "lifecycle", operation_id = "opportunity_pipeline",
    security(("bearer" = [])),
    params(PipelineQuery),
    responses(
        (status = 200, description = "The pipeline", body = Pipeline),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid owner id or date", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/opportunities/pipeline")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn opportunity_pipeline(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<PipelineQuery>,
) -> ApiResult<web::Json<Pipeline>> {
    let ctx = Ctx::load(&state, auth).await?;
    let db = state.db.conn();
    let q = query.into_inner();
    let mut e = Errors::default();
    let mut owner_ids = Vec::new();
    for part in q.owner_id.iter().flat_map(|s| s.split(',')) {
        match part.trim().parse::<Uuid>() {
            Ok(id) => owner_ids.push(id),
            Err(_) if part.trim().is_empty() => {}
            Err(_) => e.push(
                "owner_id",
                "invalid_id",
                "list user ids separated by commas",
            ),
        }
    }
    let close_from = date(&mut e, "close_from", q.close_from.as_deref());
    let close_to = date(&mut e, "close_to", q.close_to.as_deref());
    e.finish()?;
    let filter = Filter {
        owner_ids,
        team_id: q.team_id,
        ..Filter::default()
    };
    let totals = pipeline::totals(db, &ctx.viewer, &filter, close_from, close_to).await?;
    let mut by_stage: BTreeMap<String, (u64, BTreeMap<String, Decimal>)> = BTreeMap::new();
    for t in totals {
        let entry = by_stage.entry(t.stage).or_default();
        entry.0 += t.count;
        if let Some(total) = t.total {
            // Opportunities always get a currency; one written without counts as the default.
            let currency = t.currency.unwrap_or_else(|| "VND".into());
            let sum = entry.1.entry(currency).or_default();
            *sum = sum.checked_add(total).ok_or_else(|| {
                crate::error::ApiError::Internal(anyhow::anyhow!("pipeline total overflows"))
            })?;
        }
    }
    let mut stages = Vec::new();
    for s in statuses::list(db, ctx.ws(), RecordKind::Opportunity).await? {
        let (count, amounts) = by_stage.remove(&s.key).unwrap_or_default();
        stages.push(PipelineStage {
            stage: s.key,
            label_vi: s.label_vi,
            label_en: s.label_en,
            outcome: s.outcome.as_deref().and_then(StageOutcome::parse),
            count,
            amounts: amounts_of(amounts),
        });
    }
    // Opportunities in a stage the settings no longer have still count, after the others.
    for (stage, (count, amounts)) in by_stage {
        stages.push(PipelineStage {
            label_vi: stage.clone(),
            label_en: stage.clone(),
            stage,
            outcome: None,
            count,
            amounts: amounts_of(amounts),
        });
    }
    Ok(web::Json(Pipeline { stages }))
}

fn amounts_of(sums: BTreeMap<String, Decimal>) -> Vec<PipelineAmount> {
    sums.into_iter()
        .map(|(currency, mut total)| {
            if total.scale() < 2 {
                total.rescale(2);
            }
            PipelineAmount {
                currency,
                total: total.to_string(),
            }
        })
        .collect()
}

fn date(e: &mut Errors, field: &str, value: Option<&str>) -> Option<NaiveDate> {
    let text = value.map(str::trim).filter(|v| !v.is_empty())?;
    match sen_domain::value::parse_date(text) {
        Ok(d) => NaiveDate::from_ymd_opt(
            i32::from(d.year()),
            u32::from(d.month()),
            u32::from(d.day()),
        ),
        Err(err) => {
            e.push(field, err.code(), &err.to_string());
            None
        }
    }
}
