//! The workspace settings a record write checks its fields against (statuses, picklists,
//! custom fields). A single write reads them as it goes; an import loads them once and
//! validates every row against the same values, so 100,000 rows do not cost 300,000 reads.

use std::collections::{HashMap, HashSet};

use sen_domain::custom_field::CustomFieldDef;
use sen_domain::kind::RecordKind;
use sen_store::ConnectionTrait;
use sen_store::entity::status;
use sen_store::repo::{custom_fields, picklists, statuses};
use uuid::Uuid;

use crate::error::ApiResult;

/// Settings read from the database on each use, or loaded once.
#[derive(Debug, Clone, Default)]
pub struct Lookups {
    loaded: Option<Loaded>,
}

#[derive(Debug, Clone)]
struct Loaded {
    kind: RecordKind,
    statuses: Vec<status::Model>,
    picklists: HashMap<String, HashSet<String>>,
    custom: Vec<CustomFieldDef>,
}

impl Lookups {
    /// Reads from the database on each use (a single write).
    pub fn live() -> Lookups {
        Lookups::default()
    }

    /// Loads the settings of `kind` once (many writes of one kind in a row).
    pub async fn preload(
        db: &impl ConnectionTrait,
        ws: Uuid,
        kind: RecordKind,
    ) -> ApiResult<Lookups> {
        let mut picks: HashMap<String, HashSet<String>> = HashMap::new();
        for p in picklists::all(db, ws).await? {
            picks.entry(p.list).or_default().insert(p.key);
        }
        Ok(Lookups {
            loaded: Some(Loaded {
                kind,
                statuses: statuses::list(db, ws, kind).await?,
                picklists: picks,
                custom: custom_fields::defs(db, ws, kind).await?,
            }),
        })
    }

    fn for_kind(&self, kind: RecordKind) -> Option<&Loaded> {
        self.loaded.as_ref().filter(|l| l.kind == kind)
    }

    /// The status `key` of `kind`.
    pub async fn status(
        &self,
        db: &impl ConnectionTrait,
        ws: Uuid,
        kind: RecordKind,
        key: &str,
    ) -> ApiResult<Option<status::Model>> {
        Ok(match self.for_kind(kind) {
            Some(l) => l.statuses.iter().find(|s| s.key == key).cloned(),
            None => statuses::get(db, ws, kind, key).await?,
        })
    }

    /// The default status of `kind`.
    pub async fn default_status(
        &self,
        db: &impl ConnectionTrait,
        ws: Uuid,
        kind: RecordKind,
    ) -> ApiResult<Option<status::Model>> {
        Ok(match self.for_kind(kind) {
            Some(l) => l.statuses.iter().find(|s| s.is_default).cloned(),
            None => statuses::default_of(db, ws, kind).await?,
        })
    }

    /// Whether `key` is a value of picklist `list`.
    pub async fn has_pick(
        &self,
        db: &impl ConnectionTrait,
        ws: Uuid,
        list: &str,
        key: &str,
    ) -> ApiResult<bool> {
        Ok(match &self.loaded {
            Some(l) => l.picklists.get(list).is_some_and(|keys| keys.contains(key)),
            None => picklists::has_key(db, ws, list, key).await?,
        })
    }

    /// The custom fields of `kind`.
    pub async fn custom_defs(
        &self,
        db: &impl ConnectionTrait,
        ws: Uuid,
        kind: RecordKind,
    ) -> ApiResult<Vec<CustomFieldDef>> {
        Ok(match self.for_kind(kind) {
            Some(l) => l.custom.clone(),
            None => custom_fields::defs(db, ws, kind).await?,
        })
    }
}
