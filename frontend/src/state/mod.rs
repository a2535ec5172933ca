//! App-wide state, shared through Leptos context: the route, the language, the logged-in user,
//! the workspace's reference data and the toasts.

mod refs;
mod toasts;

use leptos::prelude::*;
use sen_api_types::auth::Me;

pub use refs::Refs;
pub use toasts::{ToastText, Toasts};

use crate::i18n::Lang;
use crate::router::Route;

#[derive(Clone, Copy)]
pub struct AppCtx {
    pub lang: RwSignal<Lang>,
    pub route: Memo<Route>,
    pub me: RwSignal<Option<Me>>,
    pub refs: Refs,
    pub toasts: Toasts,
    /// Whether the quick-create dialog is open.
    pub quick_create: RwSignal<bool>,
}

impl AppCtx {
    /// Owners and admins manage the workspace settings.
    pub fn is_admin(self) -> bool {
        self.me
            .with(|m| m.as_ref().is_some_and(|m| m.user.role.is_admin()))
    }
}

pub fn use_app() -> AppCtx {
    expect_context::<AppCtx>()
}
