//! Who is asking, as the record queries need it: their viewer (teams, data-owner reach) and
//! their workspace's default phone country.

use sen_api_types::error::ErrorCode;
use sen_domain::kind::RecordKind;
use sen_domain::value::Country;
use sen_store::repo::records::Viewer;
use sen_store::repo::{teams, workspaces};

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// A request's view of the records.
#[derive(Clone)]
pub struct Ctx {
    /// The caller.
    pub auth: AuthUser,
    /// Their visibility.
    pub viewer: Viewer,
    /// Default country for phone numbers.
    pub country: Country,
}

impl Ctx {
    /// Loads the caller's teams and workspace.
    pub async fn load(state: &AppState, auth: AuthUser) -> ApiResult<Ctx> {
        let db = state.db.conn();
        let (teams, ws) = futures_util::future::join(
            teams::of_user(db, auth.workspace_id, auth.id),
            workspaces::get(db, auth.workspace_id),
        )
        .await;
        let teams = teams?;
        let ws = ws?.ok_or_else(|| ApiError::not_found("workspace"))?;
        let sees_all = auth.is_admin() && teams.iter().any(|t| t.data_owner);
        let viewer = Viewer {
            workspace_id: auth.workspace_id,
            user_id: auth.id,
            team_ids: teams.iter().map(|t| t.id).collect(),
            sees_all,
        };
        Ok(Ctx {
            auth,
            viewer,
            country: Country::parse(&ws.default_country).unwrap_or_default(),
        })
    }

    /// The workspace of the caller.
    pub fn ws(&self) -> uuid::Uuid {
        self.auth.workspace_id
    }
}

/// The kind named by a path segment (`leads`), or a 404 problem.
pub fn parse_kind(segment: &str) -> ApiResult<RecordKind> {
    RecordKind::parse_plural(segment).ok_or_else(|| {
        ApiError::new(ErrorCode::RouteNotFound, format!("no record kind {segment:?}; use prospects, leads, contacts, accounts or opportunities"))
    })
}
