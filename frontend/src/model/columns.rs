//! The columns a record list can show, and the user's choice of them per kind (kept in
//! localStorage).

use sen_api_types::record::RecordKind;

use crate::i18n::Text;
use crate::storage;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Name,
    Status,
    Phone,
    Email,
    Company,
    Owner,
    Source,
    Industry,
    Tags,
    City,
    Amount,
    CreatedAt,
    UpdatedAt,
}

impl Column {
    const ALL: [Column; 13] = [
        Column::Name,
        Column::Status,
        Column::Phone,
        Column::Email,
        Column::Company,
        Column::Owner,
        Column::Source,
        Column::Industry,
        Column::Tags,
        Column::City,
        Column::Amount,
        Column::CreatedAt,
        Column::UpdatedAt,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Status => "status",
            Column::Phone => "phone",
            Column::Email => "email",
            Column::Company => "company",
            Column::Owner => "owner",
            Column::Source => "source",
            Column::Industry => "industry",
            Column::Tags => "tags",
            Column::City => "city",
            Column::Amount => "amount",
            Column::CreatedAt => "created_at",
            Column::UpdatedAt => "updated_at",
        }
    }

    pub fn label(self, kind: RecordKind) -> Text {
        match self {
            Column::Name => Text::Name,
            Column::Status if kind == RecordKind::Opportunity => Text::Stage,
            Column::Status => Text::Status,
            Column::Phone => Text::Phone,
            Column::Email => Text::Email,
            Column::Company => Text::Company,
            Column::Owner => Text::Owner,
            Column::Source => Text::Source,
            Column::Industry => Text::Industry,
            Column::Tags => Text::Tags,
            Column::City => Text::City,
            Column::Amount => Text::Amount,
            Column::CreatedAt => Text::CreatedAt,
            Column::UpdatedAt => Text::UpdatedAt,
        }
    }

    /// The `sort` name of the column, when the API can sort by it.
    pub fn sort_key(self) -> Option<&'static str> {
        match self {
            Column::Name => Some("name"),
            Column::Status => Some("status"),
            Column::Owner => Some("owner_id"),
            Column::Source => Some("source"),
            Column::Industry => Some("industry"),
            Column::City => Some("city"),
            Column::CreatedAt => Some("created_at"),
            Column::UpdatedAt => Some("updated_at"),
            _ => None,
        }
    }

    /// Every column that means something for a kind.
    pub fn available(kind: RecordKind) -> Vec<Column> {
        Column::ALL
            .into_iter()
            .filter(|c| match c {
                Column::Amount => kind == RecordKind::Opportunity,
                Column::Phone | Column::Email | Column::City => kind != RecordKind::Opportunity,
                Column::Company => kind != RecordKind::Account,
                _ => true,
            })
            .collect()
    }

    fn defaults(kind: RecordKind) -> Vec<Column> {
        match kind {
            RecordKind::Opportunity => vec![
                Column::Name,
                Column::Status,
                Column::Amount,
                Column::Owner,
                Column::CreatedAt,
            ],
            RecordKind::Account => vec![
                Column::Name,
                Column::Status,
                Column::Phone,
                Column::Email,
                Column::Owner,
                Column::CreatedAt,
            ],
            _ => vec![
                Column::Name,
                Column::Status,
                Column::Phone,
                Column::Email,
                Column::Company,
                Column::Owner,
                Column::Tags,
                Column::CreatedAt,
            ],
        }
    }
}

fn storage_key(kind: RecordKind) -> String {
    format!("sen.columns.{}", kind.plural())
}

/// The user's columns for a kind (the defaults until they choose).
pub fn load(kind: RecordKind) -> Vec<Column> {
    from_keys(kind, &storage::get(&storage_key(kind)).unwrap_or_default())
}

/// Columns from their comma-separated keys (unknown keys dropped; the defaults when none is
/// left).
pub fn from_keys(kind: RecordKind, keys: &str) -> Vec<Column> {
    let available = Column::available(kind);
    let chosen: Vec<Column> = keys
        .split(',')
        .filter_map(|k| available.iter().copied().find(|c| c.key() == k))
        .collect();
    if chosen.is_empty() {
        Column::defaults(kind)
    } else {
        chosen
    }
}

/// The comma-separated keys of columns.
pub fn to_keys(cols: &[Column]) -> String {
    cols.iter().map(|c| c.key()).collect::<Vec<_>>().join(",")
}

pub fn save(kind: RecordKind, cols: &[Column]) {
    storage::set(&storage_key(kind), &to_keys(cols));
}

/// Toggles a column, keeping the order of `available`; the name column always stays.
pub fn toggle(kind: RecordKind, cols: &[Column], col: Column) -> Vec<Column> {
    if col == Column::Name {
        return cols.to_vec();
    }
    Column::available(kind)
        .into_iter()
        .filter(|c| {
            if *c == col {
                !cols.contains(c)
            } else {
                cols.contains(c)
            }
        })
        .collect()
}
