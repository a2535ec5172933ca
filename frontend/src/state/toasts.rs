//! Short messages in a corner: results, errors that name no field, and "undo" offers.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::Text;

/// What a toast says; rendered in the current language, so a switch re-renders it.
#[derive(Clone, Debug)]
pub enum ToastText {
    Text(Text),
    /// A fixed text followed by a name, e.g. "Deleted: Nguyễn Văn An".
    TextWith(Text, String),
    Error(ApiError),
}

#[derive(Clone)]
pub struct Toast {
    pub id: u64,
    pub text: ToastText,
    pub error: bool,
    /// A button on the toast (e.g. "Undo"); the toast closes when it is pressed.
    pub action: Option<(Text, Arc<dyn Fn() + Send + Sync>)>,
}

#[derive(Clone, Copy)]
pub struct Toasts {
    pub list: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
}

impl Toasts {
    pub fn new() -> Self {
        Toasts {
            list: RwSignal::new(Vec::new()),
            next: StoredValue::new(1),
        }
    }

    fn push(
        self,
        text: ToastText,
        error: bool,
        action: Option<(Text, Arc<dyn Fn() + Send + Sync>)>,
    ) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        let secs = if action.is_some() { 12 } else { 6 };
        self.list.update(|l| {
            l.push(Toast {
                id,
                text,
                error,
                action,
            })
        });
        set_timeout(move || self.dismiss(id), Duration::from_secs(secs));
    }

    pub fn ok(self, text: Text) {
        self.push(ToastText::Text(text), false, None);
    }

    pub fn ok_with(self, text: Text, name: String) {
        self.push(ToastText::TextWith(text, name), false, None);
    }

    pub fn error(self, err: ApiError) {
        self.push(ToastText::Error(err), true, None);
    }

    pub fn with_action(self, text: ToastText, label: Text, run: impl Fn() + Send + Sync + 'static) {
        self.push(text, false, Some((label, Arc::new(run))));
    }

    pub fn dismiss(self, id: u64) {
        self.list.update(|l| l.retain(|t| t.id != id));
    }
}
