//! The bar on every screen: brand, the five lists, quick-create, settings, user, language.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::record::RecordKind;

use super::{LangSwitch, Link};
use crate::api;
use crate::i18n::{Text, kind_plural, use_i18n};
use crate::router::{self, Route};
use crate::state::use_app;

#[component]
pub fn TopBar() -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let logged_in = move || ctx.me.with(Option::is_some);
    let logout = move |_| {
        spawn_local(async move {
            api::auth::logout().await;
            ctx.me.set(None);
            ctx.refs.reset();
            router::navigate("/login");
        });
    };
    let current_kind = move || match ctx.route.get() {
        Route::List(k) | Route::New(k) | Route::Import(k) | Route::Detail(k, _) => Some(k),
        Route::Pipeline => Some(RecordKind::Opportunity),
        _ => None,
    };
    view! {
        <header class="app-header">
            <div class="brand">
                <h1 id="app-title">"Sen"</h1>
                <p id="app-tagline">{i.tr(Text::Tagline)}</p>
            </div>
            <div class="logged-in-part" hidden=move || !logged_in()>
                <nav class="kind-nav" aria-label=i.tr(Text::Lists)>
                    {RecordKind::ALL
                        .into_iter()
                        .map(|k| {
                            view! {
                                <span class:current=move || current_kind() == Some(k)>
                                    <Link href=router::list_path(k) id=format!("nav-{}", k.plural())>
                                        {move || kind_plural(i.lang(), k)}
                                    </Link>
                                </span>
                            }
                        })
                        .collect_view()}
                </nav>
                <div class="top-actions">
                    <button
                        type="button"
                        id="quick-create-open"
                        class="btn primary round"
                        title=i.tr(Text::QuickCreate)
                        aria-label=i.tr(Text::QuickCreate)
                        on:click=move |_| ctx.quick_create.set(true)
                    >
                        "+"
                    </button>
                    <Link href="/settings" id="nav-settings">
                        {i.tr(Text::Settings)}
                    </Link>
                    <span class="me-name">
                        {move || ctx.me.with(|m| m.as_ref().map(|m| m.user.name.clone()))}
                    </span>
                    <button type="button" id="logout" class="btn link" on:click=logout>
                        {i.tr(Text::Logout)}
                    </button>
                </div>
            </div>
            <LangSwitch/>
        </header>
    }
}
