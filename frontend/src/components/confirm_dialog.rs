//! A modal yes/no question, for destructive actions.

use leptos::prelude::*;

use crate::i18n::{Text, use_i18n};

#[component]
pub fn ConfirmDialog(
    open: RwSignal<bool>,
    #[prop(into)] message: Signal<String>,
    confirm: Text,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let i = use_i18n();
    view! {
            <div class="modal-backdrop" hidden=move || !open.get() on:click=move |_| open.set(false)>
                <div
                    class="modal"
                    role="alertdialog"
                    aria-modal="true"
                    id="confirm-dialog"
                    on:click=|ev| ev.stop_propagation()
                >
                    <p class="confirm-message">{move || message.get()}</p>
                    <div class="modal-actions">
                        <button type="button" id="confirm-cancel" class="btn" on:click=move |_| open.set(false)>
                            {i.tr(Text::Cancel)}
                        </button>
                        <button
                            type="button"
                            id="confirm-ok"
                            class="btn danger"
                            on:click=move |_| {
                                open.set(false);
                                on_confirm.run(());
                            }
                        >
                            {i.tr(confirm)}
                        </button>
                    </div>
                </div>
            </div>
    }
}
