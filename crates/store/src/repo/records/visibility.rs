//! Who sees a record (PRODUCT §5), as a query condition: the owner, the creator, everyone for
//! `everyone`, the chosen teams' members for `team`, the chosen users for `users`, and every
//! owner/admin of a data-owner team.

use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query, SelectStatement, SimpleExpr};
use sea_orm::{ColumnTrait, Condition as OrmCondition, DatabaseBackend};
use uuid::Uuid;

use crate::entity::record_share;

/// The user a query runs for.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// Their workspace; nothing outside it exists for them.
    pub workspace_id: Uuid,
    /// The user.
    pub user_id: Uuid,
    /// The teams they are a member of.
    pub team_ids: Vec<Uuid>,
    /// An owner/admin in a data-owner team sees every record of the workspace.
    pub sees_all: bool,
}

/// The condition under which the viewer sees a row of `records` (workspace included).
///
/// "Shared with me" is a set (`id IN (…)`): right where many rows are checked, as bulk
/// actions and exports do, and on PostgreSQL, which hashes the set once.
pub fn visible(viewer: &Viewer) -> OrmCondition {
    condition(viewer, Shares::Set)
}

/// [`visible`] as a list page and its total want it on `backend`. SQLite gathers an `IN (…)`
/// set before it returns the first row — every share of the viewer's teams, tens of
/// thousands at a million records — so there a correlated `EXISTS` probes the share index
/// for just the rows a page or a capped count walks. PostgreSQL keeps the hashed set.
pub fn visible_in(backend: DatabaseBackend, viewer: &Viewer) -> OrmCondition {
    condition(viewer, Shares::listed_on(backend))
}

/// [`visible`] for a statement that checks few rows — one record read by id, a page walking
/// its sort index — on `backend`: each row's shares probed through the share index.
/// PostgreSQL would otherwise hash every share of the viewer's teams before the first row
/// (30,000 at a million contacts: 6 ms of a member's 8 ms first page, against 0.06 ms
/// probing); `OFFSET 0` keeps it from turning the probe back into that hashed set.
pub fn visible_per_row(backend: DatabaseBackend, viewer: &Viewer) -> OrmCondition {
    condition(viewer, Shares::per_row(backend))
}

/// [`visible_per_row`] over the copy of the records' visibility that their tag rows carry
/// (m0014), for a total counted from the tag index alone (workspace included). Such a
/// count stops at 10,001 rows: probing the few shared ones beats hashing every share of the
/// viewer's teams first (PostgreSQL, "inactive + Webinar" for a member: 14.6 ms hashed,
/// 3.3 ms probed).
pub fn visible_tag_rows(backend: DatabaseBackend, viewer: &Viewer) -> OrmCondition {
    condition_on(TAG_ROWS, viewer, Shares::per_row(backend))
}

/// The rows visibility is checked on: a table with the records' visibility columns, and
/// the column holding the record's id.
#[derive(Clone, Copy)]
struct Rows {
    table: &'static str,
    id: &'static str,
}

const RECORDS: Rows = Rows {
    table: "records",
    id: "id",
};

const TAG_ROWS: Rows = Rows {
    table: "record_tags",
    id: "record_id",
};

impl Rows {
    fn col(self, name: &str) -> Expr {
        Expr::col((Alias::new(self.table), Alias::new(name)))
    }
}

/// How "shared with me" is checked.
#[derive(Clone, Copy)]
enum Shares {
    Set,
    Probe,
    /// A probe the planner may not rewrite as a set (PostgreSQL).
    FencedProbe,
}

impl Shares {
    /// As a list and its total check them on `backend` (see [`visible_in`]).
    fn listed_on(backend: DatabaseBackend) -> Shares {
        if backend == DatabaseBackend::Sqlite {
            Shares::Probe
        } else {
            Shares::Set
        }
    }

    /// Probed row by row on `backend` (see [`visible_per_row`]).
    fn per_row(backend: DatabaseBackend) -> Shares {
        if backend == DatabaseBackend::Postgres {
            Shares::FencedProbe
        } else {
            Shares::Probe
        }
    }
}

fn condition(viewer: &Viewer, shares: Shares) -> OrmCondition {
    condition_on(RECORDS, viewer, shares)
}

fn condition_on(rows: Rows, viewer: &Viewer, shares: Shares) -> OrmCondition {
    let ws = rows.col("workspace_id").eq(viewer.workspace_id);
    if viewer.sees_all {
        return Condition::all().add(ws);
    }
    let me = viewer.user_id;
    let shared_with = |cond: Condition| -> SimpleExpr {
        let mut sub = Query::select();
        sub.from(record_share::Entity)
            .and_where(record_share::Column::WorkspaceId.eq(viewer.workspace_id))
            .cond_where(cond);
        match shares {
            Shares::Set => rows
                .col(rows.id)
                .in_subquery(sub.column(record_share::Column::RecordId).to_owned()),
            Shares::Probe => Expr::exists(probe(sub, rows)),
            Shares::FencedProbe => Expr::exists(probe(sub, rows).offset(0).to_owned()),
        }
    };
    // Cheapest first: the engines stop at the first branch that holds.
    let mut who = Condition::any()
        .add(rows.col("sharing_mode").eq("everyone"))
        .add(rows.col("owner_id").eq(me))
        .add(rows.col("created_by").eq(me))
        .add(
            Condition::all()
                .add(rows.col("sharing_mode").eq("users"))
                .add(shared_with(
                    Condition::all().add(record_share::Column::UserId.eq(me)),
                )),
        );
    if !viewer.team_ids.is_empty() {
        who = who.add(
            Condition::all()
                .add(rows.col("sharing_mode").eq("team"))
                .add(shared_with(Condition::all().add(
                    record_share::Column::TeamId.is_in(viewer.team_ids.iter().copied()),
                ))),
        );
    }
    Condition::all().add(ws).add(who)
}

/// `sub` narrowed to the shares of the outer row's record.
fn probe(mut sub: SelectStatement, rows: Rows) -> SelectStatement {
    sub.expr(Expr::val(1))
        .and_where(
            Expr::col((record_share::Entity, record_share::Column::RecordId))
                .equals((Alias::new(rows.table), Alias::new(rows.id))),
        )
        .to_owned()
}
