//! Merges and their undo: the exact prior rows of the master and slaves (with their phones,
//! emails, tags and shares), every reference moved from a slave to the master, and the
//! timeline entries the merge wrote — enough to put the database back as it was.

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::entity::{
    activity, merge, record, record_email, record_phone, record_share, record_tag,
};
use crate::error::{StoreError, StoreResult};

/// Every `(table, column)` that points at a record and follows a slave to its master.
const REFERENCES: [(&str, &str); 7] = [
    ("activities", "record_id"),
    ("records", "account_id"),
    ("records", "contact_id"),
    ("records", "source_lead_id"),
    ("records", "converted_to"),
    ("records", "converted_account_id"),
    ("records", "converted_opportunity_id"),
];

/// One reference moved by a merge: `table.column` of row `row_id` pointed at `from`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Moved {
    /// The table.
    pub table: String,
    /// The column.
    pub column: String,
    /// The row's id.
    pub row_id: Uuid,
    /// The record it pointed at.
    pub from: Uuid,
}

/// What a merge changed, as it was before.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The master and the slaves.
    pub records: Vec<record::Model>,
    /// Their phones.
    pub phones: Vec<record_phone::Model>,
    /// Their e-mail addresses.
    pub emails: Vec<record_email::Model>,
    /// Their tags.
    pub tags: Vec<record_tag::Model>,
    /// Their shares.
    pub shares: Vec<record_share::Model>,
    /// References moved to the master.
    pub moved: Vec<Moved>,
    /// Timeline entries the merge wrote.
    pub created_activities: Vec<Uuid>,
}

/// The rows of `ids` and their children, as they are now.
pub async fn take(db: &impl ConnectionTrait, ws: Uuid, ids: &[Uuid]) -> StoreResult<Snapshot> {
    let ids = ids.to_vec();
    Ok(Snapshot {
        records: record::Entity::find()
            .filter(record::Column::WorkspaceId.eq(ws))
            .filter(record::Column::Id.is_in(ids.clone()))
            .all(db)
            .await?,
        phones: record_phone::Entity::find()
            .filter(record_phone::Column::WorkspaceId.eq(ws))
            .filter(record_phone::Column::RecordId.is_in(ids.clone()))
            .all(db)
            .await?,
        emails: record_email::Entity::find()
            .filter(record_email::Column::WorkspaceId.eq(ws))
            .filter(record_email::Column::RecordId.is_in(ids.clone()))
            .all(db)
            .await?,
        tags: record_tag::Entity::find()
            .filter(record_tag::Column::WorkspaceId.eq(ws))
            .filter(record_tag::Column::RecordId.is_in(ids.clone()))
            .all(db)
            .await?,
        shares: record_share::Entity::find()
            .filter(record_share::Column::WorkspaceId.eq(ws))
            .filter(record_share::Column::RecordId.is_in(ids))
            .all(db)
            .await?,
        moved: Vec::new(),
        created_activities: Vec::new(),
    })
}

/// Writes the "imported" entries of those of `slaves` an import created (told by their rows,
/// m0020, not stored) into `master`'s timeline, where a merge moves every other entry of
/// theirs; returns the ids of the entries written, which undoing the merge removes.
pub async fn carry_imported(
    db: &impl ConnectionTrait,
    ws: Uuid,
    slaves: &[Uuid],
    master: Uuid,
) -> StoreResult<Vec<Uuid>> {
    let mut ids = Vec::new();
    for entry in crate::repo::activities::imported(db, ws, slaves).await? {
        let mut data = entry.data.clone().unwrap_or_default();
        data["record_id"] = serde_json::json!(entry.record_id);
        let row = activity::Model {
            id: crate::repo::new_id(),
            record_id: master,
            data: Some(data),
            ..entry
        };
        ids.push(row.id);
        row.into_active_model().reset_all().insert(db).await?;
    }
    Ok(ids)
}

/// Points every reference to one of `slaves` at `master` instead (rows of the merged records
/// themselves aside); returns what moved.
pub async fn move_references(
    db: &impl ConnectionTrait,
    ws: Uuid,
    slaves: &[Uuid],
    master: Uuid,
) -> StoreResult<Vec<Moved>> {
    let mut merged: Vec<Uuid> = slaves.to_vec();
    merged.push(master);
    let mut moved = Vec::new();
    for (table, column) in REFERENCES {
        let (t, c) = (Alias::new(table), Alias::new(column));
        let mut select = Query::select();
        select
            .column(Alias::new("id"))
            .column(c.clone())
            .from(t.clone())
            .and_where(Expr::col(Alias::new("workspace_id")).eq(ws))
            .and_where(Expr::col(c.clone()).is_in(slaves.iter().copied()));
        if table == "records" {
            select.and_where(Expr::col(Alias::new("id")).is_not_in(merged.iter().copied()));
        }
        let rows = db.query_all(&select).await?;
        if rows.is_empty() {
            continue;
        }
        let mut ids = Vec::with_capacity(rows.len());
        for row in rows {
            let row_id: Uuid = row.try_get_by_index(0)?;
            ids.push(row_id);
            moved.push(Moved {
                table: table.to_owned(),
                column: column.to_owned(),
                row_id,
                from: row.try_get_by_index(1)?,
            });
        }
        // The link column's own condition too: it leads both engines to the (workspace, link)
        // index; by `workspace_id` and `id` alone SQLite walked every activity of the
        // workspace (activities have no (workspace_id, id) index).
        let update = Query::update()
            .table(t)
            .value(c.clone(), master)
            .and_where(Expr::col(Alias::new("workspace_id")).eq(ws))
            .and_where(Expr::col(c).is_in(slaves.iter().copied()))
            .and_where(Expr::col(Alias::new("id")).is_in(ids))
            .to_owned();
        db.execute(&update).await?;
    }
    Ok(moved)
}

