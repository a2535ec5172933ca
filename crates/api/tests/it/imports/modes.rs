//! The four duplicate modes on the same existing data give the documented results
//! (PRODUCT §7.4), table-driven.

use serde_json::{Value, json};

use super::fixtures::modes_csv;
use super::{all, import};
use crate::helpers::spawn_app;
use crate::records::create;

struct Case {
    mode: &'static str,
    counts: Value,
    /// Records with the phone +84901111111 afterwards.
    people_with_phone: usize,
    job_title: &'static str,
    emails: &'static [&'static str],
    city: Option<&'static str>,
    tags: &'static [&'static str],
}

#[tokio::test]
async fn the_four_modes_give_the_documented_result() {
    let cases = [
        Case {
            mode: "skip",
            counts: json!({"created": 1, "updated": 0, "merged": 0, "skipped": 1, "failed": 0}),
            people_with_phone: 1,
            job_title: "Kế toán",
            emails: &["e1@example.vn"],
            city: None,
            tags: &["cũ"],
        },
        Case {
            mode: "create",
            counts: json!({"created": 2, "updated": 0, "merged": 0, "skipped": 0, "failed": 0}),
            people_with_phone: 2,
            job_title: "Kế toán",
            emails: &["e1@example.vn"],
            city: None,
            tags: &["cũ"],
        },
        Case {
            mode: "overwrite",
            counts: json!({"created": 1, "updated": 1, "merged": 0, "skipped": 0, "failed": 0}),
            people_with_phone: 1,
            job_title: "Giám đốc",
            emails: &["an.le@example.vn"],
            city: Some("Huế"),
            tags: &["cũ", "từ file"],
        },
        Case {
            mode: "merge",
            counts: json!({"created": 1, "updated": 0, "merged": 1, "skipped": 0, "failed": 0}),
            people_with_phone: 1,
            job_title: "Kế toán",
            emails: &["e1@example.vn", "an.le@example.vn"],
            city: Some("Huế"),
            tags: &["cũ", "từ file"],
        },
    ];
    for case in cases {
        let app = spawn_app().await;
        let s = app.signup(case.mode).await;
        let existing = create(
            &app,
            &s.token,
            "leads",
            json!({"first_name": "An", "last_name": "Lê", "phones": [{"number": "0901 111 111"}],
                   "emails": [{"address": "e1@example.vn"}], "job_title": "Kế toán", "tags": ["cũ"]}),
        )
        .await;
        let done = import(
            &app,
            &s,
            "leads",
            "modes.csv",
            modes_csv(),
            json!({"duplicates": {"criteria": ["phone"], "mode": case.mode}}),
        )
        .await;
        for (k, v) in case.counts.as_object().unwrap() {
            assert_eq!(&done["counts"][k], v, "{}: {k} in {done}", case.mode);
        }
        let leads = all(&app, &s, "leads").await;
        let with_phone = leads
            .iter()
            .filter(|l| {
                l["phones"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p["number"] == "+84901111111")
            })
            .count();
        assert_eq!(with_phone, case.people_with_phone, "{}", case.mode);
        let e = leads.iter().find(|l| l["id"] == existing["id"]).unwrap();
        assert_eq!(e["job_title"], case.job_title, "{}", case.mode);
        let emails: Vec<&str> = e["emails"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["address"].as_str().unwrap())
            .collect();
        assert_eq!(emails, case.emails, "{}", case.mode);
        assert_eq!(
            e["addresses"][0]["city"].as_str(),
            case.city,
            "{}",
            case.mode
        );
        let mut tags: Vec<&str> = e["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        tags.sort_unstable();
        assert_eq!(tags, case.tags, "{}", case.mode);
        assert!(
            leads.iter().any(|l| l["first_name"] == "Hoa"),
            "{}",
            case.mode
        );
    }
}

#[tokio::test]
async fn the_name_criterion_matches_the_whole_folded_name_only() {
    let app = spawn_app().await;
    let s = app.signup("byname").await;
    // "Lê An" in the file: the first is the same name unaccented, the others only start
    // or end like it.
    let same = create(
        &app,
        &s.token,
        "leads",
        json!({"first_name": "An", "last_name": "Le"}),
    )
    .await;
    for (first, last) in [("Anh", "Lê"), ("An", "Lê Văn")] {
        create(
            &app,
            &s.token,
            "leads",
            json!({"first_name": first, "last_name": last}),
        )
        .await;
    }
    let done = import(
        &app,
        &s,
        "leads",
        "modes.csv",
        modes_csv(),
        json!({"duplicates": {"criteria": ["name"], "mode": "skip"}}),
    )
    .await;
    assert_eq!(done["counts"]["skipped"], 1, "{done}");
    assert_eq!(done["counts"]["created"], 1, "{done}");
    let id = done["id"].as_str().unwrap();
    let skipped = super::rows(&app, &s, id, "skipped").await;
    assert_eq!(skipped[0]["record_id"], same["id"], "{skipped:?}");
}
