//! A stored record and its children as the API shows them.

use sen_api_types::record::{
    Address, EmailEntry, PhoneEntry, Record, RecordKind, Sharing, SharingMode, Social,
};
use sen_domain::value::display_name;
use sen_store::entity::record::Model;
use sen_store::repo::records::Children;

/// The API shape of a record.
pub fn record(m: &Model, c: &Children) -> Record {
    let kind = RecordKind::parse(&m.kind).unwrap_or(RecordKind::Lead);
    let display = if kind.is_person() {
        display_name(
            m.last_name.as_deref().unwrap_or(""),
            m.first_name.as_deref().unwrap_or(""),
        )
    } else {
        m.name.clone()
    };
    let nonempty = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    Record {
        id: m.id,
        kind,
        status: m.status.clone(),
        first_name: m.first_name.clone(),
        last_name: m.last_name.clone(),
        name: m.name.clone(),
        display_name: display,
        birthday: m.birthday.map(|d| d.to_string()),
        gender: m.gender.clone(),
        national_id: m.national_id.clone(),
        job_title: m.job_title.clone(),
        source: nonempty(&m.source),
        industry: nonempty(&m.industry),
        company_name: m.company_name.clone(),
        account_id: m.account_id,
        contact_id: m.contact_id,
        phones: c
            .phones
            .iter()
            .map(|(n, l)| PhoneEntry {
                number: n.clone(),
                label: nonempty(l),
            })
            .collect(),
        emails: c
            .emails
            .iter()
            .map(|(a, l)| EmailEntry {
                address: a.clone(),
                label: nonempty(l),
            })
            .collect(),
        socials: serde_json::from_value::<Vec<Social>>(m.socials.clone()).unwrap_or_default(),
        websites: serde_json::from_value::<Vec<String>>(m.websites.clone()).unwrap_or_default(),
        addresses: serde_json::from_value::<Vec<Address>>(m.addresses.clone()).unwrap_or_default(),
        notes: m.notes.clone(),
        tags: c.tag_names.clone(),
        custom: m.custom.as_object().cloned().unwrap_or_default(),
        org_size: m.org_size.clone(),
        contact_source: m.contact_source.clone(),
        customer_group: m.customer_group.clone(),
        contact_status: m.contact_status.clone(),
        amount: m.amount.clone(),
        currency: m.currency.clone(),
        expected_close_date: m.expected_close_date.map(|d| d.to_string()),
        probability: m.probability,
        lost_reason: m.lost_reason.clone(),
        closed_at: m.closed_at,
        source_lead_id: m.source_lead_id,
        input_source: m.input_source.clone(),
        zalo_user_id: m.zalo_user_id.clone(),
        facebook_psid: m.facebook_psid.clone(),
        owner_id: m.owner_id,
        created_by: m.created_by,
        created_via: m.created_via.clone(),
        sharing: Sharing {
            mode: sharing_mode(&m.sharing_mode),
            team_ids: c.share_teams.clone(),
            user_ids: c.share_users.clone(),
        },
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
        deleted_at: m.deleted_at,
        converted_to: m.converted_to,
        converted_at: m.converted_at,
        converted_account_id: m.converted_account_id,
        converted_opportunity_id: m.converted_opportunity_id,
    }
}

/// The stored spelling of a sharing mode, read back.
pub fn sharing_mode(s: &str) -> SharingMode {
    match s {
        "private" => SharingMode::Private,
        "team" => SharingMode::Team,
        "users" => SharingMode::Users,
        _ => SharingMode::Everyone,
    }
}

/// The stored spelling of a sharing mode.
pub fn sharing_str(mode: SharingMode) -> &'static str {
    match mode {
        SharingMode::Everyone => "everyone",
        SharingMode::Private => "private",
        SharingMode::Team => "team",
        SharingMode::Users => "users",
    }
}
