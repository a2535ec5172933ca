//! The measured requests: first page, a deep keyset page, a filtered + sorted page, name
//! search and phone search — each a list of varied queries with what their answers must be.

use anyhow::Context;
use chrono::{DateTime, Utc};
use rand::Rng;
use sen_domain::search::search_needles;
use sen_domain::value::{Country, Phone, search_key};
use sen_store::Db;
use sen_store::repo::records::{self, Cursor, Filter};
use uuid::Uuid;

use crate::facts::Facts;
use crate::names::one;
use crate::setup::Workspace;

/// Which goal a scenario is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    /// Any page: p95 ≤ 25 ms over HTTP.
    Page,
    /// Search: p95 ≤ 30 ms on PostgreSQL, ≤ 10 ms on SQLite.
    Search,
}

/// What a correct answer looks like.
#[derive(Debug, Clone)]
pub enum Expect {
    /// Newest first; the total is everything the viewer sees.
    FirstPage,
    /// Strictly after the cursor row; `next` is the row right after it (everything visible).
    After {
        key: (DateTime<Utc>, Uuid),
        next: Option<Uuid>,
    },
    /// Every row has the status and the tag; sorted by name.
    Filtered { status: String, tag: String },
    /// Every row's search document holds every needle; at least one row for the owner.
    Names { needles: Vec<String> },
    /// The row with this phone is found (by the member only when they see it).
    Finds { id: Uuid, member_sees: bool },
}

/// One request of a scenario.
#[derive(Debug, Clone)]
pub struct Query {
    pub q: Option<String>,
    pub status: Option<String>,
    pub tag: Option<(Uuid, String)>,
    pub sort: Option<&'static str>,
    pub cursor: Option<Cursor>,
    pub expect: Expect,
}

/// Page size of every request.
pub const LIMIT: u64 = 50;

impl Query {
    fn new(expect: Expect) -> Query {
        Query {
            q: None,
            status: None,
            tag: None,
            sort: None,
            cursor: None,
            expect,
        }
    }

    /// The query string of `GET /api/v1/contacts`.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![("limit", LIMIT.to_string())];
        p.extend(self.q.clone().map(|q| ("q", q)));
        p.extend(self.status.clone().map(|s| ("status", s)));
        p.extend(self.tag.clone().map(|(_, name)| ("tag", name)));
        p.extend(self.sort.map(|s| ("sort", s.to_owned())));
        p.extend(self.cursor.as_ref().map(|c| ("cursor", c.encode())));
        p
    }

    /// The store filter the API makes of the same query string.
    pub fn filter(&self) -> Filter {
        let mut filter = Filter {
            statuses: self.status.iter().cloned().collect(),
            tags_any: self.tag.iter().map(|(id, _)| *id).collect(),
            ..Filter::default()
        };
        if let Some(q) = &self.q {
            filter.search_for(q, Country::VN);
        }
        filter
    }

    /// The sort the API applies.
    pub fn sort_text(&self) -> &'static str {
        self.sort.unwrap_or("-created_at")
    }
}

/// A named list of queries.
pub struct Scenario {
    pub name: &'static str,
    pub goal: Goal,
    pub queries: Vec<Query>,
}

/// The five scenarios, `count` queries each.
pub async fn all<R: Rng>(
    rng: &mut R,
    db: &Db,
    ws: &Workspace,
    facts: &Facts,
    count: usize,
) -> anyhow::Result<Vec<Scenario>> {
    let first = (0..count).map(|_| Query::new(Expect::FirstPage)).collect();
    let mut deep = Vec::with_capacity(count);
    for _ in 0..count {
        deep.push(deep_query(rng, db, ws, facts).await?);
    }
    let filtered = (0..count).map(|_| filtered_query(rng, ws)).collect();
    let names = (0..count).map(|i| name_query(rng, facts, i)).collect();
    let phones = (0..count)
        .map(|i| phone_query(facts, i))
        .collect::<anyhow::Result<_>>()?;
    Ok(vec![
        Scenario {
            name: "first page",
            goal: Goal::Page,
            queries: first,
        },
        Scenario {
            name: "deep keyset page (~90 %)",
            goal: Goal::Page,
            queries: deep,
        },
        Scenario {
            name: "status + tag, sort=name",
            goal: Goal::Page,
            queries: filtered,
        },
        Scenario {
            name: "name fragment search",
            goal: Goal::Search,
            queries: names,
        },
        Scenario {
            name: "phone search",
            goal: Goal::Search,
            queries: phones,
        },
    ])
}

/// A cursor 88–92 % deep into the default order (newest first), from the row read back.
async fn deep_query<R: Rng>(
    rng: &mut R,
    db: &Db,
    ws: &Workspace,
    facts: &Facts,
) -> anyhow::Result<Query> {
    let n = facts.keys.len();
    let depth = ((0.88 + 0.04 * rng.random::<f64>()) * n as f64) as usize;
    let at = n.saturating_sub(1 + depth.min(n.saturating_sub(1)));
    let (_, id) = facts.keys[at];
    let row = records::get_any(db.conn(), ws.id, id)
        .await?
        .context("the cursor row is not stored")?;
    let mut q = Query::new(Expect::After {
        key: (row.created_at, row.id),
        next: at.checked_sub(1).map(|i| facts.keys[i].1),
    });
    q.cursor = Some(Cursor {
        v: row.created_at.to_rfc3339(),
        id: row.id,
    });
    Ok(q)
}

fn filtered_query<R: Rng>(rng: &mut R, ws: &Workspace) -> Query {
    let status = ws.statuses[rng.random_range(0..ws.statuses.len().min(2))].clone();
    let tag = one(rng, &ws.tags).clone();
    let mut q = Query::new(Expect::Filtered {
        status: status.clone(),
        tag: tag.1.clone(),
    });
    q.status = Some(status);
    q.tag = Some(tag);
    q.sort = Some("name");
    q
}

/// A fragment of a real contact's name, as people type it: a few words, often unaccented.
fn name_query<R: Rng>(rng: &mut R, facts: &Facts, i: usize) -> Query {
    let p = &facts.name_samples[i % facts.name_samples.len()];
    let middle = p.middle.first().copied().unwrap_or(p.given);
    let text = match i % 6 {
        0 => format!("{} {} {}", p.family, p.middle.join(" "), p.given),
        1 => format!("{} {middle}", p.family),
        2 => format!("{} {}", p.family, p.given),
        3 => p.given.to_owned(),
        4 => format!("{} {}", p.given, p.family),
        _ => format!("{middle} {}", p.given),
    };
    let text = if rng.random_bool(0.6) {
        search_key(&text)
    } else {
        text
    };
    let mut q = Query::new(Expect::Names {
        needles: search_needles(&text, Country::VN),
    });
    q.q = Some(text);
    q
}

/// A stored number typed differently: national, `+84 …` grouped, or its pre-2018 form.
fn phone_query(facts: &Facts, i: usize) -> anyhow::Result<Query> {
    let s = &facts.phone_samples[i % facts.phone_samples.len()];
    let phone = Phone::parse(&s.e164, Country::VN).context("a stored phone does not parse")?;
    let variants = phone.search_variants();
    let text = match (i % 3, variants.get(2)) {
        (0, _) => phone.national().to_owned(),
        (2, Some(old)) => format!("{} {} {}", &old[..4], &old[4..7], &old[7..]),
        _ => phone.international().to_owned(),
    };
    let mut q = Query::new(Expect::Finds {
        id: s.id,
        member_sees: s.member_sees,
    });
    q.q = Some(text);
    Ok(q)
}
