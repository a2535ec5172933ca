//! Merge (PRODUCT §4): lists united without duplicates, fields filled from slaves or picked
//! by override, references moved, slaves gone with a pointer; dry runs; bad input; records
//! the caller cannot see; and undo — byte-for-byte, over random records.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};

use crate::helpers::{Session, TestApp, spawn_app};
use crate::records::create;

async fn merge(app: &TestApp, s: &Session, kind: &str, body: Value) -> crate::helpers::Answer {
    app.post(&format!("/api/v1/{kind}/merge"), &s.token, body)
        .await
}

async fn dump(app: &TestApp, s: &Session) -> Value {
    sen_store::repo::dump::record_tables(app.state.db.conn(), s.workspace_id)
        .await
        .unwrap()
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_merge_unites_lists_fills_fields_and_moves_what_hangs_off_the_slave() {
    let app = spawn_app().await;
    let s = app.signup("merge").await;
    let master = create(
        &app,
        &s.token,
        "contacts",
        json!({
        "first_name": "An", "last_name": "Nguyễn Văn", "job_title": "Trưởng phòng",
        "phones": [{"number": "0912 345 678", "label": "mobile"}],
        "emails": [{"address": "an@sen.vn"}], "tags": ["VIP"], "notes": "Gặp ở hội chợ",
        "addresses": [{"street": "12 Lý Thái Tổ", "city": "Hà Nội"}]}),
    )
    .await;
    let slave = create(&app, &s.token, "contacts", json!({
        "first_name": "Ân", "last_name": "Nguyen Van", "job_title": "Giám đốc",
        "birthday": "1990-05-17", "national_id": "079123456789",
        "phones": [{"number": "+84 912 345 678"}, {"number": "0168 123 4567", "label": "home"}],
        "emails": [{"address": "AN@SEN.VN"}, {"address": "an.nguyen@gmail.com"}],
        "tags": ["vip", "Khách cũ"], "notes": "Thích gọi buổi sáng",
        "addresses": [{"street": "12 Ly Thai To", "city": "Ha Noi"}, {"street": "5 Lê Lợi", "city": "Huế"}]})).await;
    let (mid, sid) = (id(&master), id(&slave));
    app.post(
        &format!("/api/v1/contacts/{sid}/activities"),
        &s.token,
        json!({"kind": "call", "subject": "Gọi lần đầu"}),
    )
    .await
    .expect(201);
    let opp = create(
        &app,
        &s.token,
        "opportunities",
        json!({
        "name": "Gói Pro", "contact_id": sid, "amount": "5000000"}),
    )
    .await;

    let res = merge(
        &app,
        &s,
        "contacts",
        json!({"master_id": mid, "slave_ids": [sid]}),
    )
    .await
    .expect(200);
    let merged = &res["record"];
    let numbers: Vec<&str> = merged["phones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, vec!["+84912345678", "+84381234567"]);
    let emails: Vec<&str> = merged["emails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["address"].as_str().unwrap())
        .collect();
    assert_eq!(emails, vec!["an@sen.vn", "an.nguyen@gmail.com"]);
    assert_eq!(merged["tags"].as_array().unwrap().len(), 2, "{merged}");
    assert_eq!(
        merged["addresses"].as_array().unwrap().len(),
        2,
        "same address once"
    );
    assert_eq!(
        merged["job_title"], "Trưởng phòng",
        "the master's value wins"
    );
    assert_eq!(merged["birthday"], "1990-05-17", "an empty field is filled");
    assert_eq!(merged["national_id"], "079123456789");
    assert_eq!(merged["notes"], "Gặp ở hội chợ\n\nThích gọi buổi sáng");
    assert_eq!(merged["display_name"], "Nguyễn Văn An");
    assert!(res["merge_id"].as_str().is_some());
    assert!(
        res["filled"]
            .as_array()
            .unwrap()
            .contains(&json!("birthday"))
    );

    // The slave is gone, with a pointer; lists and searches no longer show it.
    let gone = app
        .get(&format!("/api/v1/contacts/{sid}"), &s.token)
        .await
        .problem(404, "not_found");
    assert_eq!(gone["merged_into"], mid.as_str());
    let list = app.get("/api/v1/contacts", &s.token).await.expect(200);
    assert_eq!(list["total"], 1);
    let found = app
        .get("/api/v1/contacts?q=0168%20123%204567", &s.token)
        .await
        .expect(200);
    assert_eq!(
        found["items"][0]["id"],
        mid.as_str(),
        "the slave's phone finds the master"
    );
    let trash = app.get("/api/v1/trash", &s.token).await.expect(200);
    assert_eq!(
        trash.as_array().unwrap().len(),
        0,
        "a merged record is not in the trash"
    );
    // What hung off the slave now hangs off the master.
    let o = app
        .get(&format!("/api/v1/opportunities/{}", id(&opp)), &s.token)
        .await
        .expect(200);
    assert_eq!(o["contact_id"], mid.as_str());
    let timeline = app
        .get(&format!("/api/v1/contacts/{mid}/activities"), &s.token)
        .await
        .expect(200);
    let text = timeline.to_string();
    assert!(text.contains("Gọi lần đầu"), "{text}");
    assert!(text.contains("merged"));
}

#[tokio::test]
async fn overrides_pick_a_slaves_value_and_a_dry_run_writes_nothing() {
    let app = spawn_app().await;
    let s = app.signup("mergeov").await;
    let a = create(
        &app,
        &s.token,
        "leads",
        json!({"first_name": "Hà", "job_title": "Kế toán", "status": "new"}),
    )
    .await;
    let b = create(
        &app,
        &s.token,
        "leads",
        json!({"first_name": "Hạ", "job_title": "Kế toán trưởng"}),
    )
    .await;
    let c = create(
        &app,
        &s.token,
        "leads",
        json!({"first_name": "Ha", "gender": "female"}),
    )
    .await;
    let before = dump(&app, &s).await;
    let body = json!({"master_id": id(&a), "slave_ids": [id(&b), id(&c)],
                      "overrides": {"job_title": id(&b), "first_name": id(&c)}, "dry_run": true});
    let res = merge(&app, &s, "leads", body.clone()).await.expect(200);
    assert_eq!(res["merge_id"], Value::Null);
    assert_eq!(res["record"]["job_title"], "Kế toán trưởng");
    assert_eq!(res["record"]["first_name"], "Ha");
    assert_eq!(res["record"]["gender"], "female");
    assert_eq!(dump(&app, &s).await, before, "a dry run writes nothing");

    let mut body = body;
    body["dry_run"] = json!(false);
    let res = merge(&app, &s, "leads", body).await.expect(200);
    assert_eq!(res["record"]["job_title"], "Kế toán trưởng");
    let got = app
        .get(&format!("/api/v1/leads/{}", id(&a)), &s.token)
        .await
        .expect(200);
    assert_eq!(got["first_name"], "Ha");
    assert_eq!(got["version"], a["version"].as_i64().unwrap() + 1);
}

#[tokio::test]
async fn bad_merges_get_clear_errors_and_change_nothing() {
    let app = spawn_app().await;
    let s = app.signup("mergebad").await;
    let contacts: Vec<String> = {
        let mut v = Vec::new();
        for i in 0..11 {
            v.push(id(&create(
                &app,
                &s.token,
                "contacts",
                json!({"first_name": format!("C{i}")}),
            )
            .await));
        }
        v
    };
    let lead = id(&create(&app, &s.token, "leads", json!({"first_name": "L"})).await);
    let before = dump(&app, &s).await;
    let m = &contacts[0];
    let field_of = |p: &Value| p["errors"][0]["field"].as_str().unwrap_or("").to_owned();

    let p = merge(
        &app,
        &s,
        "contacts",
        json!({"master_id": m, "slave_ids": [lead]}),
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(field_of(&p), "slave_ids");
    assert!(p["detail"].as_str().unwrap().contains("lead"), "{p}");
    let p = merge(
        &app,
        &s,
        "contacts",
        json!({"master_id": lead, "slave_ids": [m]}),
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(field_of(&p), "master_id");
    let p = merge(
        &app,
        &s,
        "contacts",
        json!({"master_id": m, "slave_ids": [m]}),
    )
    .await
    .problem(422, "validation_failed");
    assert!(p["detail"].as_str().unwrap().contains("itself"));
    let p = merge(
        &app,
        &s,
        "contacts",
        json!({"master_id": m, "slave_ids": contacts[1..].to_vec()}),
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(field_of(&p), "slave_ids");
    merge(
        &app,
        &s,
        "contacts",
        json!({"master_id": m, "slave_ids": []}),
    )
    .await
    .problem(422, "validation_failed");
    merge(
        &app,
        &s,
        "contacts",
        json!({"master_id": m, "slave_ids": [contacts[1], contacts[1]]}),
    )
    .await
    .problem(422, "validation_failed");
    merge(
        &app,
        &s,
        "contacts",
        json!({"master_id": m, "slave_ids": [uuid::Uuid::now_v7()]}),
    )
    .await
    .problem(404, "not_found");
    let p = merge(
        &app,
        &s,
        "contacts",
        json!({"master_id": m, "slave_ids": [contacts[1]],
                                               "overrides": {"phones": contacts[1]}}),
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(field_of(&p), "overrides.phones");
    let p = merge(
        &app,
        &s,
        "contacts",
        json!({"master_id": m, "slave_ids": [contacts[1]],
                                               "overrides": {"job_title": contacts[2]}}),
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(field_of(&p), "overrides.job_title");
    merge(
        &app,
        &s,
        "contacts",
        json!({"master_id": m, "slave_ids": [contacts[1]],
                                       "versions": {m: 7}}),
    )
    .await
    .problem(412, "precondition_failed");
    merge(
        &app,
        &s,
        "contacts",
        json!({"master_id": "nope", "slave_ids": []}),
    )
    .await
    .problem(422, "validation_failed");
    merge(
        &app,
        &s,
        "dogs",
        json!({"master_id": m, "slave_ids": [contacts[1]]}),
    )
    .await
    .problem(404, "route_not_found");
    assert_eq!(dump(&app, &s).await, before, "no bad merge wrote anything");

    // Undo: unknown, twice, or after the master moved on.
    app.post(
        &format!("/api/v1/merges/{}/undo", uuid::Uuid::now_v7()),
        &s.token,
        json!({}),
    )
    .await
    .problem(404, "not_found");
    let res = merge(
        &app,
        &s,
        "contacts",
        json!({"master_id": m, "slave_ids": [contacts[1]]}),
    )
    .await
    .expect(200);
    let undo = format!("/api/v1/merges/{}/undo", res["merge_id"].as_str().unwrap());
    app.post(&undo, &s.token, json!({})).await.expect(200);
    app.post(&undo, &s.token, json!({}))
        .await
        .problem(409, "conflict");
    let res = merge(
        &app,
        &s,
        "contacts",
        json!({"master_id": m, "slave_ids": [contacts[2]]}),
    )
    .await
    .expect(200);
    app.patch(
        &format!("/api/v1/contacts/{m}"),
        &s.token,
        json!({"job_title": "Mới"}),
    )
    .await
    .expect(200);
    let p = app
        .post(
            &format!("/api/v1/merges/{}/undo", res["merge_id"].as_str().unwrap()),
            &s.token,
            json!({}),
        )
        .await
        .problem(409, "conflict");
    assert!(p["detail"].as_str().unwrap().contains("changed since"));
}

#[tokio::test]
async fn a_merge_never_touches_a_record_the_caller_cannot_see() {
    let app = spawn_app().await;
    let boss = app.signup("mergeperm").await;
    let mem = app.add_user(&boss, "mem", "member").await;
    let mine = id(&create(&app, &mem.token, "contacts", json!({"first_name": "Mine"})).await);
    let secret = id(&create(
        &app,
        &boss.token,
        "contacts",
        json!({
        "first_name": "Secret", "sharing": {"mode": "private"}}),
    )
    .await);
    let before = dump(&app, &boss).await;
    for body in [
        json!({"master_id": mine, "slave_ids": [secret]}),
        json!({"master_id": secret, "slave_ids": [mine]}),
    ] {
        let p = merge(&app, &mem, "contacts", body)
            .await
            .problem(404, "not_found");
        assert!(!p.to_string().contains("Secret"));
    }
    assert_eq!(dump(&app, &boss).await, before);
    // Nor undo a merge of records they cannot see.
    let other = id(&create(
        &app,
        &boss.token,
        "contacts",
        json!({
        "first_name": "Other", "sharing": {"mode": "private"}}),
    )
    .await);
    let res = merge(
        &app,
        &boss,
        "contacts",
        json!({"master_id": secret, "slave_ids": [other]}),
    )
    .await
    .expect(200);
    app.post(
        &format!("/api/v1/merges/{}/undo", res["merge_id"].as_str().unwrap()),
        &mem.token,
        json!({}),
    )
    .await
    .problem(404, "not_found");
}

/// A random contact: any mix of phones (in several spellings, some shared), e-mail addresses,
/// tags, notes, addresses, custom value, job title and birthday.
fn random_contact(rng: &mut StdRng, n: usize) -> Value {
    let pick = |rng: &mut StdRng, items: &[&str]| -> Vec<String> {
        items
            .iter()
            .filter(|_| rng.random_bool(0.4))
            .map(|s| (*s).to_owned())
            .collect()
    };
    let phones: Vec<Value> = pick(
        rng,
        &[
            "0912 345 678",
            "+84 912 345 678",
            "0168 123 4567",
            "0903 000 111",
            "028 3823 4567",
        ],
    )
    .into_iter()
    .fold(Vec::<Value>::new(), |mut acc, p| {
        let digits: String = p.chars().filter(char::is_ascii_digit).collect();
        let same = acc.iter().any(|q| {
            let d: String = q["number"]
                .as_str()
                .unwrap()
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            d.ends_with(&digits[digits.len() - 9..]) || digits.ends_with(&d[d.len() - 9..])
        });
        if !same {
            acc.push(json!({"number": p, "label": if acc.is_empty() { "mobile" } else { "" }}));
        }
        acc
    });
    let emails: Vec<Value> = pick(rng, &["an@sen.vn", "binh@sen.vn", "chi@gmail.com"])
        .into_iter()
        .map(|e| {
            let e = if rng.random_bool(0.5) {
                e.to_uppercase()
            } else {
                e
            };
            json!({"address": e})
        })
        .collect();
    let last = ["Nguyễn", "Trần", "Lê"][rng.random_range(0..3)];
    let mut body = json!({
        "first_name": format!("Người {n}"),
        "last_name": last,
        "phones": phones, "emails": emails,
        "tags": pick(rng, &["VIP", "vip", "Khách cũ", "Hội chợ 2026"]).into_iter().fold(Vec::<String>::new(), |mut acc, t| {
            if !acc.iter().any(|a| a.to_lowercase() == t.to_lowercase()) { acc.push(t) }
            acc
        }),
        "addresses": pick(rng, &["12 Lý Thái Tổ", "5 Lê Lợi"]).into_iter()
            .map(|s| json!({"street": s, "city": "Hà Nội"})).collect::<Vec<_>>(),
    });
    let o = body.as_object_mut().unwrap();
    if rng.random_bool(0.5) {
        o.insert(
            "job_title".into(),
            json!(format!("Chức vụ {}", rng.random_range(0..3))),
        );
    }
    if rng.random_bool(0.5) {
        o.insert(
            "notes".into(),
            json!(format!("Ghi chú {}", rng.random_range(0..3))),
        );
    }
    if rng.random_bool(0.5) {
        o.insert(
            "birthday".into(),
            json!(format!(
                "19{}-0{}-1{}",
                rng.random_range(60..99),
                rng.random_range(1..9),
                rng.random_range(0..9)
            )),
        );
    }
    if rng.random_bool(0.5) {
        o.insert(
            "custom".into(),
            json!({"ma_khach": format!("KH{}", rng.random_range(0..3))}),
        );
    }
    body
}

#[tokio::test]
async fn merge_then_undo_leaves_every_table_byte_for_byte_as_before() {
    let app = spawn_app().await;
    let s = app.signup("mergeprop").await;
    app.post("/api/v1/settings/custom-fields/contacts", &s.token, json!({
        "key": "ma_khach", "label_vi": "Mã khách", "label_en": "Customer code", "field_type": "text"}))
        .await
        .expect(201);
    let account = id(&create(&app, &s.token, "accounts", json!({"name": "Công ty Sen"})).await);
    let mut rng = StdRng::seed_from_u64(0x5e4_2026);
    for case in 0..16 {
        let slaves_n = rng.random_range(1..=3);
        let mut ids = Vec::new();
        for k in 0..=slaves_n {
            let mut body = random_contact(&mut rng, case * 10 + k);
            if rng.random_bool(0.3) {
                body["account_id"] = json!(account);
            }
            let rec = create(&app, &s.token, "contacts", body).await;
            let rid = id(&rec);
            if rng.random_bool(0.5) {
                app.post(
                    &format!("/api/v1/contacts/{rid}/activities"),
                    &s.token,
                    json!({"kind": "note", "body": format!("note {case}/{k}")}),
                )
                .await
                .expect(201);
            }
            if rng.random_bool(0.3) {
                create(
                    &app,
                    &s.token,
                    "opportunities",
                    json!({
                    "name": format!("Cơ hội {case}/{k}"), "contact_id": rid}),
                )
                .await;
            }
            ids.push(rid);
        }
        let (master, slaves) = (ids[0].clone(), ids[1..].to_vec());
        let mut overrides = serde_json::Map::new();
        for field in ["job_title", "birthday", "first_name", "custom.ma_khach"] {
            if rng.random_bool(0.3) {
                overrides.insert(
                    field.into(),
                    json!(slaves[rng.random_range(0..slaves.len())]),
                );
            }
        }
        let before = dump(&app, &s).await;
        let res = merge(
            &app,
            &s,
            "contacts",
            json!({"master_id": master, "slave_ids": slaves,
                                                     "overrides": overrides}),
        )
        .await
        .expect(200);
        let during = dump(&app, &s).await;
        assert_ne!(during, before, "case {case}: the merge changed something");
        app.post(
            &format!("/api/v1/merges/{}/undo", res["merge_id"].as_str().unwrap()),
            &s.token,
            json!({}),
        )
        .await
        .expect(200);
        let after = dump(&app, &s).await;
        for table in [
            "records",
            "record_phones",
            "record_emails",
            "record_tags",
            "record_shares",
            "activities",
        ] {
            assert_eq!(
                after[table], before[table],
                "case {case}: {table} differs after undo"
            );
        }
    }
}

/// The "imported" entries of `record`'s timeline.
async fn imported_entries(app: &TestApp, s: &Session, record: &str) -> Vec<Value> {
    let timeline = app
        .get(&format!("/api/v1/leads/{record}/activities"), &s.token)
        .await
        .expect(200);
    timeline["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["event"] == "imported")
        .cloned()
        .collect()
}

#[tokio::test]
async fn an_imported_slave_brings_its_imported_entry_and_undo_takes_it_back() {
    let app = spawn_app().await;
    let s = app.signup("merge-imported").await;
    let master = create(
        &app,
        &s.token,
        "leads",
        json!({"first_name": "Chủ", "phones": [{"number": "0901 000 111"}]}),
    )
    .await;
    let file = "Tên,Điện thoại\nNhập,0902 000 222\n";
    let done = crate::imports::import(
        &app,
        &s,
        "leads",
        "one.csv",
        file.as_bytes().to_vec(),
        json!({}),
    )
    .await;
    let slave = crate::imports::all(&app, &s, "leads")
        .await
        .into_iter()
        .find(|l| l["first_name"] == "Nhập")
        .unwrap();
    let (mid, sid) = (id(&master), id(&slave));
    let own = imported_entries(&app, &s, &sid).await;
    assert_eq!(own.len(), 1);
    assert!(imported_entries(&app, &s, &mid).await.is_empty());

    let res = merge(
        &app,
        &s,
        "leads",
        json!({"master_id": mid, "slave_ids": [sid]}),
    )
    .await
    .expect(200);
    let carried = imported_entries(&app, &s, &mid).await;
    assert_eq!(carried.len(), 1, "{carried:?}");
    assert_eq!(carried[0]["record_id"], json!(mid));
    assert_eq!(carried[0]["data"]["record_id"], json!(sid));
    assert_eq!(carried[0]["data"]["import_id"], done["id"]);
    assert_eq!(carried[0]["data"]["row"], own[0]["data"]["row"]);
    assert_eq!(carried[0]["occurred_at"], own[0]["occurred_at"]);

    let undo = format!("/api/v1/merges/{}/undo", res["merge_id"].as_str().unwrap());
    app.post(&undo, &s.token, json!({})).await.expect(200);
    assert!(imported_entries(&app, &s, &mid).await.is_empty());
    assert_eq!(imported_entries(&app, &s, &sid).await, own);
}
