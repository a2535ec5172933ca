//! Planning a chunk of rows — shared by the dry-run preview and the run, so a preview says
//! exactly what a run does. Each row is read, validated like a manual create, checked against
//! the earlier rows of the file (PRODUCT §7.6: a later row is handled against the first one)
//! and, with one query per criterion for the whole chunk, against the existing records the
//! importer sees; the duplicate mode then decides its outcome.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use sen_api_types::error::FieldError;
use sen_api_types::import::ImportOutcome;
use sen_api_types::record::RecordInput;
use sen_domain::import::DuplicateMode;
use sen_store::ConnectionTrait;
use sen_store::entity::record::Model;
use sen_store::repo::records::{self, Children};
use uuid::Uuid;

use super::build::build;
use super::keys::{Ident, ident, keys};
use super::matches::{Matches, match_existing};
use super::merge::merge_input;
use super::options::Resolved;
use super::settings::Settings;
use crate::error::{ApiError, ApiResult};
use crate::routes::records::context::Ctx;
use crate::routes::records::input::{Prepared, prepare_with};
use crate::routes::records::present;
use crate::sheets::RowBatch;

/// What to write for a row.
pub enum Write {
    /// Nothing.
    None,
    /// A new record.
    Create(Box<Prepared>),
    /// A changed record: its stored row before, and after.
    Update {
        /// Before.
        before: Box<(Model, Children)>,
        /// After.
        after: Box<Prepared>,
    },
}

/// One row's plan.
pub struct RowPlan {
    /// Spreadsheet row number.
    pub row_no: u64,
    /// Outcome.
    pub outcome: ImportOutcome,
    /// Record created, changed or duplicated.
    pub record_id: Option<Uuid>,
    /// Earlier row it duplicates.
    pub duplicate_of_row: Option<u64>,
    /// Fields changed by an overwrite or merge.
    pub fields: Vec<String>,
    /// Why it failed or was skipped.
    pub reasons: Vec<FieldError>,
    /// Values left empty.
    pub warnings: Vec<FieldError>,
    /// The cells as uploaded.
    pub cells: Vec<String>,
    /// Row tags to add (besides the import's).
    pub tags: Vec<String>,
    /// The write.
    pub write: Write,
}

/// A row that was read and validated.
struct Valid {
    input: RecordInput,
    given: Vec<String>,
    warnings: Vec<FieldError>,
    prepared: Prepared,
    ident: Ident,
    keys: Vec<u64>,
}

/// A row read and validated (or failed), waiting to be planned.
pub struct ReadRow {
    row_no: u64,
    cells: Vec<String>,
    valid: Result<Valid, RowPlan>,
}

impl ReadRow {
    /// Spreadsheet row number.
    pub fn row_no(&self) -> u64 {
        self.row_no
    }

    /// What the row is matched by, when it is valid.
    pub fn ident(&self) -> Option<&Ident> {
        self.valid.as_ref().ok().map(|v| &v.ident)
    }
}

/// Reads and validates rows. It neither writes nor remembers anything, so the next chunk of
/// a file can be read while the current one is planned and written.
#[derive(Clone, Copy)]
pub struct Reader<'a> {
    ctx: &'a Ctx,
    settings: &'a Settings,
    opts: &'a Resolved,
}

/// Rows read between two yields to the other work of the task.
const READ_BURST: usize = 64;

