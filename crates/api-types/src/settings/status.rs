//! Statuses: the ordered, admin-defined states of each record kind.

use sen_domain::kind::RecordKind;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What an opportunity stage means for the deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StageOutcome {
    /// Still being worked on.
    Open,
    /// Closed, and the customer bought.
    Won,
    /// Closed without a sale.
    Lost,
}

impl StageOutcome {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            StageOutcome::Open => "open",
            StageOutcome::Won => "won",
            StageOutcome::Lost => "lost",
        }
    }

    /// Parses the stored spelling.
    pub fn parse(s: &str) -> Option<StageOutcome> {
        [StageOutcome::Open, StageOutcome::Won, StageOutcome::Lost]
            .into_iter()
            .find(|o| o.as_str() == s)
    }
}

/// One status of a record kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Status {
    /// Stable id that records store in `status`.
    #[schema(example = "contacting")]
    pub key: String,
    /// Vietnamese label.
    #[schema(example = "Đang liên hệ")]
    pub label_vi: String,
    /// English label.
    #[schema(example = "Contacting")]
    pub label_en: String,
    /// 0-based place in the kind's order.
    #[schema(example = 1)]
    pub position: i32,
    /// New records start in the default status; a kind has exactly one.
    pub is_default: bool,
    /// `open`, `won` or `lost` for opportunity stages; null for other kinds.
    pub outcome: Option<StageOutcome>,
}

/// A status in a replacement list; its place in the list is its position.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusInput {
    /// Stable id: a lower-case letter, then up to 39 lower-case letters, digits or `_`.
    #[schema(example = "contacting")]
    pub key: String,
    /// Vietnamese label.
    #[schema(example = "Đang liên hệ")]
    pub label_vi: String,
    /// English label.
    #[schema(example = "Contacting")]
    pub label_en: String,
    /// Whether this is the default (exactly one per list).
    #[serde(default)]
    pub is_default: bool,
    /// Required for opportunity stages; must be absent or null for other kinds.
    #[serde(default)]
    pub outcome: Option<StageOutcome>,
    /// Ignored (the list order decides); accepted so a read list can be sent back as it is.
    #[serde(default)]
    pub position: Option<i32>,
}

/// The statuses of one kind, in order.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StatusList {
    /// The record kind.
    pub kind: RecordKind,
    /// Its statuses, in order.
    pub statuses: Vec<Status>,
}

/// Replaces the whole ordered status list of a kind.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusReplace {
    /// At least one status; unique keys; exactly one default. Opportunity stages need at
    /// least one open, one won and one lost stage; leads and prospects keep `converted`.
    pub statuses: Vec<StatusInput>,
}
