//! The pipeline's rules on an opportunity's stage, applied wherever an opportunity is created
//! or changed (`prepare`): a lost stage needs a lost reason from the picklist; moving to a won
//! or lost stage stamps `closed_at`, moving back to an open stage clears it (and the reason).

use sen_domain::kind::RecordKind;
use sen_domain::lifecycle::{ClosedAt, Outcome, stage_move};
use sen_store::ConnectionTrait;
use sen_store::entity::record::Model;
use sen_store::repo::{now, statuses};
use uuid::Uuid;

use crate::error::ApiResult;
use crate::validate::Errors;

/// Applies the stage rules to `row` (an opportunity; `before` is it as stored, none when
/// creating). `lost_reason_sent`: none when the input left `lost_reason` alone, `Some(false)`
/// when it cleared it, `Some(true)` when it gave a value (an invalid one is reported already).
pub async fn apply(
    db: &impl ConnectionTrait,
    ws: Uuid,
    before: Option<&Model>,
    lost_reason_sent: Option<bool>,
    row: &mut Model,
    e: &mut Errors,
) -> ApiResult<()> {
    let Some(to) = outcome(db, ws, &row.status).await? else {
        // Not a stage of this workspace: `prepare` reported it.
        return Ok(());
    };
    let from = match before {
        Some(b) => outcome(db, ws, &b.status).await?,
        None => None,
    };
    let moved = before.is_none_or(|b| b.status != row.status);
    let m = stage_move(from, moved, to, row.closed_at.is_some());
    match m.closed_at {
        ClosedAt::Stamp => row.closed_at = Some(now()),
        ClosedAt::Clear => row.closed_at = None,
        ClosedAt::Keep => {}
    }
    if m.clear_lost_reason && lost_reason_sent.is_none() {
        row.lost_reason = None;
    }
    if m.lost_reason_required && row.lost_reason.is_none() && lost_reason_sent != Some(true) {
        e.push(
            "lost_reason",
            "required",
            "say why the opportunity was lost: a value of the lost_reason list",
        );
    }
    Ok(())
}

async fn outcome(db: &impl ConnectionTrait, ws: Uuid, key: &str) -> ApiResult<Option<Outcome>> {
    if key.is_empty() {
        return Ok(None);
    }
    Ok(statuses::get(db, ws, RecordKind::Opportunity, key)
        .await?
        .and_then(|s| s.outcome.as_deref().and_then(Outcome::parse)))
}
