//! `import_rows`: what an import did with one spreadsheet row.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "import_rows")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub workspace_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub import_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub row_no: i64,
    pub outcome: String,
    pub record_id: Option<Uuid>,
    pub duplicate_of_row: Option<i64>,
    pub reasons: Json,
    /// The cells as uploaded (kept for skipped and failed rows: the report).
    pub cells: Option<Json>,
    /// The record before an overwrite or merge (for undo).
    pub prior: Option<Json>,
    /// The record's version right after this row changed it.
    pub version_after: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
