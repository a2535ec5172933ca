//! What every record write leaves behind: timeline events and an audit entry.

use sen_api_types::record::{Record, RecordKind};
use sen_store::ConnectionTrait;
use sen_store::repo::activities::{self, NewActivity};
use serde_json::json;

use crate::audit;
use crate::auth::AuthUser;
use crate::error::ApiResult;

/// Records the change from `before` to `after` (either may be absent) as `action`.
pub async fn record_change(
    db: &impl ConnectionTrait,
    auth: &AuthUser,
    action: &str,
    before: Option<&Record>,
    after: Option<&Record>,
) -> ApiResult<()> {
    let Some(id) = after.or(before).map(|r| r.id) else {
        return Ok(());
    };
    audit::record(db, auth, "record", action, id, before, after).await?;
    let mut events: Vec<(&str, serde_json::Value)> = Vec::new();
    match (before, after) {
        (None, Some(_)) if action == "create" => events.push(("created", json!({}))),
        (Some(b), Some(a)) if action == "update" => {
            let changed = changed_fields(b, a);
            if b.status != a.status {
                // An opportunity's status is its pipeline stage.
                let event = if a.kind == RecordKind::Opportunity {
                    "stage_changed"
                } else {
                    "status_changed"
                };
                events.push((event, json!({"from": b.status, "to": a.status})));
            }
            if b.owner_id != a.owner_id {
                events.push((
                    "owner_changed",
                    json!({"from": b.owner_id, "to": a.owner_id}),
                ));
            }
            if !changed.is_empty() {
                events.push(("updated", json!({"fields": changed})));
            }
        }
        _ => events.push((action, json!({}))),
    }
    for (event, data) in events {
        let entry = NewActivity {
            record_id: id,
            kind: "system".into(),
            event: Some(event.to_owned()),
            subject: None,
            body: None,
            data: Some(data),
            actor_id: Some(auth.id),
            occurred_at: None,
        };
        activities::add(db, auth.workspace_id, entry).await?;
    }
    Ok(())
}

/// The top-level fields whose values differ (bookkeeping fields aside).
fn changed_fields(before: &Record, after: &Record) -> Vec<String> {
    let (b, a) = (
        serde_json::to_value(before).unwrap_or_default(),
        serde_json::to_value(after).unwrap_or_default(),
    );
    let (Some(b), Some(a)) = (b.as_object(), a.as_object()) else {
        return Vec::new();
    };
    a.iter()
        .filter(|(k, v)| {
            !matches!(k.as_str(), "version" | "updated_at" | "display_name")
                && b.get(*k) != Some(*v)
        })
        .map(|(k, _)| k.clone())
        .collect()
}
