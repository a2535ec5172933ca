//! Which fields a kind has: a value for a field the kind does not have is a field error.

use sen_api_types::record::RecordInput;
use sen_domain::kind::RecordKind::{self, Account, Contact, Lead, Opportunity, Prospect};

use crate::validate::Errors;

const PEOPLE: &[RecordKind] = &[Prospect, Lead, Contact];

/// Reports every field of `input` that is set but does not exist on `kind`.
pub fn check(kind: RecordKind, input: &RecordInput, e: &mut Errors) {
    let set = |o: bool| o;
    let fields: [(&str, bool, &[RecordKind]); 22] = [
        ("first_name", set(input.first_name.is_some()), PEOPLE),
        ("last_name", set(input.last_name.is_some()), PEOPLE),
        ("name", set(input.name.is_some()), &[Account, Opportunity]),
        ("birthday", set(input.birthday.is_some()), PEOPLE),
        ("gender", set(input.gender.is_some()), PEOPLE),
        ("national_id", set(input.national_id.is_some()), PEOPLE),
        ("job_title", set(input.job_title.is_some()), PEOPLE),
        (
            "company_name",
            set(input.company_name.is_some()),
            &[Prospect, Lead],
        ),
        (
            "account_id",
            set(input.account_id.is_some()),
            &[Contact, Opportunity],
        ),
        (
            "contact_id",
            set(input.contact_id.is_some()),
            &[Opportunity],
        ),
        ("org_size", set(input.org_size.is_some()), &[Account]),
        (
            "contact_source",
            set(input.contact_source.is_some()),
            &[Account],
        ),
        (
            "customer_group",
            set(input.customer_group.is_some()),
            &[Account],
        ),
        (
            "contact_status",
            set(input.contact_status.is_some()),
            &[Account],
        ),
        ("amount", set(input.amount.is_some()), &[Opportunity]),
        ("currency", set(input.currency.is_some()), &[Opportunity]),
        (
            "expected_close_date",
            set(input.expected_close_date.is_some()),
            &[Opportunity],
        ),
        (
            "probability",
            set(input.probability.is_some()),
            &[Opportunity],
        ),
        (
            "lost_reason",
            set(input.lost_reason.is_some()),
            &[Opportunity],
        ),
        (
            "input_source",
            set(input.input_source.is_some()),
            &[Prospect],
        ),
        (
            "zalo_user_id",
            set(input.zalo_user_id.is_some()),
            &[Prospect],
        ),
        (
            "facebook_psid",
            set(input.facebook_psid.is_some()),
            &[Prospect],
        ),
    ];
    for (field, is_set, kinds) in fields {
        if is_set && !kinds.contains(&kind) {
            e.push(
                field,
                "not_applicable",
                &format!("{} records have no {field}", kind.plural()),
            );
        }
    }
}
