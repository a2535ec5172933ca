//! Customer records of the five kinds: one shape, with the fields that apply to each kind.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

pub use sen_domain::kind::RecordKind;

/// A phone number of a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PhoneEntry {
    /// Any common spelling on input (`0912 345 678`, `+84 912345678`, old `0168…`); E.164 on output.
    #[schema(example = "+84912345678")]
    pub number: String,
    /// Free label: mobile, work, home, …
    #[serde(default)]
    #[schema(example = "mobile")]
    pub label: Option<String>,
}

/// An email address of a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmailEntry {
    /// The address, stored lower-case.
    #[schema(example = "an@abc.vn")]
    pub address: String,
    /// Free label: work, personal, …
    #[serde(default)]
    #[schema(example = "work")]
    pub label: Option<String>,
}

/// A postal address.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Street and number.
    #[serde(default)]
    pub street: Option<String>,
    /// Ward (phường/xã).
    #[serde(default)]
    pub ward: Option<String>,
    /// District (quận/huyện).
    #[serde(default)]
    pub district: Option<String>,
    /// City or province.
    #[serde(default)]
    #[schema(example = "Hà Nội")]
    pub city: Option<String>,
    /// Postal code.
    #[serde(default)]
    pub zip: Option<String>,
    /// ISO country code.
    #[serde(default)]
    #[schema(example = "VN")]
    pub country: Option<String>,
}

/// A social profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Social {
    /// facebook, zalo, linkedin, …
    #[schema(example = "zalo")]
    pub network: String,
    /// Handle or profile URL.
    pub handle_or_url: String,
}

/// Who besides the owner and the creator sees a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SharingMode {
    /// Everyone in the workspace.
    Everyone,
    /// Only the owner and the creator.
    Private,
    /// The owner, the creator and the members of `team_ids`.
    Team,
    /// The owner, the creator and `user_ids`.
    Users,
}

/// A record's sharing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Sharing {
    /// The mode.
    pub mode: SharingMode,
    /// Teams shared with (mode `team`).
    #[serde(default)]
    pub team_ids: Vec<Uuid>,
    /// Users shared with (mode `users`).
    #[serde(default)]
    pub user_ids: Vec<Uuid>,
}

