//! The fields that point elsewhere: owner, sharing, account and contact. A pointer to
//! something the caller cannot see is an invalid field, never a leak.

use sen_api_types::error::ErrorCode;
use sen_api_types::record::{RecordInput, SharingMode};
use sen_domain::kind::RecordKind;
use sen_store::ConnectionTrait;
use sen_store::entity::record::Model;
use sen_store::repo::records::{self, Children};
use sen_store::repo::{teams, users};
use uuid::Uuid;

use super::context::Ctx;
use super::present::{sharing_mode, sharing_str};
use crate::error::{ApiError, ApiResult};
use crate::validate::Errors;

/// Applies `owner_id`, `sharing`, `account_id` and `contact_id`.
#[allow(clippy::too_many_arguments)]
pub async fn apply(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    _kind: RecordKind,
    creating: bool,
    row: &mut Model,
    ch: &mut Children,
    input: &RecordInput,
    e: &mut Errors,
) -> ApiResult<()> {
    let ws = ctx.ws();
    if let Some(owner) = input.owner_id {
        match users::get(db, ws, owner).await? {
            Some(u) if u.active => row.owner_id = owner,
            _ => e.push(
                "owner_id",
                "unknown_user",
                "no active user of this workspace has this id",
            ),
        }
    }
    if let Some(Some(id)) = input.account_id {
        link(db, ctx, e, "account_id", RecordKind::Account, id).await?;
    }
    if let Some(v) = input.account_id {
        row.account_id = v;
    }
    if let Some(Some(id)) = input.contact_id {
        link(db, ctx, e, "contact_id", RecordKind::Contact, id).await?;
    }
    if let Some(v) = input.contact_id {
        row.contact_id = v;
    }
    if let Some(sharing) = &input.sharing {
        let changes = creating
            || sharing_mode(&row.sharing_mode) != sharing.mode
            || ch.share_teams != sharing.team_ids
            || ch.share_users != sharing.user_ids;
        // PRODUCT §5: the creator, or an owner/admin who can see the record, may change sharing.
        if changes && !creating && row.created_by != ctx.auth.id && !ctx.auth.is_admin() {
            return Err(ApiError::new(
                ErrorCode::Forbidden,
                "only the record's creator or an admin may change its sharing",
            ));
        }
        let (team_ids, user_ids) = match sharing.mode {
            SharingMode::Team => (sharing.team_ids.clone(), Vec::new()),
            SharingMode::Users => (Vec::new(), sharing.user_ids.clone()),
            _ => (Vec::new(), Vec::new()),
        };
        if sharing.mode == SharingMode::Team && team_ids.is_empty() {
            e.push(
                "sharing.team_ids",
                "required",
                "choose at least one team to share with",
            );
        }
        if sharing.mode == SharingMode::Users && user_ids.is_empty() {
            e.push(
                "sharing.user_ids",
                "required",
                "choose at least one user to share with",
            );
        }
        for (i, team) in team_ids.iter().enumerate() {
            if teams::get(db, ws, *team).await?.is_none() {
                e.push(
                    &format!("sharing.team_ids[{i}]"),
                    "unknown_team",
                    "no team of this workspace has this id",
                );
            }
        }
        if users::count_existing(db, ws, &user_ids).await? != user_ids.len() as u64 {
            e.push(
                "sharing.user_ids",
                "unknown_user",
                "some ids are not users of this workspace",
            );
        }
        row.sharing_mode = sharing_str(sharing.mode).to_owned();
        ch.share_teams = team_ids;
        ch.share_users = user_ids;
    }
    Ok(())
}

/// The linked record must be a live record of `kind` the caller sees.
async fn link(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    e: &mut Errors,
    field: &str,
    kind: RecordKind,
    id: Uuid,
) -> ApiResult<()> {
    if records::get_visible(db, &ctx.viewer, kind.as_str(), id)
        .await?
        .is_none()
    {
        e.push(
            field,
            "unknown_record",
            &format!("no {} you can see has this id", kind.as_str()),
        );
    }
    Ok(())
}
