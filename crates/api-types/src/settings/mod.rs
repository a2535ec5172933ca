//! Workspace settings that admins write and everyone reads: the statuses of each record kind,
//! the picklists, and the custom fields of each kind.

mod custom_field;
mod picklist;
mod status;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use custom_field::{CustomField, CustomFieldCreate, CustomFieldList, CustomFieldUpdate};
pub use picklist::{Picklist, PicklistList, PicklistName, PicklistReplace};
pub use sen_domain::custom_field::FieldType;
pub use status::{StageOutcome, Status, StatusInput, StatusList, StatusReplace};

/// A key with its Vietnamese and English labels: a picklist value, or an option of a select
/// custom field. Records store the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Stable id: a lower-case letter, then up to 39 lower-case letters, digits or `_`.
    #[schema(example = "trade_show")]
    pub key: String,
    /// Vietnamese label.
    #[schema(example = "Hội chợ")]
    pub label_vi: String,
    /// English label.
    #[schema(example = "Trade show")]
    pub label_en: String,
}
