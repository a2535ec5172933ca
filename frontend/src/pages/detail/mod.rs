//! A record's page: every field with inline edit, phones/emails/addresses, tags, owner and
//! sharing, the timeline, and delete with undo.

mod contact_info;
mod custom;
mod duplicates;
mod editor;
mod fields;
mod people;

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::record::{Record, RecordKind};
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::{ConfirmDialog, ConvertDialog, DuplicateWarning, Link, Timeline};
use crate::i18n::{Text, api_error, kind_plural, use_i18n};
use crate::router;
use crate::state::{ToastText, use_app};

use editor::RecordEditor;

#[component]
pub fn DetailPage(kind: RecordKind, id: Uuid) -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    ctx.refs.ensure_kind(kind);
    let ed = RecordEditor {
        kind,
        rec: RwSignal::new(None::<Record>),
        errors: RwSignal::new(Vec::new()),
        stale: RwSignal::new(false),
        toasts: ctx.toasts,
        dup: RwSignal::new(Vec::new()),
        dup_blocked: RwSignal::new(false),
        dup_pending: StoredValue::new(None),
    };
    provide_context(ed);
    let load_error = RwSignal::new(None::<ApiError>);
    let load = move || {
        spawn_local(async move {
            match api::records::get(kind, id).await {
                Ok(r) => {
                    load_error.set(None);
                    ed.rec.set(Some(r));
                    ed.stale.set(false);
                    ed.errors.set(Vec::new());
                }
                Err(e) => load_error.set(Some(e)),
            }
        });
    };
    load();

    let confirm_open = RwSignal::new(false);
    let convert_open = RwSignal::new(false);
    let convertible = move || {
        kind == RecordKind::Lead
            && ed
                .rec
                .with(|r| r.as_ref().is_some_and(|r| r.converted_at.is_none()))
    };
    let converted_to = move || {
        ed.rec.with(|r| {
            r.as_ref()
                .filter(|r| r.kind == RecordKind::Lead)
                .and_then(|r| r.converted_to)
        })
    };
    let name = move || {
        ed.rec.with(|r| {
            r.as_ref()
                .map(|r| r.display_name.clone())
                .unwrap_or_default()
        })
    };
    let toasts = ctx.toasts;
    let delete = Callback::new(move |_| {
        let display = name();
        spawn_local(async move {
            match api::records::delete(kind, id).await {
                Ok(()) => {
                    toasts.with_action(
                        ToastText::TextWith(Text::Deleted, display),
                        Text::Undo,
                        move || {
                            spawn_local(async move {
                                match api::records::restore(kind, id).await {
                                    Ok(_) => {
                                        toasts.ok(Text::Restored);
                                        router::navigate(&router::detail_path(kind, id));
                                    }
                                    Err(e) => toasts.error(e),
                                }
                            });
                        },
                    );
                    router::navigate(&router::list_path(kind));
                }
                Err(e) => toasts.error(e),
            }
        });
    });
    let confirm_text = Signal::derive(move || format!("{} {}?", i.t(Text::ConfirmDelete), name()));
    let status = move || {
        ed.rec
            .with(|r| {
                r.as_ref()
                    .map(|r| ctx.refs.status_label(kind, &r.status, i.lang()))
            })
            .unwrap_or_default()
    };

    view! {
        <article class="detail-page" data-kind=kind.plural()>
            {move || load_error.get().map(|e| match e.merged_into() {
                Some(master) => view! {
                    <div class="banner warn" id="merged-into" role="alert">
                        <span>{i.tr(Text::MergedAway)}</span>
                        <Link href=router::detail_path(kind, master)>{i.tr(Text::OpenMaster)}</Link>
                    </div>
                }.into_any(),
                None => view! { <p class="form-error" role="alert">{api_error(i.lang(), &e)}</p> }.into_any(),
            }).into_any()}
            <div class="detail-body" hidden=move || ed.rec.with(Option::is_none)>
                <header class="detail-head">
                    <Link href=router::list_path(kind) class="back">
                        {move || format!("← {}", kind_plural(i.lang(), kind))}
                    </Link>
                    <h2 id="record-title">{name}</h2>
                    <span class="badge" id="record-status">{status}</span>
                    <span class="spacer"></span>
                        <button hidden=move || !convertible() type="button" class="btn primary" id="convert-lead" on:click=move |_| convert_open.set(true)>
                            {i.tr(Text::Convert)}
                        </button>
                    <button type="button" class="btn danger" id="delete-record" on:click=move |_| confirm_open.set(true)>
                        {i.tr(Text::Delete)}
                    </button>
                </header>
                {move || converted_to().map(|c| view! {
                    <div class="banner" id="converted-banner">
                        <span>{i.tr(Text::ConvertedInto)}</span>
                        <Link href=router::detail_path(RecordKind::Contact, c)>{i.tr(Text::OpenContact)}</Link>
                    </div>
                }).into_any()}
                <DuplicateWarning candidates=ed.dup blocked=ed.dup_blocked kind
                    on_save_anyway=Callback::new(move |_| ed.save_anyway())/>
                    <div hidden=move || !ed.stale.get() class="banner warn" id="stale-banner" role="alert">
                        <span>{i.tr(Text::ChangedElsewhere)}</span>
                        <button type="button" class="btn small" id="reload-record" on:click=move |_| load()>
                            {i.tr(Text::Reload)}
                        </button>
                    </div>
                <div class="detail-grid">
                    <div class="detail-main">
                        <fields::FieldsSection/>
                        <contact_info::ContactInfo/>
                        <custom::CustomFields/>
                    </div>
                    <aside class="detail-side">
                        <people::People/>
                        <duplicates::Duplicates reload=Callback::new(move |_| load())/>
                        <Timeline kind id version=ed.version()/>
                    </aside>
                </div>
            </div>
            {move || (convert_open.get()).then(|| ed.rec.get_untracked().map(|lead| view! {
                <ConvertDialog open=convert_open lead/>
            })).into_any()}
            <ConfirmDialog open=confirm_open message=confirm_text confirm=Text::Delete on_confirm=delete/>
        </article>
    }
}
