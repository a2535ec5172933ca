//! `--check`: the answers must be right, not only fast. Each check returns what was wrong.

use sen_api_types::record::{Record, RecordPage, SharingMode};
use sen_domain::search::search_document;
use sen_domain::value::{Country, Phone};
use uuid::Uuid;

use crate::facts::Facts;
use crate::scenarios::{Expect, LIMIT};
use crate::setup::Workspace;

/// Whose answer is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Owner,
    Member,
}

impl Who {
    pub fn name(self) -> &'static str {
        match self {
            Who::Owner => "owner",
            Who::Member => "member",
        }
    }
}

/// What the checks compare against.
pub struct Oracle<'a> {
    pub ws: &'a Workspace,
    pub facts: &'a Facts,
}

impl Oracle<'_> {
    /// Problems with `page`, the answer to a query expecting `expect`, seen by `who`.
    pub fn check(&self, who: Who, expect: &Expect, page: &RecordPage) -> Vec<String> {
        let mut bad = Vec::new();
        let unseen = page.items.iter().find(|r| !self.member_sees(r));
        if let (Who::Member, Some(r)) = (who, unseen) {
            bad.push(format!("the member got {} which they may not see", r.id));
        }
        match expect {
            Expect::FirstPage => self.first_page(who, page, &mut bad),
            Expect::After { key, next } => {
                newest_first(page, &mut bad);
                match page.items.first() {
                    Some(r) if (r.created_at, r.id) >= *key => {
                        bad.push(format!("{} is not after the cursor", r.id))
                    }
                    Some(r) if who == Who::Owner && Some(r.id) != *next => {
                        bad.push(format!("the page starts at {}, not at {next:?}", r.id));
                    }
                    None if next.is_some() => bad.push("the deep page is empty".into()),
                    _ => {}
                }
            }
            Expect::Filtered { status, tag } => {
                if let Some(r) = page
                    .items
                    .iter()
                    .find(|r| r.status != *status || !r.tags.contains(tag))
                {
                    bad.push(format!(
                        "{} has status {} and tags {:?}",
                        r.id, r.status, r.tags
                    ));
                }
                if page
                    .items
                    .windows(2)
                    .any(|w| (&w[0].name, w[0].id) > (&w[1].name, w[1].id))
                {
                    bad.push("not sorted by name".into());
                }
            }
            Expect::Names { needles } => {
                if let Some(r) = page
                    .items
                    .iter()
                    .find(|r| !needles.iter().all(|n| document(r).contains(n.as_str())))
                {
                    bad.push(format!(
                        "{} ({}) lacks one of {needles:?}",
                        r.id, r.display_name
                    ));
                }
                if who == Who::Owner && page.items.is_empty() {
                    bad.push(format!("nothing found for {needles:?}"));
                }
            }
            Expect::Finds { id, member_sees } => {
                let found = page.items.iter().any(|r| r.id == *id);
                if found != (who == Who::Owner || *member_sees) {
                    bad.push(format!("{id} found: {found}"));
                }
            }
        }
        bad
    }

    fn first_page(&self, who: Who, page: &RecordPage, bad: &mut Vec<String>) {
        newest_first(page, bad);
        let expected = match who {
            Who::Owner => self.facts.keys.len() as u64,
            Who::Member => self.facts.member_sees,
        };
        if page.items.len() as u64 != expected.min(LIMIT) {
            bad.push(format!(
                "{} items, expected {}",
                page.items.len(),
                expected.min(LIMIT)
            ));
        }
        if who == Who::Owner
            && page.items.first().map(|r| r.id) != self.facts.keys.last().map(|k| k.1)
        {
            bad.push("the first item is not the newest contact".into());
        }
        let plausible = if page.total_is_estimate {
            // PostgreSQL's planner estimate beyond the exact limit: right order of magnitude.
            page.total > 10_000 && page.total <= expected * 2 && page.total * 2 >= expected
        } else {
            page.total == expected
        };
        if !plausible {
            bad.push(format!(
                "total {} (estimate: {}), expected {expected}",
                page.total, page.total_is_estimate
            ));
        }
    }

    /// PRODUCT §5 for the plain member, on the record as the API shows it.
    fn member_sees(&self, r: &Record) -> bool {
        let me = self.ws.member.user_id;
        let team = self.ws.team_of.get(&me);
        r.owner_id == me
            || r.created_by == me
            || r.sharing.mode == SharingMode::Everyone
            || (r.sharing.mode == SharingMode::Team
                && r.sharing.team_ids.iter().any(|t| Some(t) == team))
            || (r.sharing.mode == SharingMode::Users && r.sharing.user_ids.contains(&me))
    }
}

/// Strictly newest first by `(created_at, id)`.
fn newest_first(page: &RecordPage, bad: &mut Vec<String>) {
    if page
        .items
        .windows(2)
        .any(|w| (w[0].created_at, w[0].id) <= (w[1].created_at, w[1].id))
    {
        bad.push("not sorted newest first".into());
    }
}

/// The search document of a record as the API shows it.
fn document(r: &Record) -> String {
    let emails: Vec<&str> = r.emails.iter().map(|e| e.address.as_str()).collect();
    let phones: Vec<Phone> = r
        .phones
        .iter()
        .filter_map(|p| Phone::parse(&p.number, Country::VN).ok())
        .collect();
    let refs: Vec<&Phone> = phones.iter().collect();
    search_document(&r.display_name, r.company_name.as_deref(), &emails, &refs)
}

/// The ids of a page, to compare the HTTP answer with the store's.
pub fn ids(page: &RecordPage) -> Vec<Uuid> {
    page.items.iter().map(|r| r.id).collect()
}