/// A customer record as the API returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Record {
    /// Record id (UUIDv7).
    pub id: Uuid,
    /// The kind.
    pub kind: RecordKind,
    /// Status key (opportunities: stage key).
    #[schema(example = "new")]
    pub status: String,
    /// Given name (people).
    pub first_name: Option<String>,
    /// Family and middle names (people).
    pub last_name: Option<String>,
    /// Name of an account or opportunity; for people, the display name.
    pub name: String,
    /// `last_name first_name` for people, `name` otherwise.
    #[schema(example = "Nguyễn Văn An")]
    pub display_name: String,
    /// Date of birth (people).
    pub birthday: Option<String>,
    /// male, female, other, unknown (people).
    pub gender: Option<String>,
    /// CMND/CCCD number (people).
    pub national_id: Option<String>,
    /// Job title (people).
    pub job_title: Option<String>,
    /// Source picklist key.
    pub source: Option<String>,
    /// Industry picklist key.
    pub industry: Option<String>,
    /// Company as free text (prospects, leads).
    pub company_name: Option<String>,
    /// The account (contacts, opportunities).
    pub account_id: Option<Uuid>,
    /// The contact (opportunities).
    pub contact_id: Option<Uuid>,
    /// Phones, E.164.
    pub phones: Vec<PhoneEntry>,
    /// Emails, lower-case.
    pub emails: Vec<EmailEntry>,
    /// Social profiles.
    pub socials: Vec<Social>,
    /// Web sites.
    pub websites: Vec<String>,
    /// Addresses.
    pub addresses: Vec<Address>,
    /// Free notes (Thông tin thêm).
    pub notes: Option<String>,
    /// Tag names.
    pub tags: Vec<String>,
    /// Custom field values by key.
    #[schema(value_type = Object)]
    pub custom: serde_json::Map<String, serde_json::Value>,
    /// Organisation size (accounts).
    pub org_size: Option<String>,
    /// Contact source (accounts).
    pub contact_source: Option<String>,
    /// Customer group (accounts).
    pub customer_group: Option<String>,
    /// Contact status (accounts).
    pub contact_status: Option<String>,
    /// Amount as a decimal string (opportunities).
    #[schema(example = "15000000.00")]
    pub amount: Option<String>,
    /// ISO currency (opportunities; default VND).
    pub currency: Option<String>,
    /// Expected close date (opportunities).
    pub expected_close_date: Option<String>,
    /// Win probability 0–100 (opportunities).
    pub probability: Option<i32>,
    /// Lost reason picklist key (opportunities).
    pub lost_reason: Option<String>,
    /// When the opportunity was won or lost.
    pub closed_at: Option<DateTime<Utc>>,
    /// The lead it came from (opportunities).
    pub source_lead_id: Option<Uuid>,
    /// How a prospect came in (prospects).
    pub input_source: Option<String>,
    /// Zalo follower id (prospects).
    pub zalo_user_id: Option<String>,
    /// Facebook page-scoped id (prospects).
    pub facebook_psid: Option<String>,
    /// The responsible user (Phụ trách).
    pub owner_id: Uuid,
    /// Who created it.
    pub created_by: Uuid,
    /// How it was created: manual, import, webform, email, zalo, facebook, api.
    #[schema(example = "manual")]
    pub created_via: String,
    /// Who else sees it.
    pub sharing: Sharing,
    /// Incremented by every change; send it back (or `If-Match`) to update.
    pub version: i64,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// When it was moved to the trash, if it was.
    pub deleted_at: Option<DateTime<Utc>>,
    /// What a converted record became: a prospect's lead, a lead's contact.
    pub converted_to: Option<Uuid>,
    /// When it was converted (prospects, leads); a record is converted once.
    pub converted_at: Option<DateTime<Utc>>,
    /// The account a lead was converted into, if any.
    pub converted_account_id: Option<Uuid>,
    /// The opportunity a lead was converted into, if any.
    pub converted_opportunity_id: Option<Uuid>,
}

/// The writable fields of a record. On create, absent fields are empty; on update (PATCH),
/// absent fields stay as they are and `null` clears a field.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordInput {
    /// Status key; default: the kind's default status.
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub status: Option<Option<String>>,
    /// Given name (people: required).
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<Option<String>>,
    /// Family and middle names.
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<Option<String>>,
    /// Name (accounts and opportunities: required).
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<Option<String>>,
    /// Date of birth: `YYYY-MM-DD`, `dd/mm/yyyy` or `dd-mm-yyyy`.
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub birthday: Option<Option<String>>,
    /// male, female, other, unknown.
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub gender: Option<Option<String>>,
    /// CMND/CCCD number.
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub national_id: Option<Option<String>>,
    /// Job title.
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub job_title: Option<Option<String>>,
    /// Source picklist key.
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub source: Option<Option<String>>,
    /// Industry picklist key.
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub industry: Option<Option<String>>,
    /// Company as free text.
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub company_name: Option<Option<String>>,
    /// The account (contacts, opportunities).
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub account_id: Option<Option<Uuid>>,
    /// The contact (opportunities).
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub contact_id: Option<Option<Uuid>>,
    /// Phones; duplicates (in any spelling) are an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phones: Option<Vec<PhoneEntry>>,
    /// Emails; duplicates are an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emails: Option<Vec<EmailEntry>>,
    /// Social profiles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub socials: Option<Vec<Social>>,
    /// Web sites.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub websites: Option<Vec<String>>,
    /// Addresses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addresses: Option<Vec<Address>>,
    /// Free notes.
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub notes: Option<Option<String>>,
    /// Tag names; unknown names create tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Custom field values by key (on update, only the keys given change).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub custom: Option<serde_json::Map<String, serde_json::Value>>,
    /// Organisation size (accounts).
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub org_size: Option<Option<String>>,
    /// Contact source (accounts).
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub contact_source: Option<Option<String>>,
    /// Customer group (accounts).
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub customer_group: Option<Option<String>>,
    /// Contact status (accounts).
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub contact_status: Option<Option<String>>,
    /// Amount as a decimal string (opportunities).
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub amount: Option<Option<String>>,
    /// ISO currency (opportunities).
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub currency: Option<Option<String>>,
    /// Expected close date (opportunities).
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub expected_close_date: Option<Option<String>>,
    /// Win probability 0–100 (opportunities).
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub probability: Option<Option<i32>>,
    /// Lost reason picklist key (opportunities).
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub lost_reason: Option<Option<String>>,
    /// How a prospect came in.
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub input_source: Option<Option<String>>,
    /// Zalo follower id.
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub zalo_user_id: Option<Option<String>>,
    /// Facebook page-scoped id.
    #[serde(
        default,
        deserialize_with = "some",
        skip_serializing_if = "Option::is_none"
    )]
    pub facebook_psid: Option<Option<String>>,
    /// The responsible user; default: the creator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<Uuid>,
    /// Sharing; default `everyone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sharing: Option<Sharing>,
    /// On update: the version you read (or send `If-Match`); a stale one is 412.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
}

