//! The workspace the contacts live in, made the way users make it: sign-up (which seeds the
//! statuses and picklists), users and teams over HTTP; the tags through the store.

use std::collections::HashMap;

use anyhow::Context;
use rand::Rng;
use sen_domain::kind::RecordKind;
use sen_store::Db;
use sen_store::repo::{picklists, statuses, tags};
use serde_json::json;
use uuid::Uuid;

use crate::client::{Http, text};
use crate::names::{PersonName, TAGS};

const PASSWORD: &str = "mật khẩu thật dài";
/// Sales users besides the owner; the first two are admins.
const SELLERS: usize = 20;

/// A logged-in user.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    pub user_id: Uuid,
    /// Owner or admin (a data-owner team makes such a user see everything).
    pub admin: bool,
}

/// Everything the generator and the scenarios need to know about the workspace.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub id: Uuid,
    /// The workspace owner, in the data-owner team: sees every record.
    pub owner: Session,
    /// A plain member of the northern sales team: sees part of the records.
    pub member: Session,
    /// Users who own records (the sellers).
    pub sellers: Vec<Uuid>,
    /// Each seller's sales team.
    pub team_of: HashMap<Uuid, Uuid>,
    /// `(id, name)` of the workspace's tags.
    pub tags: Vec<(Uuid, String)>,
    /// Contact status keys, default first.
    pub statuses: Vec<String>,
    /// `source` picklist keys.
    pub sources: Vec<String>,
    /// `industry` picklist keys.
    pub industries: Vec<String>,
}

/// Signs up, adds the sellers and the teams, creates the tags and reads the settings back.
pub async fn workspace<R: Rng>(http: &Http, db: &Db, rng: &mut R) -> anyhow::Result<Workspace> {
    let signup = http
        .post(
            "/api/v1/auth/signup",
            None,
            &json!({
                "workspace_name": "Công ty TNHH Sen Việt", "name": "Nguyễn Thị Hoa",
                "email": "chu@sen-bench.vn", "password": PASSWORD,
            }),
        )
        .await?;
    let owner = Session {
        token: text(&signup, "/tokens/access_token")?.to_owned(),
        user_id: text(&signup, "/user/id")?.parse()?,
        admin: true,
    };
    let ws: Uuid = text(&signup, "/workspace/id")?.parse()?;
    let mut sellers = Vec::with_capacity(SELLERS);
    for i in 0..SELLERS {
        let p = PersonName::random(rng);
        let body = json!({
            "email": format!("sale{i:02}@sen-bench.vn"), "name": format!("{} {}", p.last_name(), p.given),
            "role": if i < 2 { "admin" } else { "member" }, "password": PASSWORD,
        });
        let user = http
            .post("/api/v1/users", Some(&owner.token), &body)
            .await?;
        sellers.push(text(&user, "/id")?.parse::<Uuid>()?);
    }
    let (north, south) = sellers.split_at(SELLERS / 2);
    let mut team_of = HashMap::new();
    for (name, data_owner, members) in [
        ("Ban giám đốc", true, vec![owner.user_id]),
        ("Kinh doanh miền Bắc", false, north.to_vec()),
        ("Kinh doanh miền Nam", false, south.to_vec()),
    ] {
        let body = json!({"name": name, "data_owner": data_owner, "member_ids": members});
        let team: Uuid = text(
            &http
                .post("/api/v1/teams", Some(&owner.token), &body)
                .await?,
            "/id",
        )?
        .parse()?;
        if !data_owner {
            team_of.extend(members.iter().map(|m| (*m, team)));
        }
    }
    // A plain member of the northern team (the first two sellers are admins).
    let login = http
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"email": "sale03@sen-bench.vn", "password": PASSWORD}),
        )
        .await?;
    let member = Session {
        token: text(&login, "/access_token")?.to_owned(),
        user_id: sellers[3],
        admin: false,
    };
    let names: Vec<String> = TAGS.iter().map(|t| (*t).to_owned()).collect();
    let conn = db.conn();
    let tags = tags::ensure(conn, ws, &names)
        .await
        .context("creating the tags")?;
    let keys = |rows: Vec<sen_store::entity::picklist_value::Model>| {
        rows.into_iter().map(|r| r.key).collect()
    };
    Ok(Workspace {
        id: ws,
        owner,
        member,
        sellers,
        team_of,
        tags: tags.into_iter().map(|t| (t.id, t.name)).collect(),
        statuses: statuses::list(conn, ws, RecordKind::Contact)
            .await?
            .into_iter()
            .map(|s| s.key)
            .collect(),
        sources: keys(picklists::list(conn, ws, "source").await?),
        industries: keys(picklists::list(conn, ws, "industry").await?),
    })
}
