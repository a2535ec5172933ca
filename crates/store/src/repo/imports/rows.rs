//! The outcome rows of an import. A created row with nothing to report writes none: the
//! record it created carries its import and row (m0020), and is read back here as the row's
//! outcome, so that every reader sees one list in row order.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;
use uuid::Uuid;

use crate::entity::import_row::{Column, Entity, Model};
use crate::entity::record;
use crate::error::StoreResult;

/// The outcome of a created row.
const CREATED: &str = "created";

/// Writes the outcomes of a chunk of rows.
pub async fn insert_rows(db: &impl ConnectionTrait, rows: Vec<Model>) -> StoreResult<()> {
    crate::repo::records::insert_chunked(db, rows).await?;
    Ok(())
}

/// A page of outcomes after row `after`, optionally of one outcome.
pub async fn list_rows(
    db: &impl ConnectionTrait,
    ws: Uuid,
    import: Uuid,
    outcomes: &[&str],
    after: i64,
    limit: u64,
) -> StoreResult<Vec<Model>> {
    let mut q = Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::ImportId.eq(import))
        .filter(Column::RowNo.gt(after));
    if !outcomes.is_empty() {
        q = q.filter(Column::Outcome.is_in(outcomes.iter().copied()));
    }
    let stored = q.order_by_asc(Column::RowNo).limit(limit).all(db).await?;
    if !outcomes.is_empty() && !outcomes.contains(&CREATED) {
        return Ok(stored);
    }
    let created = created_rows(db, ws, import, after, Some(limit)).await?;
    Ok(in_row_order(stored, created, usize::try_from(limit).ok()))
}

/// The rows that created or changed a record, in row order.
pub async fn rows_with_records(
    db: &impl ConnectionTrait,
    ws: Uuid,
    import: Uuid,
) -> StoreResult<Vec<Model>> {
    let stored = Entity::find()
        .filter(Column::WorkspaceId.eq(ws))
        .filter(Column::ImportId.eq(import))
        .filter(Column::RecordId.is_not_null())
        .filter(Column::Outcome.is_in([CREATED, "updated", "merged"]))
        .order_by_asc(Column::RowNo)
        .all(db)
        .await?;
    let created = created_rows(db, ws, import, 0, None).await?;
    Ok(in_row_order(stored, created, None))
}

/// Writes an outcome row for every created row that has none, from the records, in one
/// `INSERT … SELECT`: before an undo removes those records, so that the import's rows still
/// list what it did.
pub async fn keep_created_rows(
    db: &impl ConnectionTrait,
    ws: Uuid,
    import: Uuid,
) -> StoreResult<()> {
    use crate::repo::bulk::sql::{built, exec, json_object};
    use record::Column as R;
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    let r = record::Entity;
    let stored = Query::select()
        .expr(Expr::val(1))
        .from(Entity)
        .and_where(Expr::col((Entity, Column::WorkspaceId)).equals((r, R::WorkspaceId)))
        .and_where(Expr::col((Entity, Column::ImportId)).equals((r, R::ImportId)))
        .and_where(Expr::col((Entity, Column::RowNo)).equals((r, R::ImportRow)))
        .to_owned();
    let created = Query::select()
        .column((r, R::WorkspaceId))
        .column((r, R::ImportId))
        .column((r, R::ImportRow))
        .expr(Expr::val(CREATED))
        .column((r, R::Id))
        .expr(Expr::cust(json_object(db.get_database_backend(), &[])))
        .from(r)
        .and_where(Expr::col((r, R::WorkspaceId)).eq(ws))
        .and_where(Expr::col((r, R::ImportId)).eq(import))
        .and_where(Expr::exists(stored).not())
        .to_owned();
    let stmt = Query::insert()
        .into_table(Entity)
        .columns([
            Column::WorkspaceId,
            Column::ImportId,
            Column::RowNo,
            Column::Outcome,
            Column::RecordId,
            Column::Reasons,
        ])
        .select_from(created)
        .map_err(built)?
        .to_owned();
    exec(db, &stmt).await?;
    Ok(())
}

/// The created rows after `after` as their records tell them, in row order.
async fn created_rows(
    db: &impl ConnectionTrait,
    ws: Uuid,
    import: Uuid,
    after: i64,
    limit: Option<u64>,
) -> StoreResult<Vec<Model>> {
    use record::Column as R;
    let mut q = record::Entity::find()
        .select_only()
        .column(R::ImportRow)
        .column(R::Id)
        .filter(R::WorkspaceId.eq(ws))
        .filter(R::ImportId.eq(import))
        .filter(R::ImportRow.gt(after))
        .order_by_asc(R::ImportRow);
    if let Some(limit) = limit {
        q = q.limit(limit);
    }
    let rows: Vec<(Option<i64>, Uuid)> = q.into_tuple().all(db).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(row, id)| {
            Some(Model {
                workspace_id: ws,
                import_id: import,
                row_no: row?,
                outcome: CREATED.into(),
                record_id: Some(id),
                duplicate_of_row: None,
                reasons: json!({}),
                cells: None,
                prior: None,
                version_after: None,
            })
        })
        .collect())
}

/// Two lists in row order as one, the first `limit`; a row in both is taken from `stored`
/// (a created row with warnings has an outcome row of its own).
fn in_row_order(stored: Vec<Model>, created: Vec<Model>, limit: Option<usize>) -> Vec<Model> {
    let mut out = Vec::with_capacity(stored.len() + created.len());
    let mut created = created.into_iter().peekable();
    for row in stored {
        while let Some(c) = created.next_if(|c| c.row_no <= row.row_no) {
            if c.row_no < row.row_no {
                out.push(c);
            }
        }
        out.push(row);
    }
    out.extend(created);
    if let Some(limit) = limit {
        out.truncate(limit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(n: i64, outcome: &str) -> Model {
        Model {
            workspace_id: Uuid::nil(),
            import_id: Uuid::nil(),
            row_no: n,
            outcome: outcome.into(),
            record_id: None,
            duplicate_of_row: None,
            reasons: json!({}),
            cells: None,
            prior: None,
            version_after: None,
        }
    }

    #[test]
    fn merges_in_row_order_preferring_stored_rows() {
        let mut warned = row(3, "created");
        warned.reasons = json!({"warnings": [{"field": "status"}]});
        let stored = vec![row(2, "skipped"), warned.clone(), row(7, "failed")];
        let created = vec![row(1, "created"), row(3, "created"), row(4, "created")];
        let all = in_row_order(stored.clone(), created.clone(), None);
        assert_eq!(
            all.iter().map(|r| r.row_no).collect::<Vec<_>>(),
            vec![1, 2, 3, 4, 7]
        );
        assert_eq!(all[2], warned, "row 3 is told by its own outcome row");
        let page = in_row_order(stored, created, Some(3));
        assert_eq!(
            page.iter()
                .map(|r| (r.row_no, r.outcome.as_str()))
                .collect::<Vec<_>>(),
            vec![(1, "created"), (2, "skipped"), (3, "created")]
        );
    }
}
