//! The record being edited on the detail screen, shared by its sections: each saves through
//! here, with the version it showed.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::error::{ErrorCode, FieldError};
use sen_api_types::record::{Record, RecordInput, RecordKind};

use crate::api;
use crate::i18n::Text;
use crate::state::Toasts;

#[derive(Clone, Copy)]
pub struct RecordEditor {
    pub kind: RecordKind,
    pub rec: RwSignal<Option<Record>>,
    /// Field errors of the last save.
    pub errors: RwSignal<Vec<FieldError>>,
    /// Someone else changed the record since it was loaded (412).
    pub stale: RwSignal<bool>,
    pub toasts: Toasts,
}

impl RecordEditor {
    /// The record's version, 0 before it loads.
    pub fn version(self) -> Signal<i64> {
        Signal::derive(move || self.rec.with(|r| r.as_ref().map_or(0, |r| r.version)))
    }

    /// Saves the `touched` fields of `input`.
    pub fn save(self, input: RecordInput, touched: Vec<&'static str>) {
        let Some((id, version)) = self
            .rec
            .with_untracked(|r| r.as_ref().map(|r| (r.id, r.version)))
        else {
            return;
        };
        spawn_local(async move {
            match api::records::update(self.kind, id, version, &input, &touched).await {
                Ok(r) => {
                    self.rec.set(Some(r));
                    self.errors.set(Vec::new());
                    self.toasts.ok(Text::Saved);
                }
                Err(e) if e.is(ErrorCode::PreconditionFailed) => self.stale.set(true),
                Err(e) if !e.field_errors().is_empty() => {
                    self.errors.set(e.field_errors().to_vec())
                }
                Err(e) => self.toasts.error(e),
            }
        });
    }
}

pub fn use_editor() -> RecordEditor {
    expect_context::<RecordEditor>()
}
