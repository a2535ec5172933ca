//! The five kinds of customer record and what sets them apart.

use serde::{Deserialize, Serialize};

/// A kind of record. The API names a kind by its plural in paths (`/api/v1/leads`) and by its
/// singular in bodies (`"kind": "lead"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// Raw, unscreened data (KH thô).
    Prospect,
    /// A screened person who has shown interest.
    Lead,
    /// A person: an individual customer or a contact of an account.
    Contact,
    /// An organisation.
    Account,
    /// One sales opportunity.
    Opportunity,
}

impl RecordKind {
    /// Every kind, in life-cycle order.
    pub const ALL: [RecordKind; 5] = [
        RecordKind::Prospect,
        RecordKind::Lead,
        RecordKind::Contact,
        RecordKind::Account,
        RecordKind::Opportunity,
    ];

    /// Singular, as stored and in bodies.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Prospect => "prospect",
            RecordKind::Lead => "lead",
            RecordKind::Contact => "contact",
            RecordKind::Account => "account",
            RecordKind::Opportunity => "opportunity",
        }
    }

    /// Plural, as in paths.
    pub fn plural(self) -> &'static str {
        match self {
            RecordKind::Prospect => "prospects",
            RecordKind::Lead => "leads",
            RecordKind::Contact => "contacts",
            RecordKind::Account => "accounts",
            RecordKind::Opportunity => "opportunities",
        }
    }

    /// Parses the singular.
    pub fn parse(s: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Parses the plural of a path.
    pub fn parse_plural(s: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.plural() == s)
    }

    /// Prospects, leads and contacts are people (first/last name, birthday, …).
    pub fn is_person(self) -> bool {
        matches!(
            self,
            RecordKind::Prospect | RecordKind::Lead | RecordKind::Contact
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip() {
        for k in RecordKind::ALL {
            assert_eq!(RecordKind::parse(k.as_str()), Some(k));
            assert_eq!(RecordKind::parse_plural(k.plural()), Some(k));
        }
        assert_eq!(RecordKind::parse_plural("lead"), None);
        assert!(RecordKind::Lead.is_person() && !RecordKind::Account.is_person());
    }
}
