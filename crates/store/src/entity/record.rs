//! `records`: prospects, leads, contacts, accounts and opportunities in one table; fields
//! that do not apply to a kind stay empty.

use sea_orm::entity::prelude::*;

// Serde: an import keeps a record's exact prior state as JSON, to write it back on undo.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "records")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub kind: String,
    pub status: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub name: String,
    pub search_key: String,
    pub birthday: Option<Date>,
    pub gender: Option<String>,
    pub national_id: Option<String>,
    pub job_title: Option<String>,
    pub source: String,
    pub industry: String,
    pub company_name: Option<String>,
    pub account_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    pub notes: Option<String>,
    pub custom: Json,
    pub socials: Json,
    pub websites: Json,
    pub addresses: Json,
    pub city: String,
    pub org_size: Option<String>,
    pub contact_source: Option<String>,
    pub customer_group: Option<String>,
    pub contact_status: Option<String>,
    pub amount: Option<String>,
    pub currency: Option<String>,
    pub expected_close_date: Option<Date>,
    pub probability: Option<i32>,
    pub lost_reason: Option<String>,
    pub closed_at: Option<DateTimeUtc>,
    pub source_lead_id: Option<Uuid>,
    pub input_source: Option<String>,
    pub zalo_user_id: Option<String>,
    pub facebook_psid: Option<String>,
    pub owner_id: Uuid,
    pub sharing_mode: String,
    pub created_by: Uuid,
    pub created_via: String,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
    pub deleted_by: Option<Uuid>,
    pub merged_into: Option<Uuid>,
    /// What a converted prospect (its lead) or lead (its contact) became.
    pub converted_to: Option<Uuid>,
    /// When it was converted; set once, guarding against a second conversion.
    pub converted_at: Option<DateTimeUtc>,
    /// The account a lead was converted into.
    pub converted_account_id: Option<Uuid>,
    /// The opportunity a lead was converted into.
    pub converted_opportunity_id: Option<Uuid>,
    /// The folded name duplicates are found by (kept by the store's writes).
    pub name_key: String,
    /// The folded first address duplicates are found by (kept by the store's writes).
    pub address_key: String,
    /// The import that created the record (none for records made otherwise). Defaults when
    /// absent, so that snapshots taken before the column existed still read.
    #[serde(default)]
    pub import_id: Option<Uuid>,
    /// The spreadsheet row it was created from.
    #[serde(default)]
    pub import_row: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
