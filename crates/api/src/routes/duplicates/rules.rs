//! `/settings/duplicate-rules/{kind}`: each kind's duplicate rules. Everyone reads (the app
//! warns before saving); admins replace the list.

use actix_web::{get, put, web};
use sen_api_types::duplicate::{DuplicateAction, DuplicateRule, DuplicateRules};
use sen_api_types::error::Problem;
use sen_domain::duplicate::Criterion;
use sen_store::repo::duplicate_rules::{self, Rule};

use crate::audit;
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::routes::records::context::parse_kind;
use crate::state::AppState;
use crate::validate::Errors;

/// At most this many rules per kind.
const MAX_RULES: usize = 10;

/// The duplicate rules of a kind, in order.
#[utoipa::path(get, path = "/api/v1/settings/duplicate-rules/{kind}", tag = "duplicates",
    operation_id = "duplicate_rules_get",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities", example = "contacts")),
    responses(
        (status = 200, description = "The rules", body = DuplicateRules),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record kind", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/settings/duplicate-rules/{kind}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn duplicate_rules_get(
    state: web::Data<AppState>,
    auth: AuthUser,
    kind: web::Path<String>,
) -> ApiResult<web::Json<DuplicateRules>> {
    let kind = parse_kind(&kind)?;
    let rules = duplicate_rules::list(state.db.conn(), auth.workspace_id, kind.as_str()).await?;
    Ok(web::Json(present(&rules)))
}

/// Replaces the duplicate rules of a kind.
#[utoipa::path(put, path = "/api/v1/settings/duplicate-rules/{kind}", tag = "duplicates",
    operation_id = "duplicate_rules_replace",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "prospects, leads, contacts, accounts or opportunities", example = "contacts")),
    request_body = DuplicateRules,
    responses(
        (status = 200, description = "The new rules", body = DuplicateRules),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only admins change settings", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid rules", body = Problem, content_type = "application/problem+json"),
    ))]
#[put("/settings/duplicate-rules/{kind}")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn duplicate_rules_replace(
    state: web::Data<AppState>,
    auth: AuthUser,
    kind: web::Path<String>,
    body: Json<DuplicateRules>,
) -> ApiResult<web::Json<DuplicateRules>> {
    let kind = parse_kind(&kind)?;
    auth.require_admin()?;
    let body = body.into_inner();
    let mut e = Errors::default();
    if body.rules.len() > MAX_RULES {
        e.push(
            "rules",
            "too_many",
            &format!("use at most {MAX_RULES} rules"),
        );
    }
    let mut rules: Vec<Rule> = Vec::new();
    for (i, r) in body.rules.iter().enumerate() {
        match Criterion::parse_set(&r.criteria) {
            Ok(criteria) if rules.iter().any(|o| o.criteria == criteria) => e.push(
                &format!("rules[{i}].criteria"),
                "repeated",
                "this criteria set is already a rule",
            ),
            Ok(criteria) => rules.push(Rule {
                criteria,
                block: r.action == DuplicateAction::Block,
            }),
            Err(err) => e.push(
                &format!("rules[{i}].criteria"),
                "invalid_criteria",
                &err.to_string(),
            ),
        }
    }
    e.finish()?;
    let ws = auth.workspace_id;
    let tx = state.db.begin().await?;
    let before = present(&duplicate_rules::list(&tx, ws, kind.as_str()).await?);
    duplicate_rules::replace(&tx, ws, kind.as_str(), &rules).await?;
    let after = present(&rules);
    audit::record(
        &tx,
        &auth,
        "duplicate_rules",
        "replace",
        ws,
        Some(&before),
        Some(&after),
    )
    .await?;
    sen_store::commit(tx).await?;
    Ok(web::Json(after))
}

fn present(rules: &[Rule]) -> DuplicateRules {
    DuplicateRules {
        rules: rules
            .iter()
            .map(|r| DuplicateRule {
                criteria: r.criteria.iter().map(ToString::to_string).collect(),
                action: if r.block {
                    DuplicateAction::Block
                } else {
                    DuplicateAction::Warn
                },
            })
            .collect(),
    }
}
