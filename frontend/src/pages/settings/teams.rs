//! Teams: name, data-owner flag, assignment rule and members (in round-robin order).

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::AssignmentRule;
use sen_api_types::error::FieldError;
use sen_api_types::team::{Team, TeamCreate, TeamUpdate};
use uuid::Uuid;
use web_sys::SubmitEvent;

use crate::api;
use crate::components::FieldErrorText;
use crate::i18n::{Text, assignment_rule, use_i18n};
use crate::state::use_app;

const RULES: [AssignmentRule; 3] = [
    AssignmentRule::None,
    AssignmentRule::RoundRobin,
    AssignmentRule::Random,
];

#[component]
pub fn Teams() -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    ctx.refs.reload_teams();
    let name = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = TeamCreate {
            name: name.get_untracked().trim().to_owned(),
            data_owner: false,
            assignment_rule: AssignmentRule::None,
            member_ids: Vec::new(),
        };
        spawn_local(async move {
            match api::teams::create(&body).await {
                Ok(_) => {
                    name.set(String::new());
                    errors.set(Vec::new());
                    ctx.refs.reload_teams();
                }
                Err(e) if !e.field_errors().is_empty() => errors.set(e.field_errors().to_vec()),
                Err(e) => ctx.toasts.error(e),
            }
        });
    };
    view! {
        <section class="card" id="settings-teams">
            <h3>{i.tr(Text::Teams)}</h3>
            <form class="inline-form" id="team-form" on:submit=submit>
                <input type="text" name="team_name" required placeholder=i.tr(Text::TeamName)
                    prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                <button type="submit" class="btn primary">{i.tr(Text::Add)}</button>
                <FieldErrorText errors field="name"/>
            </form>
            <div class="team-list">
                <For each=move || ctx.refs.teams.get() key=|t| (t.id, t.updated_at) let:team>
                    <TeamCard team/>
                </For>
            </div>
        </section>
    }
}

#[component]
fn TeamCard(team: Team) -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let id = team.id;
    let update = move |body: TeamUpdate| {
        spawn_local(async move {
            match api::teams::update(id, &body).await {
                Ok(_) => ctx.refs.reload_teams(),
                Err(e) => ctx.toasts.error(e),
            }
        });
    };
    let members = team.member_ids.clone();
    let toggle_member = move |user: Uuid| {
        let mut m = members.clone();
        if let Some(p) = m.iter().position(|x| *x == user) {
            m.remove(p);
        } else {
            m.push(user);
        }
        update(TeamUpdate {
            member_ids: Some(m),
            ..TeamUpdate::default()
        });
    };
    let remove = move |_| {
        if !window()
            .confirm_with_message(i.t(Text::ConfirmDeleteTeam))
            .unwrap_or(false)
        {
            return;
        }
        spawn_local(async move {
            match api::teams::delete(id).await {
                Ok(()) => ctx.refs.reload_teams(),
                Err(e) => ctx.toasts.error(e),
            }
        });
    };
    let (rule, data_owner, member_ids) = (
        team.assignment_rule,
        team.data_owner,
        team.member_ids.clone(),
    );
    view! {
        <div class="team card inner" data-team=team.name.clone()>
            <div class="card-head">
                <h4>{team.name.clone()}</h4>
                <button type="button" class="btn small danger" on:click=remove>{i.tr(Text::Delete)}</button>
            </div>
            <label class="check">
                <input type="checkbox" prop:checked=data_owner
                    on:change=move |ev| update(TeamUpdate { data_owner: Some(event_target_checked(&ev)), ..TeamUpdate::default() })/>
                {i.tr(Text::DataOwner)}
            </label>
            <label class="inline">
                <span>{i.tr(Text::AssignmentRule)}</span>
                <select on:change=move |ev| {
                    if let Some(r) = AssignmentRule::parse(&event_target_value(&ev)) {
                        update(TeamUpdate { assignment_rule: Some(r), ..TeamUpdate::default() });
                    }
                }>
                    {RULES.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=r == rule>{move || assignment_rule(i.lang(), r)}</option>
                    }).collect_view()}
                </select>
            </label>
            <div class="multi-check">
                <span class="muted">{i.tr(Text::Members)}</span>
                {move || ctx.refs.users.get().into_iter().filter(|u| u.active).map(|u| {
                    let uid = u.id;
                    let toggle = toggle_member.clone();
                    view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=member_ids.contains(&uid) on:change=move |_| toggle(uid)/>
                            {u.name}
                        </label>
                    }
                }).collect_view().into_any()}
            </div>
        </div>
    }
}
