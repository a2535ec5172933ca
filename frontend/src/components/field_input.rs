//! One input for a field's value as text: a text box, date, number, text area, a select, or a
//! set of check boxes (multi-select, kept as comma-separated keys).

use leptos::prelude::*;
use web_sys::KeyboardEvent;

use super::{Check, OptionList};
use crate::i18n::{Text, use_i18n};

/// The kind of input; options are `(key, label)`.
#[derive(Clone, Copy)]
pub enum InputKind {
    Text,
    Textarea,
    Date,
    Number,
    /// `true` when "none" may be chosen.
    Select(Signal<Vec<(String, String)>>, bool),
    Multi(Signal<Vec<(String, String)>>),
}

#[component]
pub fn FieldInput(
    kind: InputKind,
    value: RwSignal<String>,
    /// The `name` attribute (the API field), for labels and tests.
    #[prop(into)]
    name: String,
    /// Enter in a one-line input, or a new choice in a select.
    #[prop(optional)]
    on_commit: Option<Callback<()>>,
    /// Escape.
    #[prop(optional)]
    on_cancel: Option<Callback<()>>,
    #[prop(optional)] focus: bool,
) -> impl IntoView {
    let i = use_i18n();
    let on_key = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            if let Some(c) = on_commit {
                ev.prevent_default();
                c.run(());
            }
        }
        "Escape" => {
            if let Some(c) = on_cancel {
                c.run(());
            }
        }
        _ => {}
    };
    let set = move |ev| value.set(event_target_value(&ev));
    let input = |ty: &'static str| {
        let node = NodeRef::<leptos::html::Input>::new();
        if focus {
            Effect::new(move |_| {
                if let Some(el) = node.get() {
                    let _ = el.focus();
                }
            });
        }
        view! {
            <input
                type=ty
                name=name.clone()
                node_ref=node
                prop:value=value
                on:input=set
                on:keydown=on_key
                step=(ty == "number").then_some("any")
            />
        }
        .into_any()
    };
    match kind {
        InputKind::Text => input("text"),
        InputKind::Date => input("date"),
        InputKind::Number => input("number"),
        InputKind::Textarea => view! {
            <textarea name=name rows="3" prop:value=value on:input=set on:keydown=move |ev: KeyboardEvent| {
                if let (true, Some(c)) = (ev.key() == "Escape", on_cancel) {
                    c.run(());
                }
            }></textarea>
        }
        .into_any(),
        InputKind::Select(options, allow_empty) => view! {
            <select
                name=name
                on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    if let Some(c) = on_commit {
                        c.run(());
                    }
                }
            >
                {allow_empty.then(|| view! { <option value="">{i.tr(Text::NoneChosen)}</option> })}
                <OptionList options selected=value/>
            </select>
        }
        .into_any(),
        InputKind::Multi(options) => view! {
            <div class="multi-check" data-name=name>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(k, l)| {
                            let key = k.clone();
                            let checked = move || value.with(|v| v.split(',').any(|x| x == key));
                            view! {
                                <Check label=Signal::stored(l) checked=Signal::derive(checked)
                                    on_toggle=Callback::new(move |_| value.update(|v| *v = toggle_key(v, &k)))/>
                            }
                        })
                        .collect_view()
                }.into_any()}
            </div>
        }
        .into_any(),
    }
}

fn toggle_key(list: &str, key: &str) -> String {
    let mut keys: Vec<&str> = list.split(',').filter(|k| !k.is_empty()).collect();
    if let Some(i) = keys.iter().position(|k| *k == key) {
        keys.remove(i);
    } else {
        keys.push(key);
    }
    keys.join(",")
}
