//! Who else sees a record: everyone, only me, me and teams, me and some users.

use leptos::prelude::*;
use sen_api_types::record::{Sharing, SharingMode};
use uuid::Uuid;

use super::Check;
use crate::i18n::{Text, use_i18n};
use crate::state::use_app;

const MODES: [(SharingMode, &str, Text); 4] = [
    (SharingMode::Everyone, "everyone", Text::ShareEveryone),
    (SharingMode::Private, "private", Text::SharePrivate),
    (SharingMode::Team, "team", Text::ShareTeam),
    (SharingMode::Users, "users", Text::ShareUsers),
];

fn toggle(ids: &mut Vec<Uuid>, id: Uuid) {
    if let Some(i) = ids.iter().position(|x| *x == id) {
        ids.remove(i);
    } else {
        ids.push(id);
    }
}

#[component]
pub fn SharingEditor(
    #[prop(into)] sharing: Signal<Sharing>,
    on_save: Callback<Sharing>,
) -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let draft = RwSignal::new(sharing.get_untracked());
    // A saved change (or a reload) resets the draft.
    Effect::new(move |_| draft.set(sharing.get()));
    let changed = move || draft.get() != sharing.get();
    let mode = move || draft.with(|d| d.mode);
    view! {
        <div class="sharing-editor">
            <select
                name="sharing_mode"
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some((m, ..)) = MODES.iter().find(|(_, k, _)| *k == v) {
                        draft.update(|d| d.mode = *m);
                    }
                }
            >
                {MODES
                    .into_iter()
                    .map(|(m, key, label)| view! {
                        <option value=key selected=move || mode() == m>{i.tr(label)}</option>
                    })
                    .collect_view()}
            </select>
                <div hidden=move || mode() != SharingMode::Team class="multi-check">
                    {move || ctx.refs.teams.get().into_iter().map(|t| {
                        let id = t.id;
                        view! {
                            <Check label=Signal::stored(t.name)
                                checked=Signal::derive(move || draft.with(|d| d.team_ids.contains(&id)))
                                on_toggle=Callback::new(move |_| draft.update(|d| toggle(&mut d.team_ids, id)))/>
                        }
                    }).collect_view().into_any()}
                </div>
                <div hidden=move || mode() != SharingMode::Users class="multi-check">
                    {move || ctx.refs.users.get().into_iter().filter(|u| u.active).map(|u| {
                        let id = u.id;
                        view! {
                            <Check label=Signal::stored(u.name)
                                checked=Signal::derive(move || draft.with(|d| d.user_ids.contains(&id)))
                                on_toggle=Callback::new(move |_| draft.update(|d| toggle(&mut d.user_ids, id)))/>
                        }
                    }).collect_view().into_any()}
                </div>
                <button hidden=move || !changed() type="button" class="btn small primary" id="sharing-save"
                    on:click=move |_| on_save.run(draft.get_untracked())>{i.tr(Text::Save)}</button>
        </div>
    }
}
