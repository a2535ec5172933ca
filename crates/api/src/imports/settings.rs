//! The workspace settings an import reads rows against, loaded once per import: statuses,
//! picklists and custom fields, so picklist cells can be matched by key or by label.

use std::collections::HashMap;

use sen_domain::custom_field::FieldType;
use sen_domain::import::{ColumnType, CustomColumn, FieldSpec, catalogue};
use sen_domain::kind::RecordKind;
use sen_domain::value::search_key;
use sen_store::ConnectionTrait;
use sen_store::repo::{custom_fields, picklists, statuses};
use uuid::Uuid;

use crate::error::ApiResult;
use crate::routes::records::lookups::Lookups;

/// Choices of a picklist-like column: `(key, folded key, folded labels)`.
type Choices = Vec<(String, Vec<String>)>;

/// One kind's import settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The kind.
    pub kind: RecordKind,
    /// Its columns, custom fields included, with their dropdown choices.
    pub fields: Vec<FieldSpec>,
    statuses: Choices,
    picklists: HashMap<String, Choices>,
    custom_options: HashMap<String, Choices>,
    /// The same settings as record validation reads them, loaded once for every row.
    pub lookups: Lookups,
}

impl Settings {
    /// Loads the settings of `kind` in workspace `ws`.
    pub async fn load(
        db: &impl ConnectionTrait,
        ws: Uuid,
        kind: RecordKind,
    ) -> ApiResult<Settings> {
        let status_rows = statuses::list(db, ws, kind).await?;
        let statuses: Choices = status_rows
            .iter()
            .map(|s| (s.key.clone(), folded(&[&s.key, &s.label_vi, &s.label_en])))
            .collect();
        let mut picklists: HashMap<String, Choices> = HashMap::new();
        for p in picklists::all(db, ws).await? {
            picklists
                .entry(p.list.clone())
                .or_default()
                .push((p.key.clone(), folded(&[&p.key, &p.label_vi, &p.label_en])));
        }
        let mut custom = Vec::new();
        let mut custom_options = HashMap::new();
        for m in custom_fields::list(db, ws, kind).await? {
            let Some(field_type) = FieldType::parse(&m.field_type) else {
                continue;
            };
            let options = custom_fields::options(&m)?;
            custom_options.insert(
                m.key.clone(),
                options
                    .iter()
                    .map(|o| (o.key.clone(), folded(&[&o.key, &o.label_vi, &o.label_en])))
                    .collect(),
            );
            custom.push(CustomColumn {
                key: m.key.clone(),
                label: m.label_vi.clone(),
                field_type,
                required: m.required,
                options: options.into_iter().map(|o| o.key).collect(),
            });
        }
        let mut fields = catalogue(kind, &custom);
        for f in &mut fields {
            f.choices = match &f.column {
                ColumnType::Status => statuses.iter().map(|(k, _)| k.clone()).collect(),
                ColumnType::Picklist(list) => picklists
                    .get(*list)
                    .map(|c| c.iter().map(|(k, _)| k.clone()).collect())
                    .unwrap_or_default(),
                ColumnType::Word(words) => words.iter().map(|w| (*w).to_owned()).collect(),
                _ => f.choices.clone(),
            };
        }
        Ok(Settings {
            kind,
            fields,
            statuses,
            picklists,
            custom_options,
            lookups: Lookups::preload(db, ws, kind).await?,
        })
    }

    /// The field named `name`.
    pub fn field(&self, name: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The status whose key or label is `text`.
    pub fn status(&self, text: &str) -> Option<String> {
        find(&self.statuses, text)
    }

    /// The value of picklist `list` whose key or label is `text`.
    pub fn pick(&self, list: &str, text: &str) -> Option<String> {
        self.picklists.get(list).and_then(|c| find(c, text))
    }

    /// The option of custom select `key` whose key or label is `text`.
    pub fn custom_option(&self, key: &str, text: &str) -> Option<String> {
        self.custom_options.get(key).and_then(|c| find(c, text))
    }
}

fn folded(texts: &[&str]) -> Vec<String> {
    texts
        .iter()
        .map(|t| search_key(t))
        .filter(|t| !t.is_empty())
        .collect()
}

fn find(choices: &Choices, text: &str) -> Option<String> {
    let want = search_key(text);
    choices
        .iter()
        .find(|(key, names)| key == text.trim() || names.contains(&want))
        .map(|(key, _)| key.clone())
}
