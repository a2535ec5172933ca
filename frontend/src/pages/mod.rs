//! The screens, one per route. Logged-out visitors of other screens go to the login screen.

mod create;
mod detail;
mod import;
mod list;
mod login;
mod not_found;
mod pipeline;
pub(crate) mod record_inputs;
mod settings;
mod signup;

use leptos::prelude::*;

use crate::api::session;
use crate::router::{self, Route};

/// Redirects after the current render (navigating while rendering would re-enter it).
fn redirect_later(path: &'static str) -> AnyView {
    queue_microtask(move || router::redirect(path));
    ().into_any()
}

pub fn page(route: Route) -> AnyView {
    if !route.is_public() && !session::is_logged_in() {
        return redirect_later("/login");
    }
    match route {
        Route::Login => view! { <login::LoginPage/> }.into_any(),
        Route::Signup => view! { <signup::SignupPage/> }.into_any(),
        Route::Home => redirect_later("/leads"),
        Route::List(kind) => view! { <list::ListPage kind/> }.into_any(),
        Route::New(kind) => view! { <create::CreatePage kind/> }.into_any(),
        Route::Import(kind) => view! { <import::ImportPage kind/> }.into_any(),
        Route::Detail(kind, id) => view! { <detail::DetailPage kind id/> }.into_any(),
        Route::Pipeline => view! { <pipeline::PipelinePage/> }.into_any(),
        Route::Settings(section) => view! { <settings::SettingsPage section/> }.into_any(),
        Route::NotFound => view! { <not_found::NotFound/> }.into_any(),
    }
}
