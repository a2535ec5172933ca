//! One generated contact: the row and child rows the API would store for the same input,
//! built with the domain's own normalisation (names, phones, emails, search document).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::Rng;
use sen_api_types::record::Address;
use sen_domain::search::search_document;
use sen_domain::value::{
    Country, Phone, display_name, normalise_text, search_key, unique_emails, unique_phones,
};
use sen_store::entity::record::Model;
use sen_store::repo::records::{self, Children};
use uuid::Uuid;

use crate::names::{self, PersonName, one, pick};
use crate::phones;
use crate::setup::Workspace;

/// Contacts are created over three years, oldest first, ending here.
pub const START: &str = "2023-01-01T00:00:00Z";
const SPAN_DAYS: i64 = 3 * 365;

/// Where each generated contact goes and when it was made.
pub struct Plan<'a> {
    pub ws: &'a Workspace,
    pub rows: u64,
    pub start: DateTime<Utc>,
}

impl Plan<'_> {
    /// Creation time of the `i`-th contact: evenly spread, strictly increasing, jittered
    /// within its slot, microsecond precision (what both engines keep).
    fn created_at<R: Rng>(&self, rng: &mut R, i: u64) -> DateTime<Utc> {
        let span = SPAN_DAYS * 86_400_000_000;
        let slot = span / i64::try_from(self.rows.max(1)).unwrap_or(i64::MAX);
        let at = i64::try_from(i).unwrap_or(0) * slot + rng.random_range(0..slot.max(1) / 2 + 1);
        self.start + Duration::microseconds(at)
    }
}

/// The `i`-th contact.
pub fn contact<R: Rng>(rng: &mut R, plan: &Plan<'_>, i: u64) -> (Model, Children, PersonName) {
    let created_at = plan.created_at(rng, i);
    let mut row = records::blank(plan.ws.id, "contact", plan.ws.owner.user_id, created_at);
    row.id = uuid_v7(rng, created_at);
    let person = PersonName::random(rng);
    row.last_name = Some(normalise_text(&person.last_name()));
    row.first_name = Some(normalise_text(person.given));
    row.name = display_name(&person.last_name(), person.given);
    people_fields(rng, &mut row, &person);
    settings_fields(rng, plan.ws, &mut row);
    let mut ch = Children::default();
    ownership(rng, plan.ws, &mut row, &mut ch);
    if rng.random_bool(0.3) {
        let updated = created_at + Duration::seconds(rng.random_range(60..365 * 86_400));
        row.updated_at = updated.min(plan.start + Duration::days(SPAN_DAYS));
    }
    ch.phones = phone_list(rng);
    ch.emails = email_list(rng, &person, row.job_title.is_some());
    ch.tag_ids = tag_list(rng, plan.ws);
    let emails: Vec<&str> = ch.emails.iter().map(|(a, _)| a.as_str()).collect();
    let parsed: Vec<Phone> = ch
        .phones
        .iter()
        .filter_map(|(n, _)| Phone::parse(n, Country::VN).ok())
        .collect();
    let refs: Vec<&Phone> = parsed.iter().collect();
    row.search_key = search_document(&row.name, row.company_name.as_deref(), &emails, &refs);
    (row, ch, person)
}

/// A UUIDv7 of the creation time with seeded random bits: ids sort like creation times and
/// the same seed gives the same ids.
fn uuid_v7<R: Rng>(rng: &mut R, at: DateTime<Utc>) -> Uuid {
    let bytes: [u8; 10] = rng.random();
    uuid::Builder::from_unix_timestamp_millis(
        u64::try_from(at.timestamp_millis()).unwrap_or(0),
        &bytes,
    )
    .into_uuid()
}

/// Gender, birthday, job and address (contacts have no company name: they link to accounts).
fn people_fields<R: Rng>(rng: &mut R, row: &mut Model, person: &PersonName) {
    if rng.random_bool(0.6) {
        row.gender = Some(if person.female { "female" } else { "male" }.into());
    }
    if rng.random_bool(0.3) {
        let day = rng.random_range(0..43 * 365);
        row.birthday = NaiveDate::from_ymd_opt(1960, 1, 1).map(|d| d + Duration::days(day));
    }
    if rng.random_bool(0.3) {
        row.job_title = Some(normalise_text(one::<&str, _>(rng, names::JOB_TITLES)));
    }
    if rng.random_bool(0.7) {
        let city = *pick(rng, names::CITIES);
        let address = Address {
            street: Some(format!(
                "{} {}",
                rng.random_range(1..300),
                one(rng, names::STREETS)
            )),
            city: Some(city.to_owned()),
            country: Some("VN".into()),
            ..Address::default()
        };
        row.city = search_key(city);
        row.addresses = serde_json::to_value(vec![address]).unwrap_or_default();
    }
}