/// Present-and-null becomes `Some(None)`; absent stays `None` (via `default`).
fn some<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// One page of records.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RecordPage {
    /// The records of this page.
    pub items: Vec<Record>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
    /// How many records match (exact up to 10,000).
    pub total: u64,
    /// True when `total` is an estimate.
    pub total_is_estimate: bool,
}

/// The rich filter of `POST /{kind}/search` (and, later, of bulk actions and exports).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordFilter {
    /// Search text: each word must start a word of the name, company or email (any order,
    /// accents ignored: `nguy van` finds "Nguyễn Văn An"); a phone number in any format, or
    /// digits of one anywhere.
    #[serde(default)]
    pub q: Option<String>,
    /// Any of these statuses.
    #[serde(default)]
    pub status: Vec<String>,
    /// Any of these tags.
    #[serde(default)]
    pub tags_any: Vec<String>,
    /// All of these tags.
    #[serde(default)]
    pub tags_all: Vec<String>,
    /// Owned by any of these users.
    #[serde(default)]
    pub owner_ids: Vec<Uuid>,
    /// Owned by a member of this team.
    #[serde(default)]
    pub team_id: Option<Uuid>,
    /// Any of these sources.
    #[serde(default)]
    pub source: Vec<String>,
    /// Any of these industries.
    #[serde(default)]
    pub industry: Vec<String>,
    /// Any of these cities (accents ignored).
    #[serde(default)]
    pub city: Vec<String>,
    /// Created at or after.
    #[serde(default)]
    pub created_from: Option<DateTime<Utc>>,
    /// Created before.
    #[serde(default)]
    pub created_to: Option<DateTime<Utc>>,
    /// Changed at or after.
    #[serde(default)]
    pub updated_from: Option<DateTime<Utc>>,
    /// Changed before.
    #[serde(default)]
    pub updated_to: Option<DateTime<Utc>>,
    /// Custom field key → value it must equal.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub custom: serde_json::Map<String, serde_json::Value>,
    /// Has at least one phone (true) or none (false).
    #[serde(default)]
    pub has_phone: Option<bool>,
    /// Has at least one email (true) or none (false).
    #[serde(default)]
    pub has_email: Option<bool>,
}

/// A search request: filter, sort and page.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordSearch {
    /// What to match.
    #[serde(default)]
    pub filter: RecordFilter,
    /// Sort column, `-` for descending: created_at, updated_at, name, status, owner_id, source,
    /// industry, city. Default `-created_at`.
    #[serde(default)]
    pub sort: Option<String>,
    /// Page size, 1–200 (default 50).
    #[serde(default)]
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page.
    #[serde(default)]
    pub cursor: Option<String>,
}
