//! Spreading a chunk of records over a team's members.
//!
//! Round robin is fair across concurrent operations: the chunk takes `n` consecutive turns by
//! advancing the team's cursor in one statement (`UPDATE teams SET rr_cursor = rr_cursor + n
//! … RETURNING rr_cursor`), which row-locks the team on PostgreSQL until commit (SQLite
//! serialises writers anyway), so two operations get disjoint consecutive ranges of turns.
//! The i-th logged row (id order) goes to member `(start + i) % members`.

use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Expr, ExprTrait, Query};

use super::select::Bounds;
use super::sql::{exec, random_below};
use super::{Assignee, BulkOp};
use crate::entity::{operation_change as oc, team};
use crate::error::StoreResult;
use crate::repo::scalar_i64;

/// Fills `new_owner_id` of the `logged` rows of this chunk by the team's rule, then drops
/// from the log the rows that already belonged to the member they drew.
pub(super) async fn pick_members(
    db: &impl ConnectionTrait,
    op: &BulkOp,
    who: &Assignee,
    bounds: Bounds,
    logged: u64,
) -> StoreResult<()> {
    let ws = op.workspace_id;
    let in_chunk = |stmt: &mut sea_orm::sea_query::UpdateStatement| {
        stmt.and_where(Expr::col(oc::Column::WorkspaceId).eq(ws))
            .and_where(Expr::col(oc::Column::OperationId).eq(op.operation_id))
            .cond_where(bounds.on(oc::Entity, oc::Column::RecordId));
    };
    let (members, start) = match who {
        Assignee::User(_) => return Ok(()),
        Assignee::RoundRobin { team, members } => {
            let n = i64::try_from(logged).unwrap_or(i64::MAX);
            let advance = Query::update()
                .table(team::Entity)
                .value(
                    team::Column::RrCursor,
                    Expr::col(team::Column::RrCursor).add(n),
                )
                .and_where(Expr::col(team::Column::WorkspaceId).eq(ws))
                .and_where(Expr::col(team::Column::Id).eq(*team))
                .returning_col(team::Column::RrCursor)
                .to_owned();
            let end = scalar_i64(db, &advance).await?;
            (members, end - n)
        }
        Assignee::Random { members } => {
            // Draw each row's member index once, into `seq`.
            let mut draw = Query::update();
            draw.table(oc::Entity).value(
                oc::Column::Seq,
                Expr::cust(random_below(db.get_database_backend(), members.len())),
            );
            in_chunk(&mut draw);
            exec(db, &draw).await?;
            (members, 0)
        }
    };
    let Some(first) = members.first().copied() else {
        return Ok(());
    };
    let m = i64::try_from(members.len()).unwrap_or(i64::MAX);
    let turn = Expr::col(oc::Column::Seq)
        .add(start.rem_euclid(m))
        .modulo(m);
    let mut case = Expr::case(turn.clone().eq(0), Expr::val(first));
    for (i, member) in members.iter().enumerate().skip(1) {
        case = case.case(
            turn.clone().eq(i64::try_from(i).unwrap_or(0)),
            Expr::val(*member),
        );
    }
    let mut set = Query::update();
    set.table(oc::Entity)
        .value(oc::Column::NewOwnerId, case.finally(Expr::val(first)));
    in_chunk(&mut set);
    exec(db, &set).await?;
    let mut unchanged = Query::delete();
    unchanged
        .from_table(oc::Entity)
        .and_where(Expr::col(oc::Column::WorkspaceId).eq(ws))
        .and_where(Expr::col(oc::Column::OperationId).eq(op.operation_id))
        .cond_where(bounds.on(oc::Entity, oc::Column::RecordId))
        .and_where(Expr::col(oc::Column::NewOwnerId).equals(oc::Column::PriorOwnerId));
    exec(db, &unchanged).await?;
    Ok(())
}