/// Marks the slaves as merged into `master`: out of lists, trash and searches.
pub async fn retire_slaves(
    db: &impl ConnectionTrait,
    ws: Uuid,
    slaves: &[Uuid],
    master: Uuid,
    by: Uuid,
    at: chrono::DateTime<chrono::Utc>,
) -> StoreResult<()> {
    let res = record::Entity::update_many()
        .col_expr(record::Column::MergedInto, Expr::value(master))
        .col_expr(record::Column::DeletedAt, Expr::value(at))
        .col_expr(record::Column::DeletedBy, Expr::value(by))
        .col_expr(record::Column::UpdatedAt, Expr::value(at))
        .col_expr(
            record::Column::Version,
            Expr::col(record::Column::Version).add(1),
        )
        .filter(record::Column::WorkspaceId.eq(ws))
        .filter(record::Column::Id.is_in(slaves.iter().copied()))
        .filter(record::Column::DeletedAt.is_null())
        .filter(record::Column::MergedInto.is_null())
        .exec(db)
        .await?;
    if res.rows_affected == slaves.len() as u64 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

/// Saves a merge.
pub async fn insert(db: &impl ConnectionTrait, row: merge::Model) -> StoreResult<merge::Model> {
    Ok(row.into_active_model().reset_all().insert(db).await?)
}

/// A merge of the workspace.
pub async fn get(
    db: &impl ConnectionTrait,
    ws: Uuid,
    id: Uuid,
) -> StoreResult<Option<merge::Model>> {
    Ok(merge::Entity::find()
        .filter(merge::Column::WorkspaceId.eq(ws))
        .filter(merge::Column::Id.eq(id))
        .one(db)
        .await?)
}

/// Marks a merge undone; `false` when it already was (a concurrent undo won).
pub async fn mark_undone(
    db: &impl ConnectionTrait,
    ws: Uuid,
    id: Uuid,
    by: Uuid,
    at: chrono::DateTime<chrono::Utc>,
) -> StoreResult<bool> {
    let res = merge::Entity::update_many()
        .col_expr(merge::Column::UndoneAt, Expr::value(at))
        .col_expr(merge::Column::UndoneBy, Expr::value(by))
        .filter(merge::Column::WorkspaceId.eq(ws))
        .filter(merge::Column::Id.eq(id))
        .filter(merge::Column::UndoneAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Puts back everything a merge changed: the rows exactly as they were, their children, the
/// moved references; removes the timeline entries it wrote.
pub async fn restore(db: &impl ConnectionTrait, ws: Uuid, snap: &Snapshot) -> StoreResult<()> {
    let ids: Vec<Uuid> = snap.records.iter().map(|r| r.id).collect();
    for row in &snap.records {
        record::Entity::update_many()
            .set(row.clone().into_active_model().reset_all())
            .filter(record::Column::WorkspaceId.eq(ws))
            .filter(record::Column::Id.eq(row.id))
            .exec(db)
            .await?;
    }
    record_phone::Entity::delete_many()
        .filter(record_phone::Column::WorkspaceId.eq(ws))
        .filter(record_phone::Column::RecordId.is_in(ids.clone()))
        .exec(db)
        .await?;
    record_email::Entity::delete_many()
        .filter(record_email::Column::WorkspaceId.eq(ws))
        .filter(record_email::Column::RecordId.is_in(ids.clone()))
        .exec(db)
        .await?;
    record_tag::Entity::delete_many()
        .filter(record_tag::Column::WorkspaceId.eq(ws))
        .filter(record_tag::Column::RecordId.is_in(ids.clone()))
        .exec(db)
        .await?;
    record_share::Entity::delete_many()
        .filter(record_share::Column::WorkspaceId.eq(ws))
        .filter(record_share::Column::RecordId.is_in(ids))
        .exec(db)
        .await?;
    insert_all(db, &snap.phones).await?;
    insert_all(db, &snap.emails).await?;
    insert_all(db, &snap.tags).await?;
    insert_all(db, &snap.shares).await?;
    for m in &snap.moved {
        let update = Query::update()
            .table(Alias::new(m.table.as_str()))
            .value(Alias::new(m.column.as_str()), m.from)
            .and_where(Expr::col(Alias::new("workspace_id")).eq(ws))
            .and_where(Expr::col(Alias::new("id")).eq(m.row_id))
            .to_owned();
        db.execute(&update).await?;
    }
    if !snap.created_activities.is_empty() {
        activity::Entity::delete_many()
            .filter(activity::Column::WorkspaceId.eq(ws))
            .filter(activity::Column::Id.is_in(snap.created_activities.iter().copied()))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Inserts stored rows back whole.
async fn insert_all<A, M>(db: &impl ConnectionTrait, rows: &[M]) -> StoreResult<()>
where
    A: ActiveModelTrait + Send,
    M: IntoActiveModel<A> + Clone,
{
    // `reset_all` marks every column as set, so each row is inserted whole.
    let rows: Vec<A> = rows
        .iter()
        .cloned()
        .map(|m| m.into_active_model().reset_all())
        .collect();
    if !rows.is_empty() {
        <A::Entity as EntityTrait>::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}
