//! Picklists: the named, ordered value lists records choose from.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Choice;

/// The workspace picklists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PicklistName {
    /// Where a record came from (Nguồn).
    Source,
    /// Line of business (Lĩnh vực kinh doanh).
    Industry,
    /// An account's size (Quy mô tổ chức).
    OrgSize,
    /// An account's customer group (Nhóm khách hàng).
    CustomerGroup,
    /// An account's contact status (Trạng thái liên hệ).
    ContactStatus,
    /// How an account was first contacted (Nguồn liên hệ).
    ContactSource,
    /// Why an opportunity was lost.
    LostReason,
}

impl PicklistName {
    /// Every picklist, in display order.
    pub const ALL: [PicklistName; 7] = [
        PicklistName::Source,
        PicklistName::Industry,
        PicklistName::OrgSize,
        PicklistName::CustomerGroup,
        PicklistName::ContactStatus,
        PicklistName::ContactSource,
        PicklistName::LostReason,
    ];

    /// The spelling in paths and storage.
    pub fn as_str(self) -> &'static str {
        match self {
            PicklistName::Source => "source",
            PicklistName::Industry => "industry",
            PicklistName::OrgSize => "org_size",
            PicklistName::CustomerGroup => "customer_group",
            PicklistName::ContactStatus => "contact_status",
            PicklistName::ContactSource => "contact_source",
            PicklistName::LostReason => "lost_reason",
        }
    }

    /// Parses the spelling.
    pub fn parse(s: &str) -> Option<PicklistName> {
        PicklistName::ALL.into_iter().find(|n| n.as_str() == s)
    }
}

/// One picklist and its values, in order.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Picklist {
    /// Which picklist.
    pub name: PicklistName,
    /// Its values, in order.
    pub values: Vec<Choice>,
}

/// Every picklist of the workspace.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PicklistList {
    /// The picklists, in display order.
    pub items: Vec<Picklist>,
}

/// Replaces the whole ordered value list of a picklist.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PicklistReplace {
    /// The values, in order; keys unique. May be empty.
    pub values: Vec<Choice>,
}
