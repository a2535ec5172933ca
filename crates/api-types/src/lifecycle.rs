//! The sales life cycle: converting prospects to leads and leads to contacts, accounts and
//! opportunities; the matches a conversion proposes; and the opportunity pipeline.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::record::{Record, RecordFilter, RecordInput};
use crate::settings::StageOutcome;

/// The answer of a prospect's conversion.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProspectConverted {
    /// The new lead, carrying the prospect's fields, tags, phones, emails, owner and sharing.
    pub lead: Record,
}

/// Which records a bulk action applies to: these ids, or every record matching a filter.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum RecordSelection {
    /// These records (ticked rows).
    #[schema(example = json!({"ids": ["0190a0b4-7c1e-7000-8000-000000000001"]}))]
    Ids(Vec<Uuid>),
    /// Every record matching the filter, as `POST /{kind}/search` takes it.
    Filter(Box<RecordFilter>),
}

/// One record a bulk action could not apply to, and why.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BulkFailure {
    /// The record.
    pub id: Uuid,
    /// Why it failed.
    #[schema(example = "first_name: the first name (Tên) is required")]
    pub reason: String,
}

/// The answer of a bulk prospect conversion (one transaction).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProspectBulkConverted {
    /// Prospects converted to leads.
    #[schema(example = 118)]
    pub converted: u64,
    /// Prospects that were converted before.
    #[schema(example = 1)]
    pub skipped_already_converted: u64,
    /// Ids that are no prospect you may see.
    #[schema(example = 1)]
    pub skipped_forbidden: u64,
    /// Prospects whose conversion failed, each with the reason.
    pub failed: Vec<BulkFailure>,
}

/// One part of a lead's conversion: a new record, or an existing one.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ConvertTarget {
    /// Create it from the lead's values, with these fields on top (validated like any create;
    /// `null` drops a carried value).
    Create(Box<RecordInput>),
    /// Use this existing record (one you can see): the lead only fills its empty fields, and
    /// its phones, emails and tags are added to the record's.
    #[schema(example = json!({"existing_id": "0190a0b4-7c1e-7000-8000-000000000002"}))]
    ExistingId(Uuid),
}

/// What a lead becomes.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LeadConvert {
    /// The contact (required).
    #[schema(example = json!({"create": {}}))]
    pub contact: ConvertTarget,
    /// The account, if any: by default created from the lead's `company_name`.
    #[serde(default)]
    #[schema(example = json!({"create": {"name": "Công ty ABC"}}))]
    pub account: Option<ConvertTarget>,
    /// The opportunity, if any; its stage defaults to the first open stage, currency VND.
    #[serde(default)]
    #[schema(example = json!({"create": {"name": "ABC – gói Pro", "amount": "15000000.00"}}))]
    pub opportunity: Option<ConvertTarget>,
}

/// What a lead became.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LeadConverted {
    /// The contact.
    pub contact: Record,
    /// The account, when one was asked for.
    pub account: Option<Record>,
    /// The opportunity, when one was asked for.
    pub opportunity: Option<Record>,
}

/// Why an existing record matches a lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MatchReason {
    /// It has one of the lead's phones (in any spelling).
    Phone,
    /// It has one of the lead's e-mail addresses.
    Email,
    /// Same name, ignoring case and diacritics (contacts).
    Name,
    /// Its name is the lead's company, ignoring case and diacritics (accounts).
    Company,
}

/// An existing record a lead matches.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ConvertMatch {
    /// The record.
    pub record: Record,
    /// Every reason it matched.
    #[schema(example = json!(["phone", "name"]))]
    pub reasons: Vec<MatchReason>,
}

/// Existing contacts and accounts (that you can see) a lead would match.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ConvertPreview {
    /// Contacts with the lead's phone, email or name; most reasons first.
    pub contacts: Vec<ConvertMatch>,
    /// Accounts named like the lead's company.
    pub accounts: Vec<ConvertMatch>,
}

/// The summed amount of one currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PipelineAmount {
    /// ISO currency.
    #[schema(example = "VND")]
    pub currency: String,
    /// The exact sum, as a decimal string.
    #[schema(example = "165000000.00")]
    pub total: String,
}

/// One stage of the pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PipelineStage {
    /// Stage key (the opportunity status).
    #[schema(example = "proposal")]
    pub stage: String,
    /// Vietnamese label.
    #[schema(example = "Gửi báo giá")]
    pub label_vi: String,
    /// English label.
    #[schema(example = "Proposal")]
    pub label_en: String,
    /// Open, won or lost; null for a stage no longer in the settings.
    pub outcome: Option<StageOutcome>,
    /// How many opportunities are in it.
    #[schema(example = 3)]
    pub count: u64,
    /// Their amounts, summed per currency.
    pub amounts: Vec<PipelineAmount>,
}

/// The opportunities you see, per stage in stage order (empty stages included).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Pipeline {
    /// The stages.
    pub stages: Vec<PipelineStage>,
}
