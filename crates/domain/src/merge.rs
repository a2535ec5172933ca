//! Filling one record from another: the source's values only fill the target's empty fields,
//! and its multi-valued fields (phones, emails, tags, addresses, …) are united in without
//! duplicates after normalisation. Lead conversion into an existing record uses it; bulk merge
//! and the import's `merge` mode are meant to.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde_json::{Map, Value};

use crate::value::{Country, Email, Phone, search_key};

/// A value of a list with its free label (`mobile`, `work`, …; empty when none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labelled {
    /// The value as stored or as written (a phone in any spelling, an address in any case).
    pub value: String,
    /// The label; empty when there is none.
    pub label: String,
}

impl Labelled {
    /// A value with a label.
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Labelled {
        Labelled {
            value: value.into(),
            label: label.into(),
        }
    }
}

/// The mergeable values of one record, in plain form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Values {
    /// Single-valued fields by name (`job_title`, `birthday`, …); absent or blank is empty.
    pub fields: BTreeMap<String, String>,
    /// Custom field values by key; absent, null, blank text and `[]` are empty.
    pub custom: Map<String, Value>,
    /// Phones, in any spelling; two spellings of one number are one phone.
    pub phones: Vec<Labelled>,
    /// E-mail addresses; compared ignoring case.
    pub emails: Vec<Labelled>,
    /// Tag names; compared ignoring case and diacritics.
    pub tags: Vec<String>,
    /// Other lists by name (`addresses`, `socials`, `websites`), each item as JSON; items whose
    /// text is equal ignoring case, diacritics and punctuation are one.
    pub lists: BTreeMap<String, Vec<Value>>,
}

/// The target after a fill-and-unite, and what changed in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The target's values with the source's filled and united in.
    pub values: Values,
    /// Names of what changed: field names, `custom.<key>`, `phones`, `emails`, `tags`, and the
    /// names of `lists`. Empty when the source brought nothing new.
    pub changed: BTreeSet<String>,
}

/// Fills `target`'s empty fields from `source` and unites `source`'s lists into `target`'s.
///
/// The target's own values always win and keep their order; new list items are appended in the
/// source's order. A phone the target has in another spelling (`0912 345 678` and
/// `+84912345678`, read in `country`) is the same phone; so are `An@X.vn` and `an@x.vn`, and
/// the tags `VIP` and `vip`. A label the target lacks is taken from the source's equal item.
pub fn fill_and_unite(target: &Values, source: &Values, country: Country) -> Merged {
    let mut out = target.clone();
    let mut changed = BTreeSet::new();

    for (name, value) in &source.fields {
        let empty = out.fields.get(name).is_none_or(|v| v.trim().is_empty());
        if empty && !value.trim().is_empty() {
            out.fields.insert(name.clone(), value.clone());
            changed.insert(name.clone());
        }
    }
    for (key, value) in &source.custom {
        if !is_empty_json(value) && out.custom.get(key).is_none_or(is_empty_json) {
            out.custom.insert(key.clone(), value.clone());
            changed.insert(format!("custom.{key}"));
        }
    }
    let phone_key = |v: &str| match Phone::parse(v, country) {
        Ok(p) => p.as_e164().to_owned(),
        Err(_) => v.chars().filter(char::is_ascii_digit).collect(),
    };
    if unite_labelled(&mut out.phones, &source.phones, phone_key) {
        changed.insert("phones".into());
    }
    let email_key = |v: &str| match Email::parse(v) {
        Ok(e) => e.as_str().to_owned(),
        Err(_) => v.trim().to_lowercase(),
    };
    if unite_labelled(&mut out.emails, &source.emails, email_key) {
        changed.insert("emails".into());
    }
    if unite(&mut out.tags, &source.tags, |t| search_key(t)) {
        changed.insert("tags".into());
    }
    for (name, items) in &source.lists {
        let list = out.lists.entry(name.clone()).or_default();
        if unite(list, items, fold_json) {
            changed.insert(name.clone());
        }
    }
    Merged {
        values: out,
        changed,
    }
}

/// Appends the items of `extra` whose key no item of `list` has (nor an earlier extra one);
/// an equal item without a label gets the extra one's. True when `list` changed.
fn unite_labelled(
    list: &mut Vec<Labelled>,
    extra: &[Labelled],
    key: impl Fn(&str) -> String,
) -> bool {
    let mut changed = false;
    for item in extra {
        let k = key(&item.value);
        if k.is_empty() {
            continue;
        }
        match list.iter_mut().find(|have| key(&have.value) == k) {
            Some(have) => {
                if have.label.trim().is_empty() && !item.label.trim().is_empty() {
                    have.label = item.label.clone();
                    changed = true;
                }
            }
            None => {
                list.push(item.clone());
                changed = true;
            }
        }
    }
    changed
}

/// Appends the items of `extra` whose key is new to `list`. True when `list` changed.
fn unite<T: Clone>(list: &mut Vec<T>, extra: &[T], key: impl Fn(&T) -> String) -> bool {
    let mut seen: HashSet<String> = list.iter().map(&key).collect();
    let before = list.len();
    for item in extra {
        let k = key(item);
        if !k.is_empty() && seen.insert(k) {
            list.push(item.clone());
        }
    }
    list.len() != before
}

/// A JSON item's identity: its strings folded, its empty members dropped, keys in order.
fn fold_json(v: &Value) -> String {
    fn fold(v: &Value) -> Value {
        match v {
            Value::String(s) => Value::String(search_key(s)),
            Value::Array(items) => Value::Array(items.iter().map(fold).collect()),
            Value::Object(map) => Value::Object(
                map.iter()
                    .filter(|(_, v)| !is_empty_json(v))
                    .map(|(k, v)| (k.clone(), fold(v)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
    let folded = fold(v);
    if is_empty_json(&folded) || folded.as_object().is_some_and(Map::is_empty) {
        String::new()
    } else {
        folded.to_string()
    }
}

/// Null, blank text and an empty list hold nothing.
fn is_empty_json(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
