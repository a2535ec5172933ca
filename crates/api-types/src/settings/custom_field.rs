//! Custom field definitions: the admin-defined extra fields of a record kind.

use chrono::{DateTime, Utc};
use sen_domain::custom_field::FieldType;
use sen_domain::kind::RecordKind;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::Choice;

/// A custom field of a record kind. Records keep its value in `custom.<key>`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CustomField {
    /// Field id (UUIDv7).
    pub id: Uuid,
    /// The record kind it extends.
    pub kind: RecordKind,
    /// Key in records' `custom` object; unique per kind and immutable.
    #[schema(example = "cccd_issued")]
    pub key: String,
    /// Vietnamese label.
    #[schema(example = "Ngày cấp CCCD")]
    pub label_vi: String,
    /// English label.
    #[schema(example = "ID card issued on")]
    pub label_en: String,
    /// What it holds; immutable.
    pub field_type: FieldType,
    /// Whether records must have a value.
    pub required: bool,
    /// The choices of `select` and `multi_select` fields; empty for other types.
    pub options: Vec<Choice>,
    /// Place among the kind's fields (ascending).
    #[schema(example = 0)]
    pub position: i32,
    /// When the field was created.
    pub created_at: DateTime<Utc>,
    /// When the field was last changed.
    pub updated_at: DateTime<Utc>,
}

/// Creates a custom field.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomFieldCreate {
    /// A lower-case letter, then up to 39 lower-case letters, digits or `_`.
    #[schema(example = "cccd_issued")]
    pub key: String,
    /// Vietnamese label.
    #[schema(example = "Ngày cấp CCCD")]
    pub label_vi: String,
    /// English label.
    #[schema(example = "ID card issued on")]
    pub label_en: String,
    /// What it holds.
    pub field_type: FieldType,
    /// Whether records must have a value (default false).
    #[serde(default)]
    pub required: bool,
    /// At least one choice for select types; none for other types.
    #[serde(default)]
    pub options: Vec<Choice>,
    /// Place among the kind's fields; by default after the last one.
    #[serde(default)]
    pub position: Option<i32>,
}

/// A partial update of a custom field; absent fields stay as they are. `key` and
/// `field_type` cannot change: sending them is allowed only with their current values.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomFieldUpdate {
    /// Must equal the current key.
    #[serde(default)]
    pub key: Option<String>,
    /// Must equal the current type.
    #[serde(default)]
    pub field_type: Option<FieldType>,
    /// New Vietnamese label.
    #[serde(default)]
    pub label_vi: Option<String>,
    /// New English label.
    #[serde(default)]
    pub label_en: Option<String>,
    /// New required flag.
    #[serde(default)]
    pub required: Option<bool>,
    /// The complete new choice list (select types).
    #[serde(default)]
    pub options: Option<Vec<Choice>>,
    /// New place.
    #[serde(default)]
    pub position: Option<i32>,
}

/// The custom fields of a kind.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CustomFieldList {
    /// Fields, by position.
    pub items: Vec<CustomField>,
    /// How many there are.
    pub total: u64,
}
