//! The import wizard: upload a spreadsheet, map its columns, choose the duplicate handling,
//! preview, then run it watching its progress; download the report or undo it.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::error::FieldError;
use sen_api_types::import::{
    DuplicateMode, DuplicateOptions, Import, ImportOptions, ImportOutcome, ImportPreview,
    ImportUploaded,
};
use sen_api_types::record::RecordKind;

use crate::api::{self, ApiError};
use crate::components::{FieldErrorText, Link, ProblemBox};
use crate::i18n::{Lang, Text, field_error, kind_plural, use_i18n};
use crate::router;

const MODES: [(&str, DuplicateMode, Text); 4] = [
    ("skip", DuplicateMode::Skip, Text::ImportModeSkip),
    ("create", DuplicateMode::Create, Text::ImportModeCreate),
    (
        "overwrite",
        DuplicateMode::Overwrite,
        Text::ImportModeOverwrite,
    ),
    ("merge", DuplicateMode::Merge, Text::ImportModeMerge),
];

fn outcome_text(o: ImportOutcome) -> Text {
    match o {
        ImportOutcome::Created => Text::ImportCreated,
        ImportOutcome::Updated => Text::ImportUpdated,
        ImportOutcome::Merged => Text::ImportMerged,
        ImportOutcome::Skipped => Text::ImportSkipped,
        ImportOutcome::Failed => Text::ImportFailed,
    }
}

fn parse_row(s: &str) -> Option<u64> {
    s.trim().parse().ok()
}

