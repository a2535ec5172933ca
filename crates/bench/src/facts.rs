//! What the generator remembers about the data it made, so the scenarios can aim at real
//! rows and the checks know the right answers.

use chrono::{DateTime, Utc};
use rand::Rng;
use sen_store::entity::record::Model;
use sen_store::repo::records::Children;
use uuid::Uuid;

use crate::names::PersonName;
use crate::setup::Workspace;

/// How many phones and names are kept as search targets.
const SAMPLES: usize = 512;

/// A phone number of a generated contact.
#[derive(Debug, Clone)]
pub struct PhoneSample {
    pub id: Uuid,
    pub e164: String,
    pub member_sees: bool,
}

/// Facts about the generated contacts.
#[derive(Debug, Default)]
pub struct Facts {
    /// `(created_at, id)` of every contact, ascending (the generation order).
    pub keys: Vec<(DateTime<Utc>, Uuid)>,
    /// How many of them the plain member sees.
    pub member_sees: u64,
    /// Phones, emails, tags and shares written.
    pub phones: u64,
    pub emails: u64,
    pub tags: u64,
    pub shares: u64,
    /// A uniform sample of phones, to search for.
    pub phone_samples: Vec<PhoneSample>,
    /// A uniform sample of people's names, to search for.
    pub name_samples: Vec<PersonName>,
}

/// PRODUCT §5 for the plain member, computed on the generated rows: the oracle the member's
/// totals are checked against.
pub fn member_sees(ws: &Workspace, row: &Model, ch: &Children) -> bool {
    let me = ws.member.user_id;
    let my_team = ws.team_of.get(&me);
    row.owner_id == me
        || row.created_by == me
        || row.sharing_mode == "everyone"
        || (row.sharing_mode == "team" && ch.share_teams.iter().any(|t| Some(t) == my_team))
        || (row.sharing_mode == "users" && ch.share_users.contains(&me))
}

impl Facts {
    /// Takes note of the `n`-th contact (`rng` drives the sampling only).
    pub fn note<R: Rng>(
        &mut self,
        rng: &mut R,
        ws: &Workspace,
        row: &Model,
        ch: &Children,
        person: PersonName,
    ) {
        let sees = member_sees(ws, row, ch);
        self.keys.push((row.created_at, row.id));
        self.member_sees += u64::from(sees);
        self.phones += ch.phones.len() as u64;
        self.emails += ch.emails.len() as u64;
        self.tags += ch.tag_ids.len() as u64;
        self.shares += (ch.share_teams.len() + ch.share_users.len()) as u64;
        let seen = self.keys.len();
        if let Some((e164, _)) = ch.phones.first() {
            let sample = PhoneSample {
                id: row.id,
                e164: e164.clone(),
                member_sees: sees,
            };
            reservoir(rng, &mut self.phone_samples, seen, sample);
        }
        reservoir(rng, &mut self.name_samples, seen, person);
    }
}

/// Reservoir sampling: after `seen` offers, every item offered so far is kept with the same
/// probability.
fn reservoir<T, R: Rng>(rng: &mut R, kept: &mut Vec<T>, seen: usize, item: T) {
    if kept.len() < SAMPLES {
        kept.push(item);
    } else {
        let slot = rng.random_range(0..seen.max(1));
        if slot < SAMPLES {
            kept[slot] = item;
        }
    }
}
