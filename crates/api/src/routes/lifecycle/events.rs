//! What a conversion leaves on every record involved: a `converted` timeline event carrying the
//! same details everywhere (which records took part), and an audit entry.

use sen_api_types::record::Record;
use sen_store::ConnectionTrait;
use sen_store::repo::activities::{self, NewActivity};
use serde_json::Value;
use uuid::Uuid;

use crate::audit;
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::routes::records::events::record_change;

/// Adds the `converted` event to a record's timeline.
async fn converted_event(
    db: &impl ConnectionTrait,
    auth: &AuthUser,
    record_id: Uuid,
    data: &Value,
) -> ApiResult<()> {
    let entry = NewActivity {
        record_id,
        kind: "system".into(),
        event: Some("converted".into()),
        subject: None,
        body: None,
        data: Some(data.clone()),
        actor_id: Some(auth.id),
        occurred_at: None,
    };
    activities::add(db, auth.workspace_id, entry).await?;
    Ok(())
}

/// The converted prospect or lead: audited as `convert`, with its `converted` event.
pub async fn source(
    db: &impl ConnectionTrait,
    auth: &AuthUser,
    before: &Record,
    after: &Record,
    data: &Value,
) -> ApiResult<()> {
    audit::record(
        db,
        auth,
        "record",
        "convert",
        after.id,
        Some(before),
        Some(after),
    )
    .await?;
    converted_event(db, auth, after.id, data).await
}

/// A record the conversion created: `created` as any create, then `converted`.
pub async fn created(
    db: &impl ConnectionTrait,
    auth: &AuthUser,
    record: &Record,
    data: &Value,
) -> ApiResult<()> {
    record_change(db, auth, "create", None, Some(record)).await?;
    converted_event(db, auth, record.id, data).await
}

/// An existing record the conversion used: an update when it filled something in (audited,
/// with its `updated` event), else an audit entry of the conversion; then `converted`.
pub async fn used(
    db: &impl ConnectionTrait,
    auth: &AuthUser,
    before: &Record,
    after: &Record,
    data: &Value,
) -> ApiResult<()> {
    if before == after {
        audit::record(
            db,
            auth,
            "record",
            "convert",
            after.id,
            Some(before),
            Some(after),
        )
        .await?;
    } else {
        record_change(db, auth, "update", Some(before), Some(after)).await?;
    }
    converted_event(db, auth, after.id, data).await
}
