//! The views of a list: built in (All, Mine, My team's) and the user's own saved views (search,
//! filter, sort and columns under a name). The view whose settings the list shows is marked.

use leptos::prelude::*;
use sen_api_types::record::RecordKind;
use web_sys::KeyboardEvent;

use crate::i18n::{Text, use_i18n};
use crate::model::columns::{self, Column};
use crate::model::list_filter::ListFilter;
use crate::model::saved_views::{self, BuiltIn, DEFAULT_SORT, ListState, SavedView};
use crate::state::use_app;

#[component]
pub fn ViewTabs(
    kind: RecordKind,
    q: RwSignal<String>,
    filter: RwSignal<ListFilter>,
    sort: RwSignal<String>,
    columns: RwSignal<Vec<Column>>,
) -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let me = move || ctx.me.with(|m| m.as_ref().map(|m| m.user.id));
    let my_team = move || {
        ctx.me
            .with(|m| m.as_ref().and_then(|m| m.teams.first().map(|t| t.id)))
    };
    let views = RwSignal::new(Vec::<SavedView>::new());
    Effect::new(move |_| {
        if let Some(user) = me() {
            views.set(saved_views::load(user, kind));
        }
    });
    let naming = RwSignal::new(false);
    let name = RwSignal::new(String::new());

    let now = move || ListState {
        q: q.get(),
        filter: filter.get(),
        sort: sort.get(),
    };
    let show = move |v: &SavedView| {
        q.set(v.q.clone());
        filter.set(v.filter.clone());
        sort.set(if v.sort.is_empty() {
            DEFAULT_SORT.to_owned()
        } else {
            v.sort.clone()
        });
        if !v.columns.is_empty() {
            columns.set(columns::from_keys(kind, &v.columns));
        }
    };
    let built_in_view = move |b: BuiltIn| {
        let user = me()?;
        b.filter(user, my_team()).map(|f| SavedView {
            name: String::new(),
            q: String::new(),
            filter: f,
            sort: DEFAULT_SORT.to_owned(),
            columns: String::new(),
        })
    };
    let save = move || {
        let n = name.get_untracked().trim().to_owned();
        let Some(user) = me() else {
            return;
        };
        if n.is_empty() {
            return;
        }
        let v = SavedView {
            name: n,
            q: q.get_untracked(),
            filter: filter.get_untracked(),
            sort: sort.get_untracked(),
            columns: columns.with_untracked(|c| columns::to_keys(c)),
        };
        views.update(|vs| {
            saved_views::upsert(vs, v);
            saved_views::save(user, kind, vs);
        });
        name.set(String::new());
        naming.set(false);
    };
    let remove = move |n: String| {
        let Some(user) = me() else {
            return;
        };
        views.update(|vs| {
            vs.retain(|v| v.name != n);
            saved_views::save(user, kind, vs);
        });
    };
    let label = |b: BuiltIn| match b {
        BuiltIn::All => Text::ViewAll,
        BuiltIn::Mine => Text::ViewMine,
        BuiltIn::MyTeam => Text::ViewMyTeam,
    };

    view! {
        <nav class="view-tabs" id="views" aria-label=i.tr(Text::Views)>
            {BuiltIn::ALL.into_iter().map(|b| view! {
                <button type="button" class="view-tab" id=format!("view-{}", b.id())
                    disabled=move || built_in_view(b).is_none()
                    title=move || if built_in_view(b).is_none() { i.t(Text::NotInATeam) } else { "" }
                    class:current=move || built_in_view(b).is_some_and(|v| v.shows(&now()))
                    on:click=move |_| if let Some(v) = built_in_view(b) { show(&v) }>
                    {i.tr(label(b))}
                </button>
            }).collect_view()}
            <For each=move || views.get() key=|v| v.name.clone() let:v>
                {
                    let shown = v.clone();
                    let current = v.clone();
                    let n = v.name.clone();
                    view! {
                        <span class="view-saved" data-view=v.name.clone()>
                            <button type="button" class="view-tab"
                                class:current=move || current.shows(&now())
                                on:click=move |_| show(&shown)>{v.name.clone()}</button>
                            <button type="button" class="chip-remove" title=i.tr(Text::Remove)
                                on:click=move |_| remove(n.clone())>"×"</button>
                        </span>
                    }
                }
            </For>
            <button type="button" class="btn link small" id="view-save" hidden=move || naming.get()
                on:click=move |_| naming.set(true)>{i.tr(Text::SaveView)}</button>
            <span class="view-naming" hidden=move || !naming.get()>
                <input type="text" id="view-name" placeholder=i.tr(Text::ViewName) prop:value=name
                    on:input=move |ev| name.set(event_target_value(&ev))
                    on:keydown=move |ev: KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); save(); }/>
                <button type="button" class="btn small primary" id="view-save-confirm" on:click=move |_| save()>
                    {i.tr(Text::Save)}
                </button>
                <button type="button" class="btn link small" on:click=move |_| naming.set(false)>{i.tr(Text::Cancel)}</button>
            </span>
        </nav>
    }
}
