//! Which columns the list shows; remembered per kind.

use leptos::prelude::*;
use sen_api_types::record::RecordKind;

use super::Check;
use crate::i18n::{Text, use_i18n};
use crate::model::columns::{self, Column};

#[component]
pub fn ColumnChooser(kind: RecordKind, columns: RwSignal<Vec<Column>>) -> impl IntoView {
    let i = use_i18n();
    let open = RwSignal::new(false);
    view! {
        <div class="dropdown">
            <button type="button" class="btn" id="columns-toggle" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>
                {i.tr(Text::Columns)}
            </button>
                <div hidden=move || !open.get() class="dropdown-menu" id="column-chooser">
                    {Column::available(kind).into_iter().map(|c| view! {
                        // The name column always stays.
                        <Check name="column" value=c.key() disabled=c == Column::Name
                            label=Signal::derive(move || i.t(c.label(kind)).to_owned())
                            checked=Signal::derive(move || columns.with(|cs| cs.contains(&c)))
                            on_toggle=Callback::new(move |_| columns.update(|cs| {
                                *cs = columns::toggle(kind, cs, c);
                                columns::save(kind, cs);
                            }))/>
                    }).collect_view()}
                </div>
        </div>
    }
}
