//! Checking a preview's or run's options against the file and the workspace: every mapping
//! entry names a column of the sheet and a field of the kind, the row range makes sense, the
//! criteria parse, and the owner, team and sharing exist. Each failure names its field.

use sen_api_types::import::ImportOptions;
use sen_api_types::record::SharingMode;
use sen_domain::import::{Criterion, DuplicateMode, FieldSpec, parse_criteria};
use sen_store::ConnectionTrait;
use sen_store::repo::{teams, users};
use uuid::Uuid;

use super::settings::Settings;
use crate::error::ApiResult;
use crate::routes::records::context::Ctx;
use crate::routes::records::present::sharing_str;
use crate::validate::Errors;

/// Who owns created records.
#[derive(Debug, Clone)]
pub enum Owner {
    /// One user.
    User(Uuid),
    /// A team's members by its rule.
    Team {
        /// The team.
        id: Uuid,
        /// Its members, in turn order.
        members: Vec<Uuid>,
        /// `round_robin` or `random`.
        random: bool,
    },
}

/// Options checked and resolved.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The chosen sheet.
    pub sheet: Option<String>,
    /// Column index → field.
    pub mapping: Vec<(usize, FieldSpec)>,
    /// First spreadsheet row.
    pub from: u64,
    /// Last spreadsheet row.
    pub to: Option<u64>,
    /// Duplicate criteria.
    pub criteria: Vec<Criterion>,
    /// Duplicate mode.
    pub mode: DuplicateMode,
    /// Tags for every row.
    pub tags: Vec<String>,
    /// Sharing mode of created records.
    pub sharing_mode: String,
    /// Teams a `team`-shared record is shared with.
    pub share_teams: Vec<Uuid>,
    /// Users a `users`-shared record is shared with.
    pub share_users: Vec<Uuid>,
    /// Owner of created records.
    pub owner: Owner,
}

/// Checks `opts` against the sheet's `headers`.
pub async fn resolve(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    settings: &Settings,
    headers: &[String],
    opts: &ImportOptions,
) -> ApiResult<Resolved> {
    let mut e = Errors::default();
    let mut mapping = Vec::new();
    if opts.mapping.is_empty() {
        e.push("mapping", "required", "map at least one column to a field");
    }
    for (header, field) in &opts.mapping {
        let path = format!("mapping.{header}");
        let Some(col) = headers.iter().position(|h| h.trim() == header.trim()) else {
            e.push(
                &path,
                "unknown_column",
                &format!("the sheet has no column {header:?}"),
            );
            continue;
        };
        match settings.field(field) {
            Some(spec) => mapping.push((col, spec.clone())),
            None => e.push(
                &path,
                "unknown_field",
                &format!("{field:?} is not a field of {}", settings.kind.plural()),
            ),
        }
    }
    let required_missing = settings.fields.iter().filter(|f| f.required).any(|f| {
        !mapping
            .iter()
            .any(|(_, m)| m.name == f.name || (f.name == "first_name" && m.name == "full_name"))
    });
    if !opts.mapping.is_empty() && required_missing {
        e.push(
            "mapping",
            "required",
            "map a column to each required field (Tên / first name, or the name)",
        );
    }
    let from = opts.row_from.unwrap_or(2);
    if from < 2 {
        e.push(
            "row_from",
            "out_of_range",
            "the header is row 1; data starts at row 2",
        );
    }
    if opts.row_to.is_some_and(|to| to < from) {
        e.push("row_to", "out_of_range", "row_to comes before row_from");
    }
    let criteria = match parse_criteria(&opts.duplicates.criteria) {
        Ok(c) => c,
        Err(msg) => {
            e.push("duplicates.criteria", "invalid_criterion", &msg);
            Vec::new()
        }
    };
    let mut tags = Vec::new();
    for (i, t) in opts.tags.iter().enumerate() {
        let clean = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if clean.is_empty() || clean.chars().count() > 60 {
            e.push(
                &format!("tags[{i}]"),
                "invalid_tag",
                "a tag has 1 to 60 characters",
            );
        } else {
            tags.push(clean);
        }
    }
    let ws = ctx.ws();
    let (mut sharing_mode, mut share_teams, mut share_users) =
        ("everyone".to_owned(), Vec::new(), Vec::new());
    if let Some(s) = &opts.sharing {
        sharing_mode = sharing_str(s.mode).to_owned();
        match s.mode {
            SharingMode::Team => {
                if s.team_ids.is_empty() {
                    e.push("sharing.team_ids", "required", "choose at least one team");
                }
                for (i, t) in s.team_ids.iter().enumerate() {
                    if teams::get(db, ws, *t).await?.is_none() {
                        e.push(
                            &format!("sharing.team_ids[{i}]"),
                            "unknown_team",
                            "no such team",
                        );
                    }
                }
                share_teams = s.team_ids.clone();
            }
            SharingMode::Users => {
                if s.user_ids.is_empty() {
                    e.push("sharing.user_ids", "required", "choose at least one user");
                }
                if users::count_existing(db, ws, &s.user_ids).await? != s.user_ids.len() as u64 {
                    e.push(
                        "sharing.user_ids",
                        "unknown_user",
                        "some ids are not users of this workspace",
                    );
                }
                share_users = s.user_ids.clone();
            }
            _ => {}
        }
    }
    let mut owner = Owner::User(ctx.auth.id);
    if let Some(a) = &opts.assign {
        match (a.user_id, a.team_id) {
            (Some(u), _) => match users::get(db, ws, u).await? {
                Some(user) if user.active => owner = Owner::User(u),
                _ => e.push(
                    "assign.user_id",
                    "unknown_user",
                    "no active user of this workspace has this id",
                ),
            },
            (None, Some(t)) => match teams::get(db, ws, t).await? {
                None => e.push("assign.team_id", "unknown_team", "no such team"),
                Some(team)
                    if !matches!(team.assignment_rule.as_str(), "round_robin" | "random") =>
                {
                    e.push(
                        "assign.team_id",
                        "no_rule",
                        "the team has no assignment rule; choose a user",
                    )
                }
                Some(team) => {
                    let members = teams::members_of(db, ws, &[t])
                        .await?
                        .remove(&t)
                        .unwrap_or_default();
                    if members.is_empty() {
                        e.push("assign.team_id", "no_members", "the team has no members");
                    }
                    owner = Owner::Team {
                        id: t,
                        members,
                        random: team.assignment_rule == "random",
                    };
                }
            },
            (None, None) => {}
        }
    }
    e.finish()?;
    Ok(Resolved {
        sheet: opts.sheet.clone(),
        mapping,
        from,
        to: opts.row_to,
        criteria,
        mode: opts.duplicates.mode,
        tags,
        sharing_mode,
        share_teams,
        share_users,
        owner,
    })
}
