//! Custom fields: the admin-defined extra fields of a record kind, and checking a record's
//! `custom` values against them.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

mod values;

use values::normalise;

/// The longest text a custom text field keeps, in characters.
pub const TEXT_MAX: usize = 2000;

/// What a custom field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// Free text (trimmed).
    Text,
    /// A JSON number.
    Number,
    /// A calendar date, stored `YYYY-MM-DD`.
    Date,
    /// `true` or `false`.
    Bool,
    /// One key of the field's options.
    Select,
    /// Distinct keys of the field's options.
    MultiSelect,
}

impl FieldType {
    /// Every type.
    pub const ALL: [FieldType; 6] = [
        FieldType::Text,
        FieldType::Number,
        FieldType::Date,
        FieldType::Bool,
        FieldType::Select,
        FieldType::MultiSelect,
    ];

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Number => "number",
            FieldType::Date => "date",
            FieldType::Bool => "bool",
            FieldType::Select => "select",
            FieldType::MultiSelect => "multi_select",
        }
    }

    /// Parses the stored spelling.
    pub fn parse(s: &str) -> Option<FieldType> {
        FieldType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Select types choose among options; the others have none.
    pub fn has_options(self) -> bool {
        matches!(self, FieldType::Select | FieldType::MultiSelect)
    }
}

/// What the validator needs to know of one custom field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomFieldDef {
    /// The key under which records keep the value.
    pub key: String,
    /// What it holds.
    pub field_type: FieldType,
    /// Whether a record must have a value.
    pub required: bool,
    /// The option keys of a select type (empty otherwise).
    pub options: Vec<String>,
}

/// Why one custom value was refused. The API reports it as field `custom.<key>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomFieldError {
    /// The custom field's key.
    pub key: String,
    /// Machine code: `unknown_field`, `invalid_type`, `invalid_option`, `duplicate_value`,
    /// `required`, `too_long` or `invalid_date`.
    pub code: &'static str,
    /// A sentence for the user.
    pub message: String,
}

/// A machine code and a sentence: why one value was refused.
type Refusal = (&'static str, String);

/// Checks `values` (a record's `custom` object) against `defs` and returns them normalised:
/// text trimmed, numeric strings as numbers, dates as `YYYY-MM-DD`.
///
/// With `partial` false the result is the record's complete custom object: every required
/// field must have a value, and empty values (null, blank text, no choices) are left out.
/// With `partial` true only the keys present are checked, and an empty value stays in the
/// result as `null`, meaning "clear this field"; clearing a required field is still refused.
/// All failures are reported at once.
pub fn validate_custom(
    defs: &[CustomFieldDef],
    values: &Map<String, Value>,
    partial: bool,
) -> Result<Map<String, Value>, Vec<CustomFieldError>> {
    let mut out = Map::new();
    let mut errors = Vec::new();
    for (key, value) in values {
        let Some(def) = defs.iter().find(|d| d.key == *key) else {
            errors.push(error(
                key,
                ("unknown_field", "There is no such custom field.".into()),
            ));
            continue;
        };
        match normalise(def, value) {
            Ok(Some(v)) => {
                out.insert(key.clone(), v);
            }
            Ok(None) if def.required => errors.push(required(key)),
            Ok(None) if partial => {
                out.insert(key.clone(), Value::Null);
            }
            Ok(None) => {}
            Err(refusal) => errors.push(error(key, refusal)),
        }
    }
    if !partial {
        let missing = defs
            .iter()
            .filter(|d| d.required && !values.contains_key(&d.key));
        errors.extend(missing.map(|d| required(&d.key)));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn error(key: &str, (code, message): Refusal) -> CustomFieldError {
    CustomFieldError {
        key: key.to_owned(),
        code,
        message,
    }
}

fn required(key: &str) -> CustomFieldError {
    error(key, ("required", "This field is required.".into()))
}

#[cfg(test)]
mod tests;
