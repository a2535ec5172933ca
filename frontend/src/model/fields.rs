//! The single-valued fields of each record kind: their API name, label, editor, and how to read
//! them from a `Record` and write them into a `RecordInput`. Data, so the detail and create
//! screens need no per-kind code.

use sen_api_types::record::{Record, RecordInput, RecordKind};
use sen_api_types::settings::PicklistName;
use uuid::Uuid;

use crate::i18n::Text;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Status,
    LastName,
    FirstName,
    Name,
    Birthday,
    Gender,
    NationalId,
    JobTitle,
    CompanyName,
    Account,
    Contact,
    Source,
    Industry,
    OrgSize,
    ContactSource,
    CustomerGroup,
    ContactStatus,
    Amount,
    Currency,
    ExpectedClose,
    Probability,
    LostReason,
    InputSource,
    Notes,
}

/// How a field is edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Editor {
    Text,
    Textarea,
    Date,
    Number,
    Status,
    Gender,
    Picklist(PicklistName),
    /// A link to another record, chosen by searching that kind.
    Link(RecordKind),
}

pub const GENDERS: [(&str, Text); 4] = [
    ("male", Text::Male),
    ("female", Text::Female),
    ("other", Text::OtherGender),
    ("unknown", Text::Unknown),
];

impl Field {
    /// The fields of a kind, in the order screens show them.
    pub fn of(kind: RecordKind) -> &'static [Field] {
        use Field::*;
        match kind {
            RecordKind::Prospect => &[
                Status,
                LastName,
                FirstName,
                Gender,
                Birthday,
                JobTitle,
                CompanyName,
                Source,
                Industry,
                InputSource,
                NationalId,
                Notes,
            ],
            RecordKind::Lead => &[
                Status,
                LastName,
                FirstName,
                Gender,
                Birthday,
                JobTitle,
                CompanyName,
                Source,
                Industry,
                NationalId,
                Notes,
            ],
            RecordKind::Contact => &[
                Status, LastName, FirstName, Gender, Birthday, JobTitle, Account, Source, Industry,
                NationalId, Notes,
            ],
            RecordKind::Account => &[
                Status,
                Name,
                Source,
                Industry,
                OrgSize,
                ContactSource,
                CustomerGroup,
                ContactStatus,
                Notes,
            ],
            RecordKind::Opportunity => &[
                Status,
                Name,
                Account,
                Contact,
                Amount,
                Currency,
                ExpectedClose,
                Probability,
                LostReason,
                Source,
                Notes,
            ],
        }
    }

    /// The field's name in the API (and in `errors[].field`).
    pub fn key(self) -> &'static str {
        match self {
            Field::Status => "status",
            Field::LastName => "last_name",
            Field::FirstName => "first_name",
            Field::Name => "name",
            Field::Birthday => "birthday",
            Field::Gender => "gender",
            Field::NationalId => "national_id",
            Field::JobTitle => "job_title",
            Field::CompanyName => "company_name",
            Field::Account => "account_id",
            Field::Contact => "contact_id",
            Field::Source => "source",
            Field::Industry => "industry",
            Field::OrgSize => "org_size",
            Field::ContactSource => "contact_source",
            Field::CustomerGroup => "customer_group",
            Field::ContactStatus => "contact_status",
            Field::Amount => "amount",
            Field::Currency => "currency",
            Field::ExpectedClose => "expected_close_date",
            Field::Probability => "probability",
            Field::LostReason => "lost_reason",
            Field::InputSource => "input_source",
            Field::Notes => "notes",
        }
    }

    pub fn label(self, kind: RecordKind) -> Text {
        match self {
            Field::Status if kind == RecordKind::Opportunity => Text::Stage,
            Field::Status => Text::Status,
            Field::LastName => Text::LastName,
            Field::FirstName => Text::FirstName,
            Field::Name => Text::Name,
            Field::Birthday => Text::Birthday,
            Field::Gender => Text::Gender,
            Field::NationalId => Text::NationalId,
            Field::JobTitle => Text::JobTitle,
            Field::CompanyName => Text::Company,
            Field::Account => Text::Account,
            Field::Contact => Text::ContactPerson,
            Field::Source => Text::Source,
            Field::Industry => Text::Industry,
            Field::OrgSize => Text::OrgSize,
            Field::ContactSource => Text::ContactSource,
            Field::CustomerGroup => Text::CustomerGroup,
            Field::ContactStatus => Text::ContactStatus,
            Field::Amount => Text::Amount,
            Field::Currency => Text::Currency,
            Field::ExpectedClose => Text::ExpectedClose,
            Field::Probability => Text::Probability,
            Field::LostReason => Text::LostReason,
            Field::InputSource => Text::InputSource,
            Field::Notes => Text::Notes,
        }
    }

    pub fn editor(self) -> Editor {
        match self {
            Field::Status => Editor::Status,
            Field::Gender => Editor::Gender,
            Field::Birthday | Field::ExpectedClose => Editor::Date,
            Field::Probability => Editor::Number,
            Field::Notes => Editor::Textarea,
            Field::Account => Editor::Link(RecordKind::Account),
            Field::Contact => Editor::Link(RecordKind::Contact),
            Field::Source => Editor::Picklist(PicklistName::Source),
            Field::Industry => Editor::Picklist(PicklistName::Industry),
            Field::OrgSize => Editor::Picklist(PicklistName::OrgSize),
            Field::ContactSource => Editor::Picklist(PicklistName::ContactSource),
            Field::CustomerGroup => Editor::Picklist(PicklistName::CustomerGroup),
            Field::ContactStatus => Editor::Picklist(PicklistName::ContactStatus),
            Field::LostReason => Editor::Picklist(PicklistName::LostReason),
            _ => Editor::Text,
        }
    }

    /// Required on create.
    pub fn required(self) -> bool {
        matches!(self, Field::FirstName | Field::Name)
    }

    /// The stored value as text (a key for pickers, an id for links).
    pub fn get(self, r: &Record) -> Option<String> {
        let s = |v: &Option<String>| v.clone().filter(|x| !x.is_empty());
        let id = |v: &Option<Uuid>| v.map(|u| u.to_string());
        match self {
            Field::Status => Some(r.status.clone()),
            Field::LastName => s(&r.last_name),
            Field::FirstName => s(&r.first_name),
            Field::Name => Some(r.name.clone()),
            Field::Birthday => s(&r.birthday),
            Field::Gender => s(&r.gender),
            Field::NationalId => s(&r.national_id),
            Field::JobTitle => s(&r.job_title),
            Field::CompanyName => s(&r.company_name),
            Field::Account => id(&r.account_id),
            Field::Contact => id(&r.contact_id),
            Field::Source => s(&r.source),
            Field::Industry => s(&r.industry),
            Field::OrgSize => s(&r.org_size),
            Field::ContactSource => s(&r.contact_source),
            Field::CustomerGroup => s(&r.customer_group),
            Field::ContactStatus => s(&r.contact_status),
            Field::Amount => s(&r.amount),
            Field::Currency => s(&r.currency),
            Field::ExpectedClose => s(&r.expected_close_date),
            Field::Probability => r.probability.map(|p| p.to_string()),
            Field::LostReason => s(&r.lost_reason),
            Field::InputSource => s(&r.input_source),
            Field::Notes => s(&r.notes),
        }
    }

    /// Writes a value (None clears it). Text the field cannot hold (a probability that is no
    /// number) is left for the server to reject by name.
    pub fn set(self, input: &mut RecordInput, v: Option<String>) {
        let v = v.map(|x| x.trim().to_owned()).filter(|x| !x.is_empty());
        let id = |v: &Option<String>| v.as_deref().and_then(|x| Uuid::parse_str(x).ok());
        match self {
            Field::Status => input.status = Some(v),
            Field::LastName => input.last_name = Some(v),
            Field::FirstName => input.first_name = Some(v),
            Field::Name => input.name = Some(v),
            Field::Birthday => input.birthday = Some(v),
            Field::Gender => input.gender = Some(v),
            Field::NationalId => input.national_id = Some(v),
            Field::JobTitle => input.job_title = Some(v),
            Field::CompanyName => input.company_name = Some(v),
            Field::Account => input.account_id = Some(id(&v)),
            Field::Contact => input.contact_id = Some(id(&v)),
            Field::Source => input.source = Some(v),
            Field::Industry => input.industry = Some(v),
            Field::OrgSize => input.org_size = Some(v),
            Field::ContactSource => input.contact_source = Some(v),
            Field::CustomerGroup => input.customer_group = Some(v),
            Field::ContactStatus => input.contact_status = Some(v),
            Field::Amount => input.amount = Some(v),
            Field::Currency => input.currency = Some(v),
            Field::ExpectedClose => input.expected_close_date = Some(v),
            Field::Probability => input.probability = Some(v.and_then(|x| x.parse().ok())),
            Field::LostReason => input.lost_reason = Some(v),
            Field::InputSource => input.input_source = Some(v),
            Field::Notes => input.notes = Some(v),
        }
    }
}

/// Splits a full name typed in Vietnamese order: the last word is the given name.
pub fn split_person_name(full: &str) -> (Option<String>, String) {
    let words: Vec<&str> = full.split_whitespace().collect();
    match words.split_last() {
        Some((first, [])) => (None, (*first).to_owned()),
        Some((first, rest)) => (Some(rest.join(" ")), (*first).to_owned()),
        None => (None, String::new()),
    }
}
