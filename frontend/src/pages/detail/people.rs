//! Tags, the owner (Phụ trách) and sharing.

use leptos::prelude::*;
use sen_api_types::record::{RecordInput, Sharing, SharingMode};
use uuid::Uuid;

use super::editor::use_editor;
use crate::components::{FieldErrorText, OwnerEditor, SharingEditor, TagsEditor};
use crate::i18n::{Text, use_i18n};

#[component]
pub fn People() -> impl IntoView {
    let ed = use_editor();
    let i = use_i18n();
    let tags = Signal::derive(move || {
        ed.rec
            .with(|r| r.as_ref().map(|r| r.tags.clone()).unwrap_or_default())
    });
    let owner = Signal::derive(move || {
        ed.rec
            .with(|r| r.as_ref().map_or(Uuid::nil(), |r| r.owner_id))
    });
    let sharing = Signal::derive(move || {
        ed.rec.with(|r| {
            r.as_ref().map_or(
                Sharing {
                    mode: SharingMode::Everyone,
                    team_ids: Vec::new(),
                    user_ids: Vec::new(),
                },
                |r| r.sharing.clone(),
            )
        })
    });
    let save_tags = Callback::new(move |tags: Vec<String>| {
        ed.save(
            RecordInput {
                tags: Some(tags),
                ..RecordInput::default()
            },
            vec!["tags"],
        );
    });
    let save_owner = Callback::new(move |id: Uuid| {
        ed.save(
            RecordInput {
                owner_id: Some(id),
                ..RecordInput::default()
            },
            vec!["owner_id"],
        );
    });
    let save_sharing = Callback::new(move |s: Sharing| {
        ed.save(
            RecordInput {
                sharing: Some(s),
                ..RecordInput::default()
            },
            vec!["sharing"],
        );
    });
    view! {
        <section class="card" id="people">
            <dl class="fields">
                <div class="field" data-field="tags">
                    <dt>{i.tr(Text::Tags)}</dt>
                    <dd>
                        <TagsEditor tags on_change=save_tags/>
                        <FieldErrorText errors=ed.errors field="tags"/>
                    </dd>
                </div>
                <div class="field" data-field="owner_id">
                    <dt>{i.tr(Text::Owner)}</dt>
                    <dd>
                        <OwnerEditor owner on_change=save_owner/>
                        <FieldErrorText errors=ed.errors field="owner_id"/>
                    </dd>
                </div>
                <div class="field" data-field="sharing">
                    <dt>{i.tr(Text::Sharing)}</dt>
                    <dd>
                        <SharingEditor sharing on_save=save_sharing/>
                        <FieldErrorText errors=ed.errors field="sharing"/>
                    </dd>
                </div>
            </dl>
        </section>
    }
}
