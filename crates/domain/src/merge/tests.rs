use serde_json::json;

use super::*;

fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn phones(items: &[(&str, &str)]) -> Vec<Labelled> {
    items.iter().map(|(v, l)| Labelled::new(*v, *l)).collect()
}

fn names(changed: &BTreeSet<String>) -> Vec<&str> {
    changed.iter().map(String::as_str).collect()
}

#[test]
fn fills_only_empty_fields() {
    let target = Values {
        fields: fields(&[("job_title", "Kế toán"), ("gender", " ")]),
        ..Values::default()
    };
    let source = Values {
        fields: fields(&[
            ("job_title", "Giám đốc"),
            ("gender", "female"),
            ("birthday", "1990-09-05"),
            ("notes", ""),
        ]),
        ..Values::default()
    };
    let merged = fill_and_unite(&target, &source, Country::VN);
    assert_eq!(
        merged.values.fields["job_title"], "Kế toán",
        "the target's value wins"
    );
    assert_eq!(
        merged.values.fields["gender"], "female",
        "blank counts as empty"
    );
    assert_eq!(merged.values.fields["birthday"], "1990-09-05");
    assert!(
        !merged.values.fields.contains_key("notes"),
        "blank fills nothing"
    );
    assert_eq!(names(&merged.changed), ["birthday", "gender"]);
}

#[test]
fn unites_phones_in_any_spelling_without_duplicates() {
    let target = Values {
        phones: phones(&[("+84912345678", "")]),
        ..Values::default()
    };
    let source = Values {
        phones: phones(&[
            ("0912 345 678", "mobile"),
            ("(+84) 168-123-4567", "home"),
            ("0381234567", "dup of the old number"),
        ]),
        ..Values::default()
    };
    let merged = fill_and_unite(&target, &source, Country::VN);
    assert_eq!(
        merged.values.phones,
        phones(&[("+84912345678", "mobile"), ("(+84) 168-123-4567", "home")]),
        "same number once, its missing label filled; the pre-2018 and today's spelling are one"
    );
    assert_eq!(names(&merged.changed), ["phones"]);
}

#[test]
fn unites_emails_ignoring_case_and_tags_ignoring_accents() {
    let target = Values {
        emails: phones(&[("an@abc.vn", "work")]),
        tags: vec!["VIP".into(), "Hội chợ".into()],
        ..Values::default()
    };
    let source = Values {
        emails: phones(&[(" AN@ABC.VN ", "personal"), ("an@gmail.com", "")]),
        tags: vec!["vip".into(), "hoi cho".into(), "Zalo".into(), "zalo".into()],
        ..Values::default()
    };
    let merged = fill_and_unite(&target, &source, Country::VN);
    assert_eq!(
        merged.values.emails,
        phones(&[("an@abc.vn", "work"), ("an@gmail.com", "")]),
        "the target's label is kept"
    );
    assert_eq!(merged.values.tags, ["VIP", "Hội chợ", "Zalo"]);
    assert_eq!(names(&merged.changed), ["emails", "tags"]);
}

#[test]
fn unites_other_lists_by_folded_content() {
    let target = Values {
        lists: [(
            "addresses".to_owned(),
            vec![json!({"street": "1 Tràng Tiền", "city": "Hà Nội", "zip": null})],
        )]
        .into(),
        ..Values::default()
    };
    let source = Values {
        lists: [
            (
                "addresses".to_owned(),
                vec![
                    json!({"street": "1 trang tien", "city": "HA NOI"}),
                    json!({"street": "5 Lê Lợi", "city": "Huế"}),
                    json!({"street": null}),
                ],
            ),
            ("websites".to_owned(), vec![json!("https://abc.vn")]),
        ]
        .into(),
        ..Values::default()
    };
    let merged = fill_and_unite(&target, &source, Country::VN);
    assert_eq!(merged.values.lists["addresses"].len(), 2, "{merged:?}");
    assert_eq!(merged.values.lists["addresses"][1]["city"], "Huế");
    assert_eq!(merged.values.lists["websites"], [json!("https://abc.vn")]);
    assert_eq!(names(&merged.changed), ["addresses", "websites"]);
}

#[test]
fn fills_empty_custom_values() {
    let mut target = Values::default();
    target
        .custom
        .insert("cccd_issued".into(), json!("2021-05-01"));
    target.custom.insert("budget".into(), Value::Null);
    let mut source = Values::default();
    source
        .custom
        .insert("cccd_issued".into(), json!("2000-01-01"));
    source.custom.insert("budget".into(), json!(500));
    source.custom.insert("interests".into(), json!([]));
    let merged = fill_and_unite(&target, &source, Country::VN);
    assert_eq!(merged.values.custom["cccd_issued"], "2021-05-01");
    assert_eq!(merged.values.custom["budget"], 500);
    assert!(!merged.values.custom.contains_key("interests"));
    assert_eq!(names(&merged.changed), ["custom.budget"]);
}

#[test]
fn merging_again_changes_nothing() {
    let target = Values {
        fields: fields(&[("job_title", "Kế toán")]),
        phones: phones(&[("+84912345678", "mobile")]),
        ..Values::default()
    };
    let source = Values {
        fields: fields(&[("job_title", "Giám đốc"), ("national_id", "001090000001")]),
        phones: phones(&[("0912345678", ""), ("0987654321", "")]),
        emails: phones(&[("an@abc.vn", "")]),
        tags: vec!["VIP".into()],
        ..Values::default()
    };
    let once = fill_and_unite(&target, &source, Country::VN);
    let twice = fill_and_unite(&once.values, &source, Country::VN);
    assert_eq!(twice.values, once.values);
    assert!(twice.changed.is_empty(), "{:?}", twice.changed);
    let nothing = fill_and_unite(&target, &Values::default(), Country::VN);
    assert_eq!(nothing.values, target);
    assert!(nothing.changed.is_empty());
}
