//! Tabs to pick the record kind a setting is for.

use leptos::prelude::*;
use sen_api_types::record::RecordKind;

use crate::i18n::{kind_plural, use_i18n};

#[component]
pub fn KindTabs(kind: RwSignal<RecordKind>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <div class="tabs" role="tablist">
            {RecordKind::ALL.into_iter().map(|k| view! {
                <button type="button" role="tab" class="tab" data-kind=k.plural()
                    aria-selected=move || (kind.get() == k).to_string()
                    on:click=move |_| kind.set(k)>
                    {move || kind_plural(i.lang(), k)}
                </button>
            }).collect_view()}
        </div>
    }
}
