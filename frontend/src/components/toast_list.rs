//! The toasts, bottom right.

use leptos::prelude::*;

use crate::i18n::{Text, toast_text, use_i18n};
use crate::state::use_app;

#[component]
pub fn ToastList() -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let toasts = ctx.toasts;
    view! {
        <div class="toasts" aria-live="polite">
            <For each=move || toasts.list.get() key=|t| t.id let:toast>
                {
                    let id = toast.id;
                    let text = toast.text.clone();
                    let action = toast.action.clone().map(|(label, run)| {
                        view! {
                            <button
                                type="button"
                                class="btn link toast-action"
                                on:click=move |_| {
                                    run();
                                    toasts.dismiss(id);
                                }
                            >
                                {i.tr(label)}
                            </button>
                        }
                    });
                    view! {
                        <div class="toast" class:error=toast.error role="status">
                            <span class="toast-text">{move || toast_text(i.lang(), &text)}</span>
                            {action}
                            <button
                                type="button"
                                class="toast-close"
                                aria-label=i.tr(Text::Close)
                                on:click=move |_| toasts.dismiss(id)
                            >
                                "×"
                            </button>
                        </div>
                    }
                }
            </For>
        </div>
    }
}
