//! Every column a kind can import and export, with its API name and its Vietnamese and
//! English labels.

use crate::custom_field::FieldType;
use crate::kind::RecordKind;

/// What a column holds, which decides how a cell is read and written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnType {
    /// Free text on one line.
    Text,
    /// Free text keeping line breaks (notes).
    LongText,
    /// "Họ và tên": split into last and first name.
    FullName,
    /// Several phones in one cell, separated by `,`, `;` or line breaks.
    Phones,
    /// Several e-mail addresses in one cell.
    Emails,
    /// A date: `dd/mm/yyyy`, `yyyy-mm-dd` or an Excel serial.
    Date,
    /// One of the kind's statuses (key or label).
    Status,
    /// One value of the workspace picklist of this name (key or label).
    Picklist(&'static str),
    /// One of a fixed set of words.
    Word(&'static [&'static str]),
    /// Tag names, several in one cell.
    Tags,
    /// A whole number.
    Integer,
    /// A decimal amount.
    Amount,
    /// Several web sites in one cell.
    Websites,
    /// The street of the first address.
    Street,
    /// The city of the first address.
    City,
    /// A custom field of this type.
    Custom(FieldType),
}

/// One importable and exportable column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    /// The API name (`first_name`, `phones`, `custom.cccd_issued`).
    pub name: String,
    /// Vietnamese label.
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// A row without it fails.
    pub required: bool,
    /// What it holds.
    pub column: ColumnType,
    /// The values a spreadsheet dropdown offers (statuses, picklists, select options); filled
    /// by the caller, who knows the workspace's settings.
    pub choices: Vec<String>,
}

/// A custom field as the catalogue needs it.
#[derive(Debug, Clone)]
pub struct CustomColumn {
    /// Its key.
    pub key: String,
    /// Its label (one, as the admin wrote it).
    pub label: String,
    /// Its type.
    pub field_type: FieldType,
    /// Whether a record must have it.
    pub required: bool,
    /// Option keys of a select.
    pub options: Vec<String>,
}

/// Genders a person may have.
pub const GENDERS: &[&str] = &["male", "female", "other", "unknown"];

fn spec(name: &str, vi: &str, en: &str, required: bool, column: ColumnType) -> FieldSpec {
    FieldSpec {
        name: name.to_owned(),
        label_vi: vi.to_owned(),
        label_en: en.to_owned(),
        required,
        column,
        choices: Vec::new(),
    }
}

/// The columns of `kind`, the built-in ones first, then the custom fields.
pub fn catalogue(kind: RecordKind, custom: &[CustomColumn]) -> Vec<FieldSpec> {
    use ColumnType as C;
    let mut out = Vec::new();
    if kind.is_person() {
        out.push(spec("last_name", "Họ", "Last name", false, C::Text));
        out.push(spec("first_name", "Tên", "First name", true, C::Text));
        out.push(spec(
            "full_name",
            "Họ và tên",
            "Full name",
            false,
            C::FullName,
        ));
    } else {
        let (vi, en) = match kind {
            RecordKind::Account => ("Tên công ty", "Company name"),
            _ => ("Tên cơ hội", "Opportunity name"),
        };
        out.push(spec("name", vi, en, true, C::Text));
    }
    if kind != RecordKind::Opportunity {
        out.push(spec("phones", "Điện thoại", "Phone", false, C::Phones));
        out.push(spec("emails", "Email", "Email address", false, C::Emails));
    }
    if kind.is_person() {
        out.push(spec("birthday", "Ngày sinh", "Birthday", false, C::Date));
        out.push(spec(
            "gender",
            "Giới tính",
            "Gender",
            false,
            C::Word(GENDERS),
        ));
        out.push(spec(
            "national_id",
            "CMND/CCCD",
            "National ID",
            false,
            C::Text,
        ));
        out.push(spec("job_title", "Chức vụ", "Job title", false, C::Text));
    }
    if matches!(kind, RecordKind::Prospect | RecordKind::Lead) {
        out.push(spec("company_name", "Công ty", "Company", false, C::Text));
    }
    let status = if kind == RecordKind::Opportunity {
        ("Giai đoạn", "Stage")
    } else {
        ("Trạng thái", "Status")
    };
    out.push(spec("status", status.0, status.1, false, C::Status));
    out.push(spec(
        "source",
        "Nguồn",
        "Source",
        false,
        C::Picklist("source"),
    ));
    if kind != RecordKind::Opportunity {
        out.push(spec(
            "industry",
            "Lĩnh vực",
            "Industry",
            false,
            C::Picklist("industry"),
        ));
    }
    if kind == RecordKind::Account {
        for (name, vi, en) in [
            ("org_size", "Quy mô tổ chức", "Organisation size"),
            ("contact_source", "Nguồn liên hệ", "Contact source"),
            ("customer_group", "Nhóm khách hàng", "Customer group"),
            ("contact_status", "Trạng thái liên hệ", "Contact status"),
        ] {
            out.push(spec(name, vi, en, false, C::Picklist(name_static(name))));
        }
    }
    if kind == RecordKind::Opportunity {
        out.push(spec("amount", "Giá trị", "Amount", false, C::Amount));
        out.push(spec("currency", "Tiền tệ", "Currency", false, C::Text));
        out.push(spec(
            "expected_close_date",
            "Ngày dự kiến chốt",
            "Expected close date",
            false,
            C::Date,
        ));
        out.push(spec(
            "probability",
            "Xác suất (%)",
            "Probability (%)",
            false,
            C::Integer,
        ));
    } else {
        out.push(spec(
            "street",
            "Địa chỉ",
            "Street address",
            false,
            C::Street,
        ));
        out.push(spec("city", "Tỉnh/Thành phố", "City", false, C::City));
        out.push(spec("websites", "Website", "Web site", false, C::Websites));
    }
    out.push(spec("notes", "Thông tin thêm", "Notes", false, C::LongText));
    out.push(spec("tags", "Thẻ", "Tags", false, C::Tags));
    for c in custom {
        let mut s = spec(
            &format!("custom.{}", c.key),
            &c.label,
            &c.label,
            c.required,
            C::Custom(c.field_type),
        );
        s.choices = c.options.clone();
        out.push(s);
    }
    out
}

/// The account picklist names as `'static` (they are the column names).
fn name_static(name: &str) -> &'static str {
    match name {
        "org_size" => "org_size",
        "contact_source" => "contact_source",
        "customer_group" => "customer_group",
        _ => "contact_status",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_required_name_and_unique_names() {
        for kind in RecordKind::ALL {
            let fields = catalogue(kind, &[]);
            let required: Vec<_> = fields.iter().filter(|f| f.required).collect();
            assert_eq!(required.len(), 1, "{kind:?}");
            let mut names: Vec<_> = fields.iter().map(|f| f.name.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), fields.len(), "{kind:?}");
        }
    }
}
