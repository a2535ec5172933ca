//! Duplicate criteria and modes of an import (PRODUCT §7.4): a row is a duplicate when it
//! matches on any criterion; a criterion is one or more of phone, email and name, all of
//! which must match (`name+phone`).

use serde::{Deserialize, Serialize};

/// What to do with a row that matches an existing record (or an earlier row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DuplicateMode {
    /// Keep the existing record; the row is skipped.
    #[default]
    Skip,
    /// Import the row as a new record anyway.
    Create,
    /// The file's values replace the existing ones.
    Overwrite,
    /// Fill only the existing record's empty fields; unite phones, emails, addresses, tags.
    Merge,
}

/// One criterion: the parts that must all match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Criterion {
    /// Some phone is the same.
    pub phone: bool,
    /// Some e-mail address is the same.
    pub email: bool,
    /// The folded name is the same.
    pub name: bool,
}

/// Parses `["phone", "email", "name+phone"]`; the error names the bad entry.
pub fn parse_criteria(list: &[String]) -> Result<Vec<Criterion>, String> {
    let mut out = Vec::new();
    for entry in list {
        let mut c = Criterion::default();
        for part in entry.split('+').map(str::trim) {
            match part {
                "phone" | "phones" => c.phone = true,
                "email" | "emails" => c.email = true,
                "name" => c.name = true,
                other => {
                    return Err(format!(
                        "{other:?} is not a criterion; use phone, email or name, joined by +"
                    ));
                }
            }
        }
        out.push(c);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_parse() {
        let c = parse_criteria(&["phone".into(), "name+email".into()]).unwrap_or_default();
        assert_eq!(c.len(), 2);
        assert!(c[0].phone && !c[0].email);
        assert!(c[1].name && c[1].email && !c[1].phone);
        assert!(parse_criteria(&["address".into()]).is_err());
    }
}
