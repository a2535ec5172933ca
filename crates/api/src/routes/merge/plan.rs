//! The merged master, computed without writing: lists united (phones, emails, tags,
//! addresses, socials, websites, notes, custom values filled), every other field the master's
//! when it has one, else the first slave's that has one, unless an override names a slave.

use std::collections::{BTreeMap, HashMap};

use sen_domain::merge::{Labelled, Values, fill_and_unite};
use sen_domain::search::search_document;
use sen_domain::value::{Country, Phone, display_name};
use sen_store::entity::record::Model;
use sen_store::repo::records::Children;
use uuid::Uuid;

use crate::validate::Errors;

/// The master as it will be.
pub struct Plan {
    /// The row.
    pub row: Model,
    /// Its children (tag names filled too).
    pub children: Children,
    /// What it took from a slave.
    pub filled: Vec<String>,
}

/// Declares the single-valued fields: `Option` ones fill when the master has none;
/// `String` ones when the master's is empty; `fixed` ones only change by override.
macro_rules! fields {
    (option: [$($o:ident),*], text: [$($t:ident),*], fixed: [$($f:ident),*]) => {
        /// Field names an override may name (besides `custom.<key>`).
        pub const OVERRIDABLE: &[&str] = &[$(stringify!($o),)* $(stringify!($t),)* $(stringify!($f),)*];

        fn fill(m: &mut Model, s: &Model, filled: &mut Vec<String>) {
            $(if m.$o.is_none() && s.$o.is_some() {
                m.$o = s.$o.clone();
                filled.push(stringify!($o).to_owned());
            })*
            $(if m.$t.trim().is_empty() && !s.$t.trim().is_empty() {
                m.$t = s.$t.clone();
                filled.push(stringify!($t).to_owned());
            })*
        }

        fn take(m: &mut Model, s: &Model, name: &str) {
            match name {
                $(stringify!($o) => m.$o = s.$o.clone(),)*
                $(stringify!($t) => m.$t = s.$t.clone(),)*
                $(stringify!($f) => m.$f = s.$f.clone(),)*
                _ => {}
            }
        }
    };
}

fields!(
    option: [first_name, last_name, birthday, gender, national_id, job_title, company_name,
        account_id, contact_id, org_size, contact_source, customer_group, contact_status, amount,
        currency, expected_close_date, probability, lost_reason, input_source, zalo_user_id,
        facebook_psid],
    text: [name, source, industry, city],
    fixed: [status, owner_id]
);

/// Checks the overrides: known fields, slaves of this merge.
pub fn check_overrides(e: &mut Errors, overrides: &BTreeMap<String, Uuid>, slaves: &[Uuid]) {
    for (field, slave) in overrides {
        let known = OVERRIDABLE.contains(&field.as_str())
            || field.strip_prefix("custom.").is_some_and(|k| !k.is_empty());
        if !known {
            e.push(
                &format!("overrides.{field}"),
                "unknown_field",
                "not a field that takes one value; lists (phones, emails, tags, addresses, …) are always united",
            );
        } else if !slaves.contains(slave) {
            e.push(
                &format!("overrides.{field}"),
                "not_a_slave",
                "name one of the slave_ids",
            );
        }
    }
}

/// The merge of `slaves` into `master`.
pub fn plan(
    master: (&Model, &Children),
    slaves: &[(Model, Children)],
    overrides: &BTreeMap<String, Uuid>,
    country: Country,
) -> Plan {
    let (mut row, mc) = (master.0.clone(), master.1);
    let mut filled = Vec::new();
    let mut values = values_of(&row, mc);
    let mut notes: Vec<String> = row.notes.iter().cloned().collect();
    let mut tag_ids: HashMap<String, Uuid> = names_to_ids(mc);
    for (slave, sc) in slaves {
        fill(&mut row, slave, &mut filled);
        let merged = fill_and_unite(&values, &values_of(slave, sc), country);
        filled.extend(merged.changed.iter().cloned());
        values = merged.values;
        if let Some(n) = slave.notes.as_ref().filter(|n| !n.trim().is_empty())
            && !notes.iter().any(|have| have.trim() == n.trim())
        {
            notes.push(n.clone());
            filled.push("notes".to_owned());
        }
        for (name, id) in names_to_ids(sc) {
            tag_ids.entry(name).or_insert(id);
        }
    }
    for (field, slave_id) in overrides {
        let Some((slave, _)) = slaves.iter().find(|(s, _)| s.id == *slave_id) else {
            continue;
        };
        if let Some(key) = field.strip_prefix("custom.") {
            match slave.custom.get(key) {
                Some(v) => values.custom.insert(key.to_owned(), v.clone()),
                None => values.custom.remove(key),
            };
        } else {
            take(&mut row, slave, field);
        }
        filled.push(field.clone());
    }
    if sen_domain::kind::RecordKind::parse(&row.kind).is_some_and(|k| k.is_person()) {
        row.name = display_name(
            row.last_name.as_deref().unwrap_or(""),
            row.first_name.as_deref().unwrap_or(""),
        );
    }
    row.notes = (!notes.is_empty()).then(|| notes.join("\n\n"));
    row.custom = serde_json::Value::Object(values.custom.clone());
    let list =
        |name: &str| serde_json::Value::Array(values.lists.get(name).cloned().unwrap_or_default());
    row.addresses = list("addresses");
    row.socials = list("socials");
    row.websites = list("websites");
    let children = Children {
        phones: values
            .phones
            .iter()
            .map(|l| (l.value.clone(), l.label.clone()))
            .collect(),
        emails: values
            .emails
            .iter()
            .map(|l| (l.value.clone(), l.label.clone()))
            .collect(),
        tag_ids: values
            .tags
            .iter()
            .filter_map(|t| tag_ids.get(t).copied())
            .collect(),
        tag_names: values.tags.clone(),
        share_teams: mc.share_teams.clone(),
        share_users: mc.share_users.clone(),
    };
    let emails: Vec<&str> = children.emails.iter().map(|(a, _)| a.as_str()).collect();
    let phones: Vec<Phone> = children
        .phones
        .iter()
        .filter_map(|(n, _)| Phone::parse(n, country).ok())
        .collect();
    let refs: Vec<&Phone> = phones.iter().collect();
    row.search_key = search_document(&row.name, row.company_name.as_deref(), &emails, &refs);
    filled.sort();
    filled.dedup();
    Plan {
        row,
        children,
        filled,
    }
}

fn values_of(m: &Model, c: &Children) -> Values {
    let array = |v: &serde_json::Value| v.as_array().cloned().unwrap_or_default();
    Values {
        fields: BTreeMap::new(),
        custom: m.custom.as_object().cloned().unwrap_or_default(),
        phones: c.phones.iter().map(|(p, l)| Labelled::new(p, l)).collect(),
        emails: c.emails.iter().map(|(e, l)| Labelled::new(e, l)).collect(),
        tags: c.tag_names.clone(),
        lists: BTreeMap::from([
            ("addresses".to_owned(), array(&m.addresses)),
            ("socials".to_owned(), array(&m.socials)),
            ("websites".to_owned(), array(&m.websites)),
        ]),
    }
}

fn names_to_ids(c: &Children) -> HashMap<String, Uuid> {
    c.tag_names
        .iter()
        .cloned()
        .zip(c.tag_ids.iter().copied())
        .collect()
}
