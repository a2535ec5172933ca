//! Writes an audit entry for a change made by the acting user.

use sen_store::ConnectionTrait;
use sen_store::repo::audit::{self, AuditEntry};
use serde::Serialize;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::convert::audit_json;
use crate::error::ApiResult;

/// Records that `auth` did `action` to the `entity` row `id`, with its API shape before/after.
pub async fn record<T: Serialize>(
    db: &impl ConnectionTrait,
    auth: &AuthUser,
    entity: &str,
    action: &str,
    id: Uuid,
    before: Option<&T>,
    after: Option<&T>,
) -> ApiResult<()> {
    let entry = AuditEntry {
        workspace_id: auth.workspace_id,
        actor_id: Some(auth.id),
        action,
        entity,
        entity_id: id,
        before: before.and_then(audit_json),
        after: after.and_then(audit_json),
    };
    audit::record(db, entry).await?;
    Ok(())
}