impl<'a> Reader<'a> {
    /// The reader of rows mapped by `opts` onto `settings`' kind, for `ctx`.
    pub fn new(ctx: &'a Ctx, settings: &'a Settings, opts: &'a Resolved) -> Reader<'a> {
        Reader {
            ctx,
            settings,
            opts,
        }
    }

    /// Reads and validates `rows`, in order.
    pub async fn read_rows(
        self,
        db: &impl ConnectionTrait,
        rows: RowBatch,
    ) -> ApiResult<Vec<ReadRow>> {
        let mut out = Vec::with_capacity(rows.len());
        for (i, (row_no, cells)) in rows.into_iter().enumerate() {
            if i % READ_BURST == READ_BURST - 1 {
                // Reading is CPU work: let a chunk being written send its next statement.
                tokio::task::yield_now().await;
            }
            let valid = self.read(db, row_no, &cells).await?;
            out.push(ReadRow {
                row_no,
                cells,
                valid,
            });
        }
        Ok(out)
    }

    async fn read(
        &self,
        db: &impl ConnectionTrait,
        row_no: u64,
        cells: &[String],
    ) -> ApiResult<Result<Valid, RowPlan>> {
        let built = build(self.settings, &self.opts.mapping, cells);
        let mut input = built.input.clone();
        input.tags = None;
        let prepared = prepare_with(
            db,
            self.ctx,
            self.settings.kind,
            None,
            input,
            &self.settings.lookups,
        )
        .await;
        let mut reasons = built.errors.clone();
        let prepared = match prepared {
            Ok(p) if reasons.is_empty() => p,
            Ok(_) => return Ok(Err(failed(row_no, cells, reasons, built.warnings))),
            Err(ApiError::Validation(errors)) => {
                reasons.extend(errors);
                return Ok(Err(failed(row_no, cells, reasons, built.warnings)));
            }
            Err(other) => return Err(other),
        };
        let id = Ident {
            phones: prepared
                .children
                .phones
                .iter()
                .map(|(p, _)| p.clone())
                .collect(),
            emails: prepared
                .children
                .emails
                .iter()
                .map(|(e, _)| e.clone())
                .collect(),
            name: sen_domain::value::search_key(&prepared.row.name),
        };
        let keys = keys(&id, &self.opts.criteria)
            .iter()
            .map(|k| hash(k))
            .collect();
        Ok(Ok(Valid {
            input: built.input,
            given: built.given,
            warnings: built.warnings,
            prepared,
            ident: id,
            keys,
        }))
    }
}

pub struct Planner<'a> {
    ctx: &'a Ctx,
    settings: &'a Settings,
    opts: &'a Resolved,
    dry: bool,
    /// Key hash → first row with it.
    first_row: HashMap<u64, u64>,
    /// Row → the record it ended up as (created, matched or changed).
    target: HashMap<u64, Uuid>,
}

fn hash(key: &str) -> u64 {
    let mut h = DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
}

impl<'a> Planner<'a> {
    /// A planner; `dry` for a preview (nothing is written, so no chunk is ever cut).
    pub fn new(ctx: &'a Ctx, settings: &'a Settings, opts: &'a Resolved, dry: bool) -> Self {
        Planner {
            ctx,
            settings,
            opts,
            dry,
            first_row: HashMap::new(),
            target: HashMap::new(),
        }
    }

    /// Remembers a row handled by an earlier run of this import (resuming after a crash).
    pub fn remember(&mut self, row_no: u64, cells: &[String], record: Uuid) {
        let built = build(self.settings, &self.opts.mapping, cells);
        let id = ident(&built.input, self.ctx.country);
        for k in keys(&id, &self.opts.criteria) {
            self.first_row.entry(hash(&k)).or_insert(row_no);
        }
        self.target.insert(row_no, record);
    }

    /// Plans rows already read, in order. A row that must change a record another row of
    /// this chunk creates or changes ends the chunk: it and the rows after it are returned
    /// (read), to be planned in the next chunk once this one is written.
    pub async fn plan_read(
        &mut self,
        db: &impl ConnectionTrait,
        read: Vec<ReadRow>,
    ) -> ApiResult<(Vec<RowPlan>, Vec<ReadRow>)> {
        let by = (
            self.ctx,
            self.settings.kind.as_str(),
            self.opts.criteria.as_slice(),
        );
        let matches = match_existing(db, by, &read).await?;
        self.plan_matched(db, read, matches).await
    }

    /// Plans rows already read and matched (`matches`, as [`match_existing`] gives them), in
    /// order; see [`Planner::plan_read`].
    pub async fn plan_matched(
        &mut self,
        db: &impl ConnectionTrait,
        read: Vec<ReadRow>,
        matches: Matches,
    ) -> ApiResult<(Vec<RowPlan>, Vec<ReadRow>)> {
        let mut plans = Vec::new();
        let mut touched: HashSet<Uuid> = HashSet::new();
        let mut rest = read.into_iter();
        while let Some(ReadRow {
            row_no,
            cells,
            valid,
        }) = rest.next()
        {
            let valid = match valid {
                Ok(v) => v,
                Err(failed) => {
                    plans.push(failed);
                    continue;
                }
            };
            let earlier = valid
                .keys
                .iter()
                .find_map(|k| self.first_row.get(k).copied());
            let (target, dup_row) = match earlier {
                Some(n) => (self.target.get(&n).copied(), Some(n)),
                None => (matches.get(&row_no).copied(), None),
            };
            let cut = !self.dry
                && matches!(
                    self.opts.mode,
                    DuplicateMode::Overwrite | DuplicateMode::Merge
                )
                && target.is_some_and(|t| touched.contains(&t));
            if cut {
                let mut left = vec![ReadRow {
                    row_no,
                    cells,
                    valid: Ok(valid),
                }];
                left.extend(rest);
                return Ok((plans, left));
            }
            let plan = self
                .decide(db, row_no, cells, valid, target, dup_row)
                .await?;
            if let Some(id) = plan.record_id
                && matches!(
                    plan.outcome,
                    ImportOutcome::Created | ImportOutcome::Updated | ImportOutcome::Merged
                )
            {
                touched.insert(id);
            }
            plans.push(plan);
        }
        Ok((plans, Vec::new()))
    }

