//! Writing one planned chunk inside the chunk's transaction: new records in multi-row
//! INSERTs (`created_via = import`, owner and sharing from the options, tags, and the import
//! and row they came from), overwritten and merged records with their prior state kept for
//! undo and a timeline event each, and the outcome of every row but a created one with
//! nothing to report: its record tells it, and its "imported" timeline entry (m0020).

use std::collections::HashMap;

use rand::Rng;
use sen_api_types::import::{ImportCounts, ImportOutcome};
use sen_store::ConnectionTrait;
use sen_store::entity::import_row;
use sen_store::repo::imports::{self, Event};
use sen_store::repo::{records, tags};
use serde_json::json;
use uuid::Uuid;

use super::options::{Owner, Resolved};
use super::plan::{RowPlan, Write};
use crate::error::ApiResult;
use crate::routes::records::context::Ctx;

/// Writes `plans` of import `import_id`, adding to `counts`.
pub async fn write_chunk(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    opts: &Resolved,
    import_id: Uuid,
    plans: Vec<RowPlan>,
    counts: &mut ImportCounts,
) -> ApiResult<()> {
    let ws = ctx.ws();
    let now = sen_store::repo::now();
    let mut names: Vec<String> = opts.tags.clone();
    for p in &plans {
        names.extend(p.tags.iter().cloned());
    }
    let tag_ids: HashMap<String, Uuid> = if names.is_empty() {
        HashMap::new()
    } else {
        tags::ensure(db, ws, &names)
            .await?
            .into_iter()
            .map(|t| (t.key, t.id))
            .collect()
    };
    let ids_of = |row_tags: &[String]| -> Vec<Uuid> {
        let mut out: Vec<Uuid> = Vec::new();
        for n in opts.tags.iter().chain(row_tags) {
            if let Some(id) = tag_ids.get(&tags::key_of(n)).copied()
                && !out.contains(&id)
            {
                out.push(id);
            }
        }
        out
    };
    let creating = plans
        .iter()
        .filter(|p| matches!(p.write, Write::Create(_)))
        .count();
    let owners = owners(db, ws, &opts.owner, creating).await?;
    let mut new_rows = Vec::new();
    let mut events = Vec::new();
    let mut outcome_rows = Vec::new();
    for plan in plans {
        counts.scanned += 1;
        let row_no = i64::try_from(plan.row_no).unwrap_or(i64::MAX);
        let mut prior = None;
        let mut version_after = None;
        match plan.write {
            Write::Create(p) => {
                let mut p = *p;
                p.row.created_via = "import".into();
                if p.row.kind == "prospect" && p.row.input_source.is_none() {
                    p.row.input_source = Some("import".into());
                }
                p.row.owner_id = owners.get(new_rows.len()).copied().unwrap_or(ctx.auth.id);
                p.row.sharing_mode = opts.sharing_mode.clone();
                p.children.share_teams = opts.share_teams.clone();
                p.children.share_users = opts.share_users.clone();
                p.children.tag_ids = ids_of(&plan.tags);
                p.row.import_id = Some(import_id);
                p.row.import_row = Some(row_no);
                new_rows.push((p.row, p.children));
            }
            Write::Update { before, after } => {
                let (current, children) = *before;
                let mut after = *after;
                prior = Some(imports::snapshot(&current, &children));
                for id in ids_of(&plan.tags) {
                    if !after.children.tag_ids.contains(&id) {
                        after.children.tag_ids.push(id);
                    }
                }
                after.row.version = current.version + 1;
                after.row.updated_at = now;
                if !records::update(db, &after.row, current.version).await? {
                    return Err(
                        anyhow::anyhow!("record {} changed during the import", current.id).into(),
                    );
                }
                records::replace_children(db, ws, current.id, &after.children).await?;
                version_after = Some(after.row.version);
                let event = if plan.outcome == ImportOutcome::Merged {
                    "import_merged"
                } else {
                    "import_updated"
                };
                events.push(Event {
                    record_id: current.id,
                    event,
                    data: json!({"import_id": import_id, "row": plan.row_no, "fields": plan.fields}),
                });
            }
            Write::None => {}
        }
        match plan.outcome {
            ImportOutcome::Created => counts.created += 1,
            ImportOutcome::Updated => counts.updated += 1,
            ImportOutcome::Merged => counts.merged += 1,
            ImportOutcome::Skipped => counts.skipped += 1,
            ImportOutcome::Failed => counts.failed += 1,
        }
        let told_by_record = plan.outcome == ImportOutcome::Created
            && plan.reasons.is_empty()
            && plan.warnings.is_empty()
            && plan.fields.is_empty();
        if told_by_record {
            continue;
        }
        let keep_cells = matches!(plan.outcome, ImportOutcome::Skipped | ImportOutcome::Failed);
        outcome_rows.push(import_row::Model {
            workspace_id: ws,
            import_id,
            row_no,
            outcome: plan.outcome.as_str().into(),
            record_id: plan.record_id,
            duplicate_of_row: plan.duplicate_of_row.and_then(|n| i64::try_from(n).ok()),
            reasons: json!({"reasons": plan.reasons, "warnings": plan.warnings, "fields": plan.fields}),
            cells: keep_cells.then(|| json!(plan.cells)),
            prior,
            version_after,
        });
    }
    let started = std::time::Instant::now();
    records::insert_many(db, &new_rows).await?;
    let inserted = started.elapsed();
    imports::add_events(db, ws, ctx.auth.id, now, events).await?;
    let evented = started.elapsed();
    imports::insert_rows(db, outcome_rows).await?;
    tracing::debug!(
        records = new_rows.len(),
        records_ms = inserted.as_millis(),
        events_ms = (evented - inserted).as_millis(),
        outcomes_ms = (started.elapsed() - evented).as_millis(),
        "import chunk written"
    );
    Ok(())
}

/// The owners of the `n` records created by this chunk, in order.
async fn owners(
    db: &impl ConnectionTrait,
    ws: Uuid,
    owner: &Owner,
    n: usize,
) -> ApiResult<Vec<Uuid>> {
    Ok(match owner {
        Owner::User(u) => vec![*u; n],
        Owner::Team { members, .. } if members.is_empty() || n == 0 => Vec::new(),
        Owner::Team {
            members,
            random: true,
            ..
        } => {
            let mut rng = rand::rng();
            (0..n)
                .map(|_| members[rng.random_range(0..members.len())])
                .collect()
        }
        Owner::Team { id, members, .. } => {
            let start = imports::take_turns(db, ws, *id, i64::try_from(n).unwrap_or(0)).await?;
            let len = i64::try_from(members.len()).unwrap_or(1);
            (0..n)
                .map(|i| {
                    let turn = (start + i64::try_from(i).unwrap_or(0)).rem_euclid(len);
                    members[usize::try_from(turn).unwrap_or(0)]
                })
                .collect()
        }
    })
}
