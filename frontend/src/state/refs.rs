//! The workspace's reference data that many screens show: users, teams, statuses, picklists,
//! custom fields. Loaded once when first needed, reloaded after a settings change.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::record::RecordKind;
use sen_api_types::settings::{Choice, CustomField, Picklist, PicklistName, Status};
use sen_api_types::team::Team;
use sen_api_types::user::User;
use uuid::Uuid;

use crate::api;
use crate::i18n::Lang;

#[derive(Clone, Copy)]
pub struct Refs {
    pub users: RwSignal<Vec<User>>,
    pub teams: RwSignal<Vec<Team>>,
    pub picklists: RwSignal<Vec<Picklist>>,
    pub statuses: RwSignal<HashMap<RecordKind, Vec<Status>>>,
    pub custom_fields: RwSignal<HashMap<RecordKind, Vec<CustomField>>>,
    common_loaded: StoredValue<bool>,
    kinds_loaded: StoredValue<HashSet<RecordKind>>,
}

/// A choice's label in a language.
pub fn choice_label(c: &Choice, lang: Lang) -> String {
    match lang {
        Lang::Vi => c.label_vi.clone(),
        Lang::En => c.label_en.clone(),
    }
}

impl Refs {
    pub fn new() -> Self {
        Refs {
            users: RwSignal::new(Vec::new()),
            teams: RwSignal::new(Vec::new()),
            picklists: RwSignal::new(Vec::new()),
            statuses: RwSignal::new(HashMap::new()),
            custom_fields: RwSignal::new(HashMap::new()),
            common_loaded: StoredValue::new(false),
            kinds_loaded: StoredValue::new(HashSet::new()),
        }
    }

    /// Users, teams and picklists, once.
    pub fn ensure_common(self) {
        if self.common_loaded.get_value() {
            return;
        }
        self.common_loaded.set_value(true);
        self.reload_users();
        self.reload_teams();
        self.reload_picklists();
    }

    /// A kind's statuses and custom fields, once.
    pub fn ensure_kind(self, kind: RecordKind) {
        if self.kinds_loaded.with_value(|k| k.contains(&kind)) {
            return;
        }
        self.kinds_loaded.update_value(|k| {
            k.insert(kind);
        });
        self.reload_statuses(kind);
        self.reload_custom_fields(kind);
    }

    /// Forget everything (another user logged in).
    pub fn reset(self) {
        self.common_loaded.set_value(false);
        self.kinds_loaded.set_value(HashSet::new());
    }

    pub fn reload_users(self) {
        spawn_local(async move {
            if let Ok(l) = api::users::list().await {
                self.users.set(l.items);
            }
        });
    }

    pub fn reload_teams(self) {
        spawn_local(async move {
            if let Ok(l) = api::teams::list().await {
                self.teams.set(l.items);
            }
        });
    }

    pub fn reload_picklists(self) {
        spawn_local(async move {
            if let Ok(l) = api::settings::picklists().await {
                self.picklists.set(l.items);
            }
        });
    }

    pub fn reload_statuses(self, kind: RecordKind) {
        spawn_local(async move {
            if let Ok(l) = api::settings::statuses(kind).await {
                self.statuses.update(|m| {
                    m.insert(kind, l.statuses);
                });
            }
        });
    }

    pub fn reload_custom_fields(self, kind: RecordKind) {
        spawn_local(async move {
            if let Ok(l) = api::settings::custom_fields(kind).await {
                self.custom_fields.update(|m| {
                    m.insert(kind, l.items);
                });
            }
        });
    }

    /// A user's name (their id while the list loads).
    pub fn user_name(self, id: Uuid) -> String {
        self.users.with(|us| {
            us.iter()
                .find(|u| u.id == id)
                .map_or_else(|| short_id(id), |u| u.name.clone())
        })
    }

    /// `(key, label)` of a kind's statuses, in order.
    pub fn status_options(self, kind: RecordKind, lang: Lang) -> Vec<(String, String)> {
        self.statuses.with(|m| {
            m.get(&kind)
                .map(|v| {
                    v.iter()
                        .map(|s| {
                            let label = match lang {
                                Lang::Vi => s.label_vi.clone(),
                                Lang::En => s.label_en.clone(),
                            };
                            (s.key.clone(), label)
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    }

    pub fn status_label(self, kind: RecordKind, key: &str, lang: Lang) -> String {
        self.status_options(kind, lang)
            .into_iter()
            .find(|(k, _)| k == key)
            .map_or_else(|| key.to_owned(), |(_, l)| l)
    }

    /// `(key, label)` of a picklist's values, in order.
    pub fn picklist_options(self, name: PicklistName, lang: Lang) -> Vec<(String, String)> {
        self.picklists.with(|ps| {
            ps.iter()
                .find(|p| p.name == name)
                .map(|p| {
                    p.values
                        .iter()
                        .map(|c| (c.key.clone(), choice_label(c, lang)))
                        .collect()
                })
                .unwrap_or_default()
        })
    }

    pub fn picklist_label(self, name: PicklistName, key: &str, lang: Lang) -> String {
        self.picklist_options(name, lang)
            .into_iter()
            .find(|(k, _)| k == key)
            .map_or_else(|| key.to_owned(), |(_, l)| l)
    }

    pub fn custom_fields_of(self, kind: RecordKind) -> Vec<CustomField> {
        self.custom_fields
            .with(|m| m.get(&kind).cloned().unwrap_or_default())
    }
}

fn short_id(id: Uuid) -> String {
    id.to_string().chars().take(8).collect()
}
