//! `imports`: an uploaded spreadsheet, its options, progress and counts.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "imports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub kind: String,
    pub state: String,
    pub file_name: String,
    pub format: String,
    pub file_size: i64,
    pub sheet: Option<String>,
    pub headers: Json,
    pub options: Option<Json>,
    pub total: i64,
    pub counts: Json,
    /// The last spreadsheet row whose outcome is committed.
    pub cursor: i64,
    pub job_id: Option<Uuid>,
    pub result: Option<Json>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
    pub undone_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
