//! Converting a lead: a contact (required), an account and an opportunity (optional), each
//! created new or taken from existing records — the ones the lead matches are suggested.

use leptos::prelude::*;
use leptos::task::spawn_local;
use sen_api_types::error::FieldError;
use sen_api_types::lifecycle::{
    ConvertMatch, ConvertPreview, ConvertTarget, LeadConvert, MatchReason,
};
use sen_api_types::record::{Record, RecordInput, RecordKind};
use uuid::Uuid;

use super::{ErrorText, FieldErrorText, RecordPicker};
use crate::api::{self, ApiError};
use crate::format;
use crate::i18n::{Lang, Text, t, use_i18n};
use crate::router;
use crate::state::use_app;

/// "new", or the id of an existing record.
const NEW: &str = "new";

#[component]
pub fn ConvertDialog(open: RwSignal<bool>, lead: Record) -> impl IntoView {
    let ctx = use_app();
    let i = use_i18n();
    let lead_id = lead.id;
    let lead_name = lead.display_name.clone();
    let preview = RwSignal::new(None::<ConvertPreview>);
    let contact = RwSignal::new(NEW.to_owned());
    let account_on = RwSignal::new(lead.company_name.as_deref().is_some_and(|c| !c.is_empty()));
    let account = RwSignal::new(NEW.to_owned());
    let account_name = RwSignal::new(lead.company_name.clone().unwrap_or_default());
    let opp_on = RwSignal::new(false);
    let opp = RwSignal::new(NEW.to_owned());
    let opp_name = RwSignal::new(
        lead.company_name
            .clone()
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| lead.display_name.clone()),
    );
    let opp_amount = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    spawn_local(async move {
        match api::lifecycle::convert_preview(lead_id).await {
            Ok(p) => {
                if !p.accounts.is_empty() {
                    account_on.set(true);
                }
                preview.set(Some(p));
            }
            Err(e) => error.set(Some(e)),
        }
    });

    let target = |choice: String, create: RecordInput| match Uuid::parse_str(&choice) {
        Ok(id) => ConvertTarget::ExistingId(id),
        Err(_) => ConvertTarget::Create(Box::new(create)),
    };
    let submit = move || {
        let opt = |s: String| {
            let s = s.trim().to_owned();
            (!s.is_empty()).then_some(s)
        };
        let body = LeadConvert {
            contact: target(contact.get_untracked(), RecordInput::default()),
            account: account_on.get_untracked().then(|| {
                target(
                    account.get_untracked(),
                    RecordInput {
                        name: opt(account_name.get_untracked()).map(Some),
                        ..RecordInput::default()
                    },
                )
            }),
            opportunity: opp_on.get_untracked().then(|| {
                target(
                    opp.get_untracked(),
                    RecordInput {
                        name: opt(opp_name.get_untracked()).map(Some),
                        amount: opt(opp_amount.get_untracked().replace(['.', ' '], "")).map(Some),
                        ..RecordInput::default()
                    },
                )
            }),
        };
        busy.set(true);
        errors.set(Vec::new());
        error.set(None);
        spawn_local(async move {
            let res = api::lifecycle::convert(lead_id, &body).await;
            busy.set(false);
            match res {
                Ok(done) => {
                    open.set(false);
                    ctx.toasts
                        .ok_with(Text::Converted, done.contact.display_name.clone());
                    router::navigate(&router::detail_path(RecordKind::Contact, done.contact.id));
                }
                Err(e) => {
                    errors.set(e.field_errors().to_vec());
                    error.set(Some(e));
                }
            }
        });
    };

    // The radio list of one part: "create new", then the suggested matches.
    let choices = move |part: &'static str,
                        choice: RwSignal<String>,
                        matches: Vec<ConvertMatch>,
                        lang: Lang| {
        let new_label = i.t(Text::CreateNew);
        let rows = matches
            .into_iter()
            .map(|m| {
                let id = m.record.id.to_string();
                let v = id.clone();
                let data_id = id.clone();
                let value = id.clone();
                let reasons = m
                    .reasons
                    .iter()
                    .map(|r| reason_label(lang, *r))
                    .collect::<Vec<_>>()
                    .join(", ");
                let phones = m
                    .record
                    .phones
                    .iter()
                    .map(|p| format::phone(&p.number))
                    .chain(m.record.emails.iter().map(|e| e.address.clone()))
                    .collect::<Vec<_>>()
                    .join(" · ");
                view! {
                    <label class="choice match" data-id=data_id>
                        <input type="radio" name=format!("{part}-choice") value=value
                            prop:checked=move || choice.get() == v
                            on:change=move |_| choice.set(id.clone())/>
                        <span class="match-name">{m.record.display_name.clone()}</span>
                        <span class="muted">{phones}</span>
                        <span class="badge">{reasons}</span>
                    </label>
                }
            })
            .collect_view();
        view! {
            <label class="choice">
                <input type="radio" name=format!("{part}-choice") value=NEW
                    prop:checked=move || choice.get() == NEW
                    on:change=move |_| choice.set(NEW.to_owned())/>
                <span>{new_label}</span>
            </label>
            {rows}
        }
    };
    // An existing record not suggested: search for it.
    let other = move |kind: RecordKind, choice: RwSignal<String>, name: &'static str| {
        view! {
            <div class="choice other">
                <span class="muted">{i.tr(Text::OtherExisting)}</span>
                <RecordPicker kind name
                    value=Signal::derive(move || Uuid::parse_str(&choice.get()).ok())
                    on_pick=Callback::new(move |id: Option<Uuid>| {
                        choice.set(id.map_or_else(|| NEW.to_owned(), |id| id.to_string()))
                    })/>
            </div>
        }
    };

    let matches_of = move |f: fn(&ConvertPreview) -> &Vec<ConvertMatch>| {
        preview.with(|p| p.as_ref().map(|p| f(p).clone()).unwrap_or_default())
    };

    view! {
        <div class="modal-backdrop" on:click=move |_| open.set(false)>
            <div class="modal wide" role="dialog" aria-modal="true" id="convert-dialog"
                aria-labelledby="convert-title" on:click=|ev| ev.stop_propagation()>
                <h3 id="convert-title">{move || format!("{} {}", i.t(Text::ConvertLead), lead_name)}</h3>
                <fieldset class="convert-part" data-part="contact">
                    <legend>{i.tr(Text::PartContact)}</legend>
                    {move || choices("contact", contact, matches_of(|p| &p.contacts), i.lang())}
                    {other(RecordKind::Contact, contact, "contact_existing")}
                    <FieldErrorText errors field="contact"/>
                </fieldset>
                <fieldset class="convert-part" data-part="account">
                    <legend>
                        <label class="check">
                            <input type="checkbox" id="convert-account-on" prop:checked=account_on
                                on:change=move |ev| account_on.set(event_target_checked(&ev))/>
                            {i.tr(Text::PartAccount)}
                        </label>
                    </legend>
                    <div class="convert-body" hidden=move || !account_on.get()>
                        {move || choices("account", account, matches_of(|p| &p.accounts), i.lang())}
                            <label hidden=move || account.get() != NEW class="sub">
                                <span>{i.tr(Text::Name)}</span>
                                <input type="text" name="account.create.name" prop:value=account_name
                                    on:input=move |ev| account_name.set(event_target_value(&ev))/>
                                <FieldErrorText errors field="account.create.name"/>
                            </label>
                        {other(RecordKind::Account, account, "account_existing")}
                    </div>
                </fieldset>
                <fieldset class="convert-part" data-part="opportunity">
                    <legend>
                        <label class="check">
                            <input type="checkbox" id="convert-opportunity-on" prop:checked=opp_on
                                on:change=move |ev| opp_on.set(event_target_checked(&ev))/>
                            {i.tr(Text::PartOpportunity)}
                        </label>
                    </legend>
                    <div class="convert-body" hidden=move || !opp_on.get()>
                        {move || choices("opportunity", opp, Vec::new(), i.lang())}
                        <div class="convert-new" hidden=move || opp.get() != NEW>
                            <label class="sub">
                                <span>{i.tr(Text::Name)}</span>
                                <input type="text" name="opportunity.create.name" prop:value=opp_name
                                    on:input=move |ev| opp_name.set(event_target_value(&ev))/>
                                <FieldErrorText errors field="opportunity.create.name"/>
                            </label>
                            <label class="sub">
                                <span>{i.tr(Text::Amount)}</span>
                                <input type="text" inputmode="decimal" name="opportunity.create.amount" prop:value=opp_amount
                                    on:input=move |ev| opp_amount.set(event_target_value(&ev))/>
                                <FieldErrorText errors field="opportunity.create.amount"/>
                            </label>
                        </div>
                        {other(RecordKind::Opportunity, opp, "opportunity_existing")}
                    </div>
                </fieldset>
                <ErrorText error id="convert-error"/>
                <div class="modal-actions">
                    <button type="button" class="btn" on:click=move |_| open.set(false)>{i.tr(Text::Cancel)}</button>
                    <button type="button" class="btn primary" id="convert-submit" disabled=move || busy.get()
                        on:click=move |_| submit()>{i.tr(Text::Convert)}</button>
                </div>
            </div>
        </div>
    }
}

fn reason_label(lang: Lang, r: MatchReason) -> &'static str {
    t(
        lang,
        match r {
            MatchReason::Phone => Text::SamePhone,
            MatchReason::Email => Text::SameEmail,
            MatchReason::Name => Text::SameName,
            MatchReason::Company => Text::SameCompany,
        },
    )
}
