//! Tags as chips; typing a name and pressing Enter adds it (the API creates unknown tags), with
//! the workspace's tags suggested as you type.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::KeyboardEvent;

use super::OptionList;
use crate::api;
use crate::i18n::{Text, use_i18n};

#[component]
pub fn TagsEditor(
    #[prop(into)] tags: Signal<Vec<String>>,
    on_change: Callback<Vec<String>>,
) -> impl IntoView {
    let i = use_i18n();
    let draft = RwSignal::new(String::new());
    let suggestions = RwSignal::new(Vec::<String>::new());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let suggest = move |q: String| {
        spawn_local(async move {
            if let Ok(list) = api::tags::list(&q, 10).await {
                suggestions.set(list.items.into_iter().map(|t| t.name).collect());
            }
        });
    };
    let add = move || {
        let name = draft.get_untracked().trim().to_owned();
        if name.is_empty() {
            return;
        }
        let mut next = tags.get_untracked();
        if !next.iter().any(|t| t.to_lowercase() == name.to_lowercase()) {
            next.push(name);
            on_change.run(next);
        }
        draft.set(String::new());
    };
    let on_key = move |ev: KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            add();
        }
    };
    let on_input = move |ev| {
        let v = event_target_value(&ev);
        draft.set(v.clone());
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        pending.set_value(
            set_timeout_with_handle(move || suggest(v), Duration::from_millis(200)).ok(),
        );
    };
    let remove = move |name: String| {
        let next: Vec<String> = tags
            .get_untracked()
            .into_iter()
            .filter(|t| *t != name)
            .collect();
        on_change.run(next);
    };
    view! {
        <div class="tags-editor">
            <ul class="chips">
                <For each=move || tags.get() key=|t| t.clone() let:tag>
                    <li class="chip" data-tag=tag.clone()>
                        <span>{tag.clone()}</span>
                        <button type="button" class="chip-remove" title=i.tr(Text::Remove)
                            on:click={
                                let tag = tag.clone();
                                move |_| remove(tag.clone())
                            }>"×"</button>
                    </li>
                </For>
            </ul>
            <input
                type="text"
                class="tag-input"
                list="tag-suggestions"
                placeholder=i.tr(Text::AddTag)
                prop:value=draft
                on:input=on_input
                on:keydown=on_key
                on:focus=move |_| suggest(String::new())
            />
            <datalist id="tag-suggestions">
                <OptionList options=Signal::derive(move || suggestions.get().into_iter().map(|s| (s.clone(), s)).collect::<Vec<_>>())/>
            </datalist>
        </div>
    }
}
