//! Workspace settings: a menu of sections, each its own screen.

mod api_keys;
mod custom_fields;
mod duplicate_rules;
mod kind_tabs;
mod picklists;
mod statuses;
mod tags;
mod teams;
mod users;

use leptos::prelude::*;

use crate::components::Link;
use crate::i18n::{Text, settings_section, use_i18n};
use crate::router::{self, SettingsSection};
use crate::state::use_app;

#[component]
pub fn SettingsPage(section: SettingsSection) -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let menu = SettingsSection::ALL
        .into_iter()
        .map(|s| {
            view! {
                <li class:current=s == section>
                    <Link href=router::settings_path(s) id=format!("settings-{}", s.slug())>
                        {move || settings_section(i.lang(), s)}
                    </Link>
                </li>
            }
        })
        .collect_view();
    let body = move || {
        if !section.for_everyone() && !ctx.is_admin() {
            return view! { <p class="empty-state">{i.tr(Text::AdminsOnly)}</p> }.into_any();
        }
        match section {
            SettingsSection::Statuses => view! { <statuses::Statuses/> }.into_any(),
            SettingsSection::Picklists => view! { <picklists::Picklists/> }.into_any(),
            SettingsSection::CustomFields => view! { <custom_fields::CustomFields/> }.into_any(),
            SettingsSection::Tags => view! { <tags::Tags/> }.into_any(),
            SettingsSection::Teams => view! { <teams::Teams/> }.into_any(),
            SettingsSection::DuplicateRules => {
                view! { <duplicate_rules::DuplicateRulesSettings/> }.into_any()
            }
            SettingsSection::Users => view! { <users::Users/> }.into_any(),
            SettingsSection::ApiKeys => view! { <api_keys::ApiKeys/> }.into_any(),
        }
    };
    view! {
        <section class="settings-page">
            <nav class="settings-menu" aria-label=i.tr(Text::Settings)>
                <h2>{i.tr(Text::Settings)}</h2>
                <ul>{menu}</ul>
            </nav>
            <div class="settings-body" data-section=section.slug()>{move || body().into_any()}</div>
        </section>
    }
}
