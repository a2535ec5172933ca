//! The record being edited on the detail screen, shared by its sections: each saves through
//! here, with the version it showed.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::duplicate::DuplicateCandidate;
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
    /// The records a duplicate rule matched on the last save, and whether it blocks.
    pub dup: RwSignal<Vec<DuplicateCandidate>>,
    pub dup_blocked: RwSignal<bool>,
    /// The change a duplicate rule stopped, to send again "anyway".
    pub dup_pending: StoredValue<Option<(RecordInput, Vec<&'static str>)>>,
}

impl RecordEditor {
    /// The record's version, 0 before it loads.
    pub fn version(self) -> Signal<i64> {
        Signal::derive(move || self.rec.with(|r| r.as_ref().map_or(0, |r| r.version)))
    }

    /// Saves the `touched` fields of `input`.
    pub fn save(self, input: RecordInput, touched: Vec<&'static str>) {
        self.send(input, touched, false);
    }

    /// Sends again the change a `warn` duplicate rule stopped.
    pub fn save_anyway(self) {
        if let Some((input, touched)) = self.dup_pending.get_value() {
            self.send(input, touched, true);
        }
    }

    fn send(self, input: RecordInput, touched: Vec<&'static str>, allow_duplicate: bool) {
        let Some((id, version)) = self
            .rec
            .with_untracked(|r| r.as_ref().map(|r| (r.id, r.version)))
        else {
            return;
        };
        self.dup.set(Vec::new());
        spawn_local(async move {
            let res =
                api::records::update(self.kind, id, version, &input, &touched, allow_duplicate)
                    .await;
            match res {
                Ok(r) => {
                    self.rec.set(Some(r));
                    self.errors.set(Vec::new());
                    self.dup_pending.set_value(None);
                    self.toasts.ok(Text::Saved);
                }
                Err(e) if e.is(ErrorCode::PreconditionFailed) => self.stale.set(true),
                Err(e) if !e.candidates().is_empty() => {
                    self.dup_blocked.set(e.is(ErrorCode::DuplicateBlocked));
                    self.dup.set(e.candidates().to_vec());
                    self.dup_pending.set_value(Some((input, touched)));
                }
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