/// Status, source and industry, from the workspace's settings.
fn settings_fields<R: Rng>(rng: &mut R, ws: &Workspace, row: &mut Model) {
    let status = match rng.random_range(0..100) {
        0..70 => 0,
        70..95 => 1,
        _ => 2,
    };
    row.status = ws
        .statuses
        .get(status)
        .or(ws.statuses.first())
        .cloned()
        .unwrap_or_default();
    if rng.random_bool(0.85) && !ws.sources.is_empty() {
        row.source = one(rng, &ws.sources).clone();
    }
    if rng.random_bool(0.6) && !ws.industries.is_empty() {
        row.industry = one(rng, &ws.industries).clone();
    }
}

/// Owner, creator, channel and sharing: mostly `everyone`, some `private`, some `team`.
fn ownership<R: Rng>(rng: &mut R, ws: &Workspace, row: &mut Model, ch: &mut Children) {
    row.owner_id = *one(rng, &ws.sellers);
    if rng.random_bool(0.25) {
        row.created_by = ws.owner.user_id;
        row.created_via = "import".into();
    } else {
        row.created_by = row.owner_id;
    }
    match rng.random_range(0..100) {
        0..10 => row.sharing_mode = "private".into(),
        10..16 => {
            if let Some(team) = ws.team_of.get(&row.owner_id) {
                row.sharing_mode = "team".into();
                ch.share_teams = vec![*team];
            }
        }
        _ => {}
    }
}

/// 0–2 phones in mixed spellings, normalised as the API does (`unique_phones`).
fn phone_list<R: Rng>(rng: &mut R) -> Vec<(String, String)> {
    let count = match rng.random_range(0..100) {
        0..12 => 0,
        12..80 => 1,
        _ => 2,
    };
    let written: Vec<(String, Option<String>)> = (0..count).map(|_| phones::random(rng)).collect();
    let parsed = unique_phones(
        written.iter().map(|(n, l)| (n.as_str(), l.clone())),
        Country::VN,
    )
    .or_else(|_| {
        unique_phones(
            written.iter().take(1).map(|(n, l)| (n.as_str(), l.clone())),
            Country::VN,
        )
    })
    .unwrap_or_default();
    parsed
        .into_iter()
        .map(|(p, l)| (p.as_e164().to_owned(), label(l)))
        .collect()
}

/// 0–2 emails made of the folded name and digits, normalised as the API does.
fn email_list<R: Rng>(rng: &mut R, person: &PersonName, works: bool) -> Vec<(String, String)> {
    let count = match rng.random_range(0..100) {
        0..35 => 0,
        35..85 => 1,
        _ => 2,
    };
    let family = search_key(person.family).replace(' ', "");
    let given = search_key(person.given).replace(' ', "");
    let middle = search_key(&person.middle.join(" ")).replace(' ', "");
    let written: Vec<(String, Option<String>)> = (0..count)
        .map(|n| {
            let local = match rng.random_range(0..3) {
                0 => format!("{given}.{family}{}", rng.random_range(1..100)),
                1 => format!("{family}{middle}{given}{}", rng.random_range(60..100)),
                _ => format!("{given}{family}{}", rng.random_range(100..10_000)),
            };
            let domain = if n == 1 && works {
                "company.vn"
            } else {
                *pick(
                    rng,
                    &[("gmail.com", 7), ("yahoo.com", 2), ("company.vn", 1)],
                )
            };
            (
                format!("{local}@{domain}"),
                (n == 1).then(|| "công việc".to_owned()),
            )
        })
        .collect();
    let parsed = unique_emails(written.iter().map(|(a, l)| (a.as_str(), l.clone())))
        .or_else(|_| unique_emails(written.iter().take(1).map(|(a, l)| (a.as_str(), l.clone()))))
        .unwrap_or_default();
    parsed
        .into_iter()
        .map(|(e, l)| (e.as_str().to_owned(), label(l)))
        .collect()
}

/// 0–3 distinct tags, the first ones of the list more often.
fn tag_list<R: Rng>(rng: &mut R, ws: &Workspace) -> Vec<Uuid> {
    let count = match rng.random_range(0..100) {
        0..35 => 0,
        35..70 => 1,
        70..90 => 2,
        _ => 3,
    };
    let mut out: Vec<Uuid> = Vec::with_capacity(count);
    while out.len() < count.min(ws.tags.len()) {
        // Skewed: the square of a uniform draw favours low indexes.
        let u: f64 = rng.random();
        let idx = ((u * u) * ws.tags.len() as f64) as usize;
        let id = ws.tags[idx.min(ws.tags.len() - 1)].0;
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// A label as the API stores it: trimmed, empty when none.
fn label(l: Option<String>) -> String {
    l.map(|l| l.trim().to_owned()).unwrap_or_default()
}
