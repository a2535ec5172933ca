//! An ordered list of keys with Vietnamese and English labels: statuses, picklist values,
//! select options. Rows can be added, removed and moved; `{prefix}[i].field` errors show on
//! row i.

use leptos::prelude::*;
use sen_api_types::error::FieldError;
use sen_api_types::settings::StageOutcome;

use super::FieldErrorText;
use crate::i18n::{Text, use_i18n};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChoiceRow {
    pub key: String,
    pub label_vi: String,
    pub label_en: String,
    pub is_default: bool,
    pub outcome: Option<StageOutcome>,
}

const OUTCOMES: [(StageOutcome, Text); 3] = [
    (StageOutcome::Open, Text::OutcomeOpen),
    (StageOutcome::Won, Text::OutcomeWon),
    (StageOutcome::Lost, Text::OutcomeLost),
];

#[component]
pub fn ChoiceListEditor(
    rows: RwSignal<Vec<ChoiceRow>>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    /// The list's name in the API body (`statuses`, `values`, `options`).
    prefix: &'static str,
    #[prop(optional)] with_default: bool,
    #[prop(optional)] with_outcome: bool,
) -> impl IntoView {
    let i = use_i18n();
    let len = Memo::new(move |_| rows.with(Vec::len));
    let text = move |idx: usize,
                     field: &'static str,
                     get: fn(&ChoiceRow) -> &String,
                     set: fn(&mut ChoiceRow) -> &mut String,
                     ph: Text| {
        view! {
            <span class="cell">
                <input type="text" name=format!("{prefix}[{idx}].{field}") placeholder=i.tr(ph)
                    prop:value=move || rows.with(|r| r.get(idx).map(|c| get(c).clone()).unwrap_or_default())
                    on:input=move |ev| rows.update(|r| if let Some(c) = r.get_mut(idx) { *set(c) = event_target_value(&ev) })/>
                <FieldErrorText errors field=format!("{prefix}[{idx}].{field}")/>
            </span>
        }
    };
    let swap = move |a: usize, b: usize| {
        rows.update(|r| {
            if a < r.len() && b < r.len() {
                r.swap(a, b);
            }
        })
    };
    let row = move |idx: usize| {
        view! {
            <div class="choice-row" data-index=idx>
                {text(idx, "key", |c| &c.key, |c| &mut c.key, Text::Key)}
                {text(idx, "label_vi", |c| &c.label_vi, |c| &mut c.label_vi, Text::LabelVi)}
                {text(idx, "label_en", |c| &c.label_en, |c| &mut c.label_en, Text::LabelEn)}
                {with_default.then(|| view! {
                    <label class="check">
                        <input type="radio" name=format!("{prefix}-default")
                            prop:checked=move || rows.with(|r| r.get(idx).is_some_and(|c| c.is_default))
                            on:change=move |_| rows.update(|r| for (j, c) in r.iter_mut().enumerate() { c.is_default = j == idx; })/>
                        {i.tr(Text::Default)}
                    </label>
                })}
                {with_outcome.then(|| view! {
                    <select on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let o = OUTCOMES.iter().find(|(o, _)| o.as_str() == v).map(|(o, _)| *o);
                        rows.update(|r| if let Some(c) = r.get_mut(idx) { c.outcome = o; });
                    }>
                        {OUTCOMES.into_iter().map(|(o, label)| view! {
                            <option value=o.as_str()
                                selected=move || rows.with(|r| r.get(idx).and_then(|c| c.outcome)) == Some(o)>
                                {i.tr(label)}
                            </option>
                        }).collect_view()}
                    </select>
                })}
                <span class="row-actions">
                    <button type="button" class="btn small" title=i.tr(Text::MoveUp)
                        disabled=idx == 0 on:click=move |_| swap(idx.wrapping_sub(1), idx)>"↑"</button>
                    <button type="button" class="btn small" title=i.tr(Text::MoveDown)
                        on:click=move |_| swap(idx, idx + 1)>"↓"</button>
                    <button type="button" class="btn small remove" title=i.tr(Text::Remove)
                        on:click=move |_| rows.update(|r| if idx < r.len() { r.remove(idx); })>"×"</button>
                </span>
            </div>
        }
    };
    view! {
        <div class="choice-list" data-list=prefix>
            {move || (0..len.get()).map(row).collect_view().into_any()}
            <FieldErrorText errors field=prefix/>
            <button type="button" class="btn small add-row" on:click=move |_| rows.update(|r| r.push(ChoiceRow {
                outcome: with_outcome.then_some(StageOutcome::Open),
                ..ChoiceRow::default()
            }))>{i.tr(Text::AddRow)}</button>
        </div>
    }
}
