//! A small path router over the History API: the screen is a function of `location.pathname`.
//!
//! `navigate` pushes a path and fires `popstate`, so links, code and the back button all reach
//! the one listener that updates the app's path signal.

use sen_api_types::record::RecordKind;
use uuid::Uuid;
use wasm_bindgen::JsValue;

/// The admin screens under `/settings/…`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingsSection {
    Statuses,
    Picklists,
    CustomFields,
    Tags,
    Teams,
    DuplicateRules,
    Users,
    ApiKeys,
}

impl SettingsSection {
    pub const ALL: [SettingsSection; 8] = [
        SettingsSection::Statuses,
        SettingsSection::Picklists,
        SettingsSection::CustomFields,
        SettingsSection::Tags,
        SettingsSection::Teams,
        SettingsSection::DuplicateRules,
        SettingsSection::Users,
        SettingsSection::ApiKeys,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            SettingsSection::Statuses => "statuses",
            SettingsSection::Picklists => "picklists",
            SettingsSection::CustomFields => "custom-fields",
            SettingsSection::Tags => "tags",
            SettingsSection::Teams => "teams",
            SettingsSection::DuplicateRules => "duplicate-rules",
            SettingsSection::Users => "users",
            SettingsSection::ApiKeys => "api-keys",
        }
    }

    /// Sections any member may use; the others are for owners and admins.
    pub fn for_everyone(self) -> bool {
        matches!(self, SettingsSection::Tags | SettingsSection::ApiKeys)
    }
}

/// A screen of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Login,
    Signup,
    List(RecordKind),
    New(RecordKind),
    /// The import wizard of a kind.
    Import(RecordKind),
    Detail(RecordKind, Uuid),
    /// The opportunity pipeline board.
    Pipeline,
    Settings(SettingsSection),
    NotFound,
}

impl Route {
    pub fn parse(path: &str) -> Route {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::Home,
            ["login"] => Route::Login,
            ["signup"] => Route::Signup,
            ["opportunities", "pipeline"] => Route::Pipeline,
            ["settings"] => Route::Settings(SettingsSection::Tags),
            ["settings", s] => SettingsSection::ALL
                .into_iter()
                .find(|x| x.slug() == *s)
                .map_or(Route::NotFound, Route::Settings),
            [k, rest @ ..] => match (RecordKind::parse_plural(k), rest) {
                (Some(kind), []) => Route::List(kind),
                (Some(kind), ["new"]) => Route::New(kind),
                (Some(kind), ["import"]) => Route::Import(kind),
                (Some(kind), [id]) => {
                    Uuid::parse_str(id).map_or(Route::NotFound, |id| Route::Detail(kind, id))
                }
                _ => Route::NotFound,
            },
        }
    }

    /// Screens reachable without logging in.
    pub fn is_public(self) -> bool {
        matches!(self, Route::Login | Route::Signup)
    }
}

pub fn list_path(kind: RecordKind) -> String {
    format!("/{}", kind.plural())
}

pub fn import_path(kind: RecordKind) -> String {
    format!("/{}/import", kind.plural())
}

pub const PIPELINE_PATH: &str = "/opportunities/pipeline";

pub fn detail_path(kind: RecordKind, id: Uuid) -> String {
    format!("/{}/{id}", kind.plural())
}

pub fn settings_path(s: SettingsSection) -> String {
    format!("/settings/{}", s.slug())
}

/// The path the browser shows now.
pub fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".to_owned())
}

fn go(path: &str, replace: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ = if replace {
            history.replace_state_with_url(&JsValue::NULL, "", Some(path))
        } else {
            history.push_state_with_url(&JsValue::NULL, "", Some(path))
        };
    }
    if let Ok(ev) = web_sys::Event::new("popstate") {
        let _ = window.dispatch_event(&ev);
    }
    window.scroll_to_with_x_and_y(0.0, 0.0);
}

/// Opens a path as a new history entry.
pub fn navigate(path: &str) {
    go(path, false);
}

/// Opens a path in place of the current entry (redirects).
pub fn redirect(path: &str) {
    go(path, true);
}
