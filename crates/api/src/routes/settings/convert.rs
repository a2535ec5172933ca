//! Settings rows → API shapes.

use sen_api_types::settings::{Choice, CustomField, FieldType, StageOutcome, Status, StatusList};
use sen_api_types::tag::Tag;
use sen_domain::kind::RecordKind;
use sen_store::entity::{custom_field, picklist_value, status, tag};
use sen_store::repo::{custom_fields, picklists};

use crate::error::{ApiError, ApiResult};

/// A status row as the API shows it.
pub fn status(m: &status::Model) -> Status {
    Status {
        key: m.key.clone(),
        label_vi: m.label_vi.clone(),
        label_en: m.label_en.clone(),
        position: m.position,
        is_default: m.is_default,
        outcome: m.outcome.as_deref().and_then(StageOutcome::parse),
    }
}

/// A kind's status rows as the API shows them.
pub fn status_list(kind: RecordKind, rows: &[status::Model]) -> StatusList {
    StatusList {
        kind,
        statuses: rows.iter().map(status).collect(),
    }
}

/// A picklist value row as the API shows it.
pub fn picklist_value(m: &picklist_value::Model) -> Choice {
    Choice {
        key: m.key.clone(),
        label_vi: m.label_vi.clone(),
        label_en: m.label_en.clone(),
    }
}

/// A stored choice as the API shows it.
pub fn choice(c: picklists::Choice) -> Choice {
    Choice {
        key: c.key,
        label_vi: c.label_vi,
        label_en: c.label_en,
    }
}

/// A custom field row as the API shows it.
pub fn custom_field(m: &custom_field::Model) -> ApiResult<CustomField> {
    let corrupt = |what: &str| ApiError::Internal(anyhow::anyhow!("custom field {} {what}", m.id));
    Ok(CustomField {
        id: m.id,
        kind: RecordKind::parse(&m.kind).ok_or_else(|| corrupt("kind"))?,
        key: m.key.clone(),
        label_vi: m.label_vi.clone(),
        label_en: m.label_en.clone(),
        field_type: FieldType::parse(&m.field_type).ok_or_else(|| corrupt("type"))?,
        required: m.required,
        options: custom_fields::options(m)?.into_iter().map(choice).collect(),
        position: m.position,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

/// A tag row as the API shows it.
pub fn tag(m: &tag::Model) -> Tag {
    Tag {
        id: m.id,
        name: m.name.clone(),
        key: m.key.clone(),
        record_count: 0,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}
