//! The application shell: top bar, the current screen, quick-create, toasts, footer.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, session};
use crate::components::{ApiStatus, QuickCreate, ToastList, TopBar};
use crate::i18n::{self, I18n};
use crate::pages;
use crate::router::{self, Route};
use crate::state::{AppCtx, Refs, Toasts};

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(i18n::saved_lang());
    let path = RwSignal::new(router::current_path());
    let route = Memo::new(move |_| Route::parse(&path.get()));
    let ctx = AppCtx {
        lang,
        route,
        me: RwSignal::new(None),
        refs: Refs::new(),
        toasts: Toasts::new(),
        quick_create: RwSignal::new(false),
    };
    provide_context(ctx);
    provide_context(I18n(lang));
    // Lives as long as the app: never removed.
    let _ = window_event_listener(leptos::ev::popstate, move |_| {
        path.set(router::current_path())
    });

    // Keep <html lang> in step with the chosen language (screen readers, hyphenation).
    Effect::new(move |_| {
        let l = lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", l.tag());
        }
        i18n::save_lang(l);
    });

    // A logged-in screen without the current user: fetch it (once at a time).
    let loading_me = StoredValue::new(false);
    Effect::new(move |_| {
        let r = route.get();
        if r.is_public() || !session::is_logged_in() || ctx.me.with_untracked(Option::is_some) {
            return;
        }
        if loading_me.get_value() {
            return;
        }
        loading_me.set_value(true);
        spawn_local(async move {
            if let Ok(me) = api::auth::me().await {
                ctx.me.set(Some(me));
                ctx.refs.ensure_common();
            }
            loading_me.set_value(false);
        });
    });

    view! {
        <TopBar/>
        <main class="app-main">{move || pages::page(route.get())}</main>
        <QuickCreate/>
        <ToastList/>
        <footer class="app-footer">
            <ApiStatus/>
        </footer>
    }
}
