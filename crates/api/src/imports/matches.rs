//! Matching a chunk's rows against the existing records the importer sees: one query per
//! criterion for the whole chunk. A run in `skip` or `create` mode matches each chunk ahead,
//! on the reading thread and on a snapshot of its own, while the chunk before is written;
//! the writer takes those matches only when no other import committed a chunk in the
//! workspace since that snapshot (`import_writes`, m0019), and matches again under the lock
//! otherwise.
//!
//! Why that is enough: the run's own earlier chunks are found through the rows it remembers
//! (a later row is handled against the first one, whatever the database says), and in these
//! modes a run only adds records, never changes the keys of one. Any other write that lands
//! between the snapshot and the chunk's commit is as if it had come after the commit; only
//! another import, which also dedupes against this one, must be seen.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sen_domain::import::{Criterion, DuplicateMode};
use sen_store::repo::imports::{self, Candidate};
use sen_store::{ConnectionTrait, DatabaseConnection};
use uuid::Uuid;

use super::keys::Ident;
use super::options::Resolved;
use super::plan::ReadRow;
use super::read_ahead::MatchAhead;
use crate::error::ApiResult;
use crate::routes::records::context::Ctx;

/// Row number → the oldest visible record the row duplicates by some criterion.
pub type Matches = HashMap<u64, Uuid>;

/// A chunk's matches, taken ahead on a snapshot.
pub struct Matched {
    /// `import_writes` in that snapshot.
    pub writes_seen: i64,
    /// The matches.
    pub matches: Matches,
}

impl Matched {
    /// Whether these matches still hold for a chunk written after `before` import chunks of
    /// the workspace, `ours` (ascending) being the counts this run's own commits reached.
    pub fn holds(&self, before: i64, ours: &[i64]) -> bool {
        let since = ours
            .iter()
            .filter(|&&c| c > self.writes_seen && c <= before)
            .count();
        i64::try_from(since).is_ok_and(|n| n == before - self.writes_seen)
    }
}

/// Which chunks a run with these options matches ahead: all in `skip` and `create` mode,
/// none in the others (see the module note).
pub fn matches_ahead(opts: &Resolved) -> MatchAhead {
    if matches!(opts.mode, DuplicateMode::Skip | DuplicateMode::Create) {
        MatchAhead::Always
    } else {
        MatchAhead::Never
    }
}

/// `read`'s matches on a snapshot of `db` taken now, with the import chunks it had seen.
pub async fn match_on_snapshot(
    db: &DatabaseConnection,
    (ctx, kind, criteria): (&Ctx, &str, &[Criterion]),
    read: &[ReadRow],
) -> ApiResult<Matched> {
    let tx = sen_store::begin_snapshot(db).await?;
    let writes_seen = imports::import_writes(&tx, ctx.ws()).await?;
    let matches = match_existing(&tx, (ctx, kind, criteria), read).await?;
    sen_store::rollback(tx).await?;
    Ok(Matched {
        writes_seen,
        matches,
    })
}

/// For each valid row of `read`, the oldest record of `kind` visible to `ctx` that it
/// duplicates by some criterion.
pub async fn match_existing(
    db: &impl ConnectionTrait,
    (ctx, kind, criteria): (&Ctx, &str, &[Criterion]),
    read: &[ReadRow],
) -> ApiResult<Matches> {
    let mut out = HashMap::new();
    if criteria.is_empty() {
        return Ok(out);
    }
    let valid: Vec<(u64, &Ident)> = read
        .iter()
        .filter_map(|r| r.ident().map(|i| (r.row_no(), i)))
        .collect();
    let viewer = &ctx.viewer;
    let want = |f: fn(&Criterion) -> bool| criteria.iter().any(f);
    let collect = |f: fn(&Ident) -> Vec<String>| {
        let mut v: Vec<String> = valid.iter().flat_map(|(_, i)| f(i)).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let phones = if want(|c| c.phone) {
        imports::by_phones(db, viewer, kind, &collect(|i| i.phones.clone())).await?
    } else {
        Vec::new()
    };
    let emails = if want(|c| c.email) {
        imports::by_emails(db, viewer, kind, &collect(|i| i.emails.clone())).await?
    } else {
        Vec::new()
    };
    let names = if want(|c| c.name) {
        let list = collect(|i| {
            (!i.name.is_empty())
                .then(|| i.name.clone())
                .into_iter()
                .collect()
        });
        imports::by_names(db, viewer, kind, &list).await?
    } else {
        Vec::new()
    };
    let (phones, emails, names) = (index(&phones), index(&emails), index(&names));
    for (row_no, id) in valid {
        let mut best: Option<(DateTime<Utc>, Uuid)> = None;
        for c in criteria {
            let mut sets: Vec<HashSet<(DateTime<Utc>, Uuid)>> = Vec::new();
            if c.phone {
                sets.push(hits(&phones, &id.phones));
            }
            if c.email {
                sets.push(hits(&emails, &id.emails));
            }
            if c.name {
                sets.push(hits(&names, std::slice::from_ref(&id.name)));
            }
            let Some((first, others)) = sets.split_first() else {
                continue;
            };
            let both = first
                .iter()
                .filter(|r| others.iter().all(|s| s.contains(r)));
            if let Some(m) = both.min() {
                best = Some(best.map_or(*m, |b| b.min(*m)));
            }
        }
        if let Some((_, record)) = best {
            out.insert(row_no, record);
        }
    }
    Ok(out)
}

/// Candidates by key, each with its record's creation time (the oldest wins).
type Index = HashMap<String, Vec<(DateTime<Utc>, Uuid)>>;

/// The candidates of any of `keys`.
fn hits(index: &Index, keys: &[String]) -> HashSet<(DateTime<Utc>, Uuid)> {
    keys.iter()
        .flat_map(|k| index.get(k).into_iter().flatten().copied())
        .collect()
}

/// Candidates by key (see [`Index`]).
fn index(cands: &[Candidate]) -> Index {
    let mut m: Index = HashMap::new();
    for c in cands {
        m.entry(c.key.clone())
            .or_default()
            .push((c.created_at, c.id));
    }
    m
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::Matched;

    fn seen(n: i64) -> Matched {
        Matched {
            writes_seen: n,
            matches: HashMap::new(),
        }
    }

    #[test]
    fn matches_hold_while_only_this_run_committed() {
        // Nothing committed since the snapshot.
        assert!(seen(7).holds(7, &[3, 5]));
        // This run's chunk committed after it, then another.
        assert!(seen(7).holds(8, &[5, 8]));
        assert!(seen(7).holds(9, &[5, 8, 9]));
    }

    #[test]
    fn matches_are_stale_once_another_import_committed() {
        // Another import's chunk (8) since the snapshot.
        assert!(!seen(7).holds(8, &[5, 7]));
        // Ours (8), then another's (9).
        assert!(!seen(7).holds(9, &[5, 8]));
        // Another's (8), then ours (9).
        assert!(!seen(7).holds(9, &[9]));
    }
}