    async fn decide(
        &mut self,
        db: &impl ConnectionTrait,
        row_no: u64,
        cells: Vec<String>,
        valid: Valid,
        target: Option<Uuid>,
        dup_row: Option<u64>,
    ) -> ApiResult<RowPlan> {
        let mut plan = RowPlan {
            row_no,
            outcome: ImportOutcome::Created,
            record_id: None,
            duplicate_of_row: dup_row,
            fields: Vec::new(),
            reasons: Vec::new(),
            warnings: valid.warnings.clone(),
            cells,
            tags: valid.input.tags.clone().unwrap_or_default(),
            write: Write::None,
        };
        let mode = if dup_row.is_some() || target.is_some() {
            Some(self.opts.mode)
        } else {
            None
        };
        match (mode, target) {
            (Some(DuplicateMode::Skip), _) => {
                plan.outcome = ImportOutcome::Skipped;
                plan.record_id = target;
                plan.reasons.push(match dup_row {
                    Some(n) => {
                        FieldError::new("row", "duplicate_in_file", format!("duplicate of row {n}"))
                    }
                    None => FieldError::new(
                        "row",
                        "duplicate",
                        format!(
                            "duplicate of record {}",
                            target.map(|t| t.to_string()).unwrap_or_default()
                        ),
                    ),
                });
            }
            (Some(DuplicateMode::Overwrite | DuplicateMode::Merge), Some(t)) => {
                self.change(db, &mut plan, &valid, t).await?;
            }
            _ => {
                let id = valid.prepared.row.id;
                plan.record_id = Some(id);
                plan.write = Write::Create(Box::new(valid.prepared));
            }
        }
        if dup_row.is_none() {
            for k in &valid.keys {
                self.first_row.entry(*k).or_insert(row_no);
            }
        }
        if let Some(id) = plan.record_id {
            self.target.entry(row_no).or_insert(id);
        }
        Ok(plan)
    }

    /// Overwrite or merge the existing record `t` with the row.
    async fn change(
        &self,
        db: &impl ConnectionTrait,
        plan: &mut RowPlan,
        valid: &Valid,
        t: Uuid,
    ) -> ApiResult<()> {
        let kind = self.settings.kind;
        let merge = self.opts.mode == DuplicateMode::Merge;
        plan.outcome = if merge {
            ImportOutcome::Merged
        } else {
            ImportOutcome::Updated
        };
        plan.record_id = Some(t);
        let Some(current) = records::get_visible(db, &self.ctx.viewer, kind.as_str(), t).await?
        else {
            // Created by an earlier row of this preview: not in the database yet.
            plan.fields = valid.given.clone();
            return Ok(());
        };
        let mut children = records::load_children(db, self.ctx.ws(), &[t])
            .await?
            .remove(&t)
            .unwrap_or_default();
        let (mut input, fields) = if merge {
            let shown = present::record(&current, &children);
            merge_input(&shown, &valid.input, self.ctx.country)
        } else {
            let mut input = valid.input.clone();
            input.tags = None;
            (input, valid.given.clone())
        };
        plan.fields = fields;
        // Tags are added by the writer (with the import's own), never replaced here.
        input.tags = None;
        plan.tags = valid.input.tags.clone().unwrap_or_default();
        let names = std::mem::take(&mut children.tag_names);
        match prepare_with(
            db,
            self.ctx,
            kind,
            Some((&current, &children)),
            input,
            &self.settings.lookups,
        )
        .await
        {
            Ok(after) => {
                children.tag_names = names;
                plan.write = Write::Update {
                    before: Box::new((current, children)),
                    after: Box::new(after),
                };
            }
            Err(ApiError::Validation(errors)) => {
                plan.outcome = ImportOutcome::Failed;
                plan.reasons = errors;
            }
            Err(other) => return Err(other),
        }
        Ok(())
    }
}

fn failed(
    row_no: u64,
    cells: &[String],
    reasons: Vec<FieldError>,
    warnings: Vec<FieldError>,
) -> RowPlan {
    RowPlan {
        row_no,
        outcome: ImportOutcome::Failed,
        record_id: None,
        duplicate_of_row: None,
        fields: Vec::new(),
        reasons,
        warnings,
        cells: cells.to_vec(),
        tags: Vec::new(),
        write: Write::None,
    }
}