#[component]
pub fn ImportPage(kind: RecordKind) -> impl IntoView {
    let i = use_i18n();
    let step = RwSignal::new(1u8);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let file_ref = NodeRef::<leptos::html::Input>::new();
    let uploaded = RwSignal::new(None::<ImportUploaded>);
    let sheet = RwSignal::new(String::new());
    let mapping = RwSignal::new(BTreeMap::<String, String>::new());
    let mode = RwSignal::new("skip".to_owned());
    let by_phone = RwSignal::new(true);
    let by_email = RwSignal::new(true);
    let tags = RwSignal::new(String::new());
    let row_from = RwSignal::new(String::new());
    let row_to = RwSignal::new(String::new());
    let preview = RwSignal::new(None::<ImportPreview>);
    let result = RwSignal::new(None::<Import>);
    let errors = Signal::derive(move || {
        error.with(|e| {
            e.as_ref()
                .map(|e| e.field_errors().to_vec())
                .unwrap_or_default()
        })
    });

    let choose_sheet = move |name: String| {
        let m = uploaded.with_untracked(|u| {
            u.as_ref()
                .and_then(|u| u.sheets.iter().find(|s| s.name == name))
                .map(|s| s.suggested_mapping.clone())
        });
        mapping.set(m.unwrap_or_default());
        sheet.set(name);
    };

    let upload = move |_| {
        let Some(file) = file_ref
            .get_untracked()
            .and_then(|el| el.files())
            .and_then(|fs| fs.get(0))
        else {
            return;
        };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let res = api::imports::upload(kind, &file).await;
            busy.set(false);
            match res {
                Ok(u) => {
                    let first = u.sheets.first().map(|s| s.name.clone()).unwrap_or_default();
                    uploaded.set(Some(u));
                    choose_sheet(first);
                    step.set(2);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let options = move || {
        let criteria = [(by_phone, "phone"), (by_email, "email")]
            .into_iter()
            .filter(|(s, _)| s.get_untracked())
            .map(|(_, c)| c.to_owned())
            .collect();
        let m = mode.get_untracked();
        ImportOptions {
            sheet: Some(sheet.get_untracked()).filter(|s| !s.is_empty()),
            mapping: mapping
                .get_untracked()
                .into_iter()
                .filter(|(_, f)| !f.is_empty())
                .collect(),
            row_from: parse_row(&row_from.get_untracked()),
            row_to: parse_row(&row_to.get_untracked()),
            duplicates: DuplicateOptions {
                criteria,
                mode: MODES
                    .iter()
                    .find(|x| x.0 == m)
                    .map_or(DuplicateMode::Skip, |x| x.1),
            },
            tags: tags
                .get_untracked()
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            ..ImportOptions::default()
        }
    };
    let id = move || uploaded.with_untracked(|u| u.as_ref().map(|u| u.id));

    let do_preview = move |_| {
        let Some(id) = id() else { return };
        let opts = options();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let res = api::imports::preview(id, &opts).await;
            busy.set(false);
            match res {
                Ok(p) => {
                    preview.set(Some(p));
                    step.set(4);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let do_run = move |_| {
        let Some(id) = id() else { return };
        let opts = options();
        busy.set(true);
        error.set(None);
        step.set(5);
        spawn_local(async move {
            let res = api::imports::run(id, &opts, move |imp| result.set(Some(imp.clone()))).await;
            busy.set(false);
            match res {
                Ok(imp) => result.set(Some(imp)),
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let do_undo = move |_| {
        let Some(id) = id() else { return };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let res = api::imports::undo(id).await;
            busy.set(false);
            match res {
                Ok(imp) => result.set(Some(imp)),
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let download = move |path: String, name: &'static str| {
        error.set(None);
        spawn_local(async move {
            if let Err(e) = api::imports::download(&path, name).await {
                error.set(Some(e));
            }
        });
    };

    let field_err = move |f: &'static str| view! { <FieldErrorText errors field=f/> };

    // Step 1: the template and the file.
    let upload_step = view! {
        <section class="import-step" id="import-step-upload">
            <h3>{i.tr(Text::ImportStepFile)}</h3>
            <p>
                <button type="button" class="btn link" id="import-template"
                    on:click=move |_| download(api::imports::template_path(kind), "template.xlsx")>
                    {i.tr(Text::ImportTemplate)}
                </button>
            </p>
            <input type="file" id="import-file" name="file" accept=".xlsx,.csv" node_ref=file_ref/>
            {field_err("file")}
            <button type="button" class="btn primary" id="import-upload"
                disabled=move || busy.get() on:click=upload>{i.tr(Text::ImportUpload)}</button>
        </section>
    }
    .into_any();

    // Step 2: sheet and mapping.
    let mapping_rows = move || {
        let lang = i.lang();
        uploaded.with(|u| {
            let Some(u) = u.as_ref() else {
                return Vec::new();
            };
            let name = sheet.get();
            let headers = u
                .sheets
                .iter()
                .find(|s| s.name == name)
                .map_or(&u.headers, |s| &s.headers);
            headers
                .iter()
                .map(|h| {
                    let h2 = h.clone();
                    let h3 = h.clone();
                    let fields = u
                        .fields
                        .iter()
                        .map(|f| {
                            let label = if lang == Lang::Vi { &f.label_vi } else { &f.label_en };
                            view! { <option value=f.name.clone()>{label.clone()}</option> }
                        })
                        .collect_view();
                    view! {
                        <tr data-header=h.clone()>
                            <td>{h.clone()}</td>
                            <td>
                                <select name=format!("map:{h}")
                                    prop:value=move || mapping.with(|m| m.get(&h2).cloned().unwrap_or_default())
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        mapping.update(|m| { m.insert(h3.clone(), v); });
                                    }>
                                    <option value="">{i.t(Text::ImportIgnore)}</option>
                                    {fields}
                                </select>
                            </td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let sheet_choice = move || {
        uploaded.with(|u| {
            u.as_ref().filter(|u| u.sheets.len() > 1).map(|u| {
                let opts = u
                    .sheets
                    .iter()
                    .map(|s| view! { <option value=s.name.clone()>{s.name.clone()}</option> })
                    .collect_view();
                view! {
                    <label>{i.tr(Text::ImportSheet)}
                        <select id="import-sheet" prop:value=move || sheet.get()
                            on:change=move |ev| choose_sheet(event_target_value(&ev))>{opts}</select>
                    </label>
                }
            })
        })
    };
    let mapping_step = view! {
        <section class="import-step" id="import-step-mapping" hidden=move || { step.get() < 2 }>
            <h3>{i.tr(Text::ImportStepMapping)}</h3>
            {sheet_choice}
            {field_err("sheet")}
            <table class="import-mapping" id="import-mapping">
                <thead><tr><th>{i.tr(Text::ImportColumn)}</th><th>{i.tr(Text::ImportField)}</th></tr></thead>
                <tbody>{mapping_rows}</tbody>
            </table>
            {field_err("mapping")}
        </section>
    }
    .into_any();

    // Step 3: options.
    let mode_options = move || {
        MODES
            .iter()
            .map(|(v, _, t)| view! { <option value=*v>{i.t(*t)}</option> })
            .collect_view()
    };
    let options_step = view! {
        <section class="import-step" id="import-step-options" hidden=move || { step.get() < 2 }>
            <h3>{i.tr(Text::ImportStepOptions)}</h3>
            <label>{i.tr(Text::ImportDuplicates)}
                <select id="import-mode" prop:value=move || mode.get()
                    on:change=move |ev| mode.set(event_target_value(&ev))>{mode_options}</select>
            </label>
            {field_err("duplicates.mode")}
            <fieldset>
                <legend>{i.tr(Text::ImportCriteria)}</legend>
                <label><input type="checkbox" id="import-by-phone" prop:checked=move || by_phone.get()
                    on:change=move |ev| by_phone.set(event_target_checked(&ev))/>{i.tr(Text::ImportByPhone)}</label>
                <label><input type="checkbox" id="import-by-email" prop:checked=move || by_email.get()
                    on:change=move |ev| by_email.set(event_target_checked(&ev))/>{i.tr(Text::ImportByEmail)}</label>
            </fieldset>
            {field_err("duplicates.criteria")}
            <label>{i.tr(Text::ImportTags)}
                <input type="text" id="import-tags" prop:value=move || tags.get()
                    on:input=move |ev| tags.set(event_target_value(&ev))/>
            </label>
            {field_err("tags")}
            <label>{i.tr(Text::ImportRowFrom)}
                <input type="number" min="2" id="import-row-from" prop:value=move || row_from.get()
                    on:input=move |ev| row_from.set(event_target_value(&ev))/>
            </label>
            {field_err("row_from")}
            <label>{i.tr(Text::ImportRowTo)}
                <input type="number" min="2" id="import-row-to" prop:value=move || row_to.get()
                    on:input=move |ev| row_to.set(event_target_value(&ev))/>
            </label>
            {field_err("row_to")}
            <button type="button" class="btn primary" id="import-preview"
                disabled=move || busy.get() on:click=do_preview>{i.tr(Text::ImportPreview)}</button>
        </section>
    }
    .into_any();

    // Step 4: preview.
    let preview_body = move || {
        preview.get().map(|p| {
            let lang = i.lang();
            let c = &p.counts;
            let totals = format!(
                "{}: {} · {}: {} · {}: {} · {}: {} · {}: {} · {}: {}",
                i.t(Text::ImportTotal), c.total,
                i.t(Text::ImportCreated), c.created,
                i.t(Text::ImportUpdated), c.updated,
                i.t(Text::ImportMerged), c.merged,
                i.t(Text::ImportSkipped), c.skipped,
                i.t(Text::ImportFailed), c.failed,
            );
            let problems = p
                .rows
                .iter()
                .filter(|r| !r.reasons.is_empty() || matches!(r.outcome, ImportOutcome::Failed | ImportOutcome::Skipped))
                .map(|r| {
                    let reasons = r
                        .reasons
                        .iter()
                        .chain(&r.warnings)
                        .map(|e: &FieldError| format!("{}: {}", e.field, field_error(lang, e)))
                        .collect::<Vec<_>>()
                        .join("; ");
                    view! {
                        <tr data-row=r.row>
                            <td>{r.row}</td>
                            <td>{i.t(outcome_text(r.outcome))}</td>
                            <td>{reasons}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <p id="import-preview-totals" data-total=c.total data-created=c.created
                    data-failed=c.failed>{totals}</p>
                <table class="import-problems" id="import-problems">
                    <thead><tr>
                        <th>{i.t(Text::ImportRow)}</th><th>{i.t(Text::ImportOutcome)}</th><th>{i.t(Text::ImportReasons)}</th>
                    </tr></thead>
                    <tbody>{problems}</tbody>
                </table>
            }
        })
    };
    let preview_step = view! {
        <section class="import-step" id="import-step-preview" hidden=move || { step.get() < 4 }>
            <h3>{i.tr(Text::ImportStepPreview)}</h3>
            {preview_body}
            <button type="button" class="btn primary" id="import-run"
                disabled=move || { busy.get() || step.get() >= 5 } on:click=do_run>{i.tr(Text::ImportRun)}</button>
        </section>
    }
    .into_any();

    // Step 5: progress and result.
    let run_body = move || {
        result.get().map(|imp| {
            let pct = (imp.progress * 100.0).round().clamp(0.0, 100.0) as u32;
            let c = &imp.counts;
            let finished = !matches!(imp.state.as_str(), "queued" | "running" | "uploaded");
            let done = imp.state == "done";
            let id = imp.id;
            let counts = format!(
                "{}: {} · {}: {} · {}: {} · {}: {} · {}: {}",
                i.t(Text::ImportCreated), c.created,
                i.t(Text::ImportUpdated), c.updated,
                i.t(Text::ImportMerged), c.merged,
                i.t(Text::ImportSkipped), c.skipped,
                i.t(Text::ImportFailed), c.failed,
            );
            let undone = imp.undo.as_ref().map(|u| {
                format!("{}: {} / {}", i.t(Text::ImportUndone), u.removed, u.restored)
            });
            view! {
                <div class="import-progress" data-state=imp.state.clone() data-import-id=id.to_string()>
                    <progress id="import-progress" max="100" value=pct.to_string()></progress>
                    <span id="import-percent">{format!("{pct}%")}</span>
                </div>
                {finished.then(|| view! {
                    <p id="import-counts" data-created=c.created data-updated=c.updated
                        data-merged=c.merged data-skipped=c.skipped data-failed=c.failed>{counts}</p>
                    <button type="button" class="btn link" id="import-report"
                        on:click=move |_| download(api::imports::report_path(id), "report.xlsx")>
                        {i.t(Text::ImportReport)}
                    </button>
                    {done.then(|| view! {
                        <button type="button" class="btn" id="import-undo"
                            disabled=move || busy.get() on:click=do_undo>{i.t(Text::Undo)}</button>
                    })}
                    <p id="import-undone">{undone}</p>
                })}
            }
        })
    };
    let run_step = view! {
        <section class="import-step" id="import-step-run" hidden=move || { step.get() < 5 }>
            <h3>{i.tr(Text::ImportStepRun)}</h3>
            {run_body}
        </section>
    }
    .into_any();

    view! {
        <section class="import-page" id="import-wizard" data-kind=kind.plural() data-step=move || step.get()>
            <div class="list-head">
                <h2>{move || format!("{}: {}", i.t(Text::ImportTitle), kind_plural(i.lang(), kind))}</h2>
                <Link href=router::list_path(kind) class="btn">{i.tr(Text::ImportBack)}</Link>
            </div>
            {upload_step}
            {mapping_step}
            {options_step}
            {preview_step}
            {run_step}
            <ProblemBox error id="import-error"/>
        </section>
    }
}
