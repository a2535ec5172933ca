//! Converting into existing records: fill and unite, matches proposed by the preview, and
//! the 404 for records the caller cannot see.

use serde_json::{Value, json};

use super::{id, timeline, total};
use crate::helpers::spawn_app;
use crate::records::create;

#[tokio::test]
async fn converting_into_existing_records_fills_and_unites() {
    let app = spawn_app().await;
    let s = app.signup("fill").await;
    let account = create(&app, &s.token, "accounts", json!({"name": "Công ty ABC"})).await;
    let contact = create(
        &app,
        &s.token,
        "contacts",
        json!({
            "first_name": "An", "last_name": "Nguyễn Văn", "job_title": "Kế toán trưởng",
            "phones": [{"number": "0912345678"}], "tags": ["VIP"]
        }),
    )
    .await;
    let lead = create(&app, &s.token, "leads", json!({
        "first_name": "An", "last_name": "Nguyễn Văn", "job_title": "Giám đốc",
        "phones": [{"number": "+84 912 345 678", "label": "mobile"}, {"number": "0987 654 321"}],
        "emails": [{"address": "an@abc.vn"}], "birthday": "05/09/1990",
        "tags": ["vip", "Hội chợ"], "company_name": "CONG TY abc", "industry": "retail"
    }))
    .await;
    let (aid, cid, lid) = (id(&account), id(&contact), id(&lead));

    let preview = app
        .get(&format!("/api/v1/leads/{lid}/convert/preview"), &s.token)
        .await
        .expect(200);
    assert_eq!(preview["contacts"][0]["record"]["id"], cid.as_str());
    assert_eq!(preview["contacts"][0]["reasons"], json!(["phone", "name"]));
    assert_eq!(preview["accounts"][0]["record"]["id"], aid.as_str());
    assert_eq!(preview["accounts"][0]["reasons"], json!(["company"]));

    let done = app
        .post(
            &format!("/api/v1/leads/{lid}/convert"),
            &s.token,
            json!({"contact": {"existing_id": cid}, "account": {"existing_id": aid},
                   "opportunity": {"create": {"amount": "5000000"}}}),
        )
        .await
        .expect(200);
    let c = &done["contact"];
    assert_eq!(c["id"], cid.as_str());
    assert_eq!(c["job_title"], "Kế toán trưởng", "a filled field is kept");
    assert_eq!(
        c["phones"],
        json!([{"number": "+84912345678", "label": "mobile"}, {"number": "+84987654321", "label": null}]),
        "the same phone once, the second added"
    );
    assert_eq!(
        c["emails"],
        json!([{"address": "an@abc.vn", "label": null}])
    );
    assert_eq!(c["birthday"], "1990-09-05", "an empty field is filled");
    assert_eq!(c["tags"], json!(["Hội chợ", "VIP"]));
    assert_eq!(c["account_id"], aid.as_str());
    assert_eq!(c["version"], 2);
    assert_eq!(done["account"]["industry"], "retail");
    assert_eq!(done["account"]["name"], "Công ty ABC");
    let opp = &done["opportunity"];
    assert_eq!(opp["name"], "CONG TY abc");
    assert_eq!(
        (&opp["contact_id"], &opp["account_id"]),
        (&json!(cid), &json!(aid))
    );
    let stored = app
        .get(&format!("/api/v1/contacts/{cid}"), &s.token)
        .await
        .expect(200);
    assert_eq!(&stored, c);
    let events = timeline(&app, &s, "contacts", &cid).await;
    assert!(
        events.contains(&("updated".into(), cid.clone())),
        "{events:?}"
    );
    assert!(events.contains(&("converted".into(), cid.clone())));
    assert_eq!(total(&app, &s, "contacts").await, 1);
    assert_eq!(total(&app, &s, "accounts").await, 1);

    // A part of the wrong kind is no record of that kind.
    let other = create(&app, &s.token, "leads", json!({"first_name": "Bình"})).await;
    app.post(
        &format!("/api/v1/leads/{}/convert", id(&other)),
        &s.token,
        json!({"contact": {"existing_id": aid}}),
    )
    .await
    .problem(404, "not_found");
    let err = app
        .post(
            &format!("/api/v1/leads/{}/convert", id(&other)),
            &s.token,
            json!({"contact": {"create": {"phones": [{"number": "12"}]}}, "account": {"create": {}}}),
        )
        .await
        .problem(422, "validation_failed");
    let fields: Vec<&str> = err["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["account.create.name"],
        "no company: the account needs a name"
    );
}

#[tokio::test]
async fn attaching_to_an_account_you_cannot_see_is_404() {
    let app = spawn_app().await;
    let boss = app.signup("perm").await;
    let alice = app.add_user(&boss, "alice", "member").await;
    let bob = app.add_user(&boss, "bob", "member").await;
    let secret = create(
        &app,
        &alice.token,
        "accounts",
        json!({
            "name": "Công ty Bí Mật", "sharing": {"mode": "private"}
        }),
    )
    .await;
    let secret_contact = create(&app, &alice.token, "contacts", json!({
        "first_name": "Mật", "phones": [{"number": "0912345678"}], "sharing": {"mode": "private"}
    }))
    .await;
    let lead = create(&app, &bob.token, "leads", json!({
        "first_name": "Bình", "company_name": "Công ty Bí Mật", "phones": [{"number": "+84912345678"}]
    }))
    .await;
    let lid = id(&lead);
    let preview = app
        .get(&format!("/api/v1/leads/{lid}/convert/preview"), &bob.token)
        .await
        .expect(200);
    assert_eq!(
        preview,
        json!({"contacts": [], "accounts": []}),
        "invisible matches stay hidden"
    );
    let path = format!("/api/v1/leads/{lid}/convert");
    app.post(
        &path,
        &bob.token,
        json!({"contact": {"create": {}}, "account": {"existing_id": id(&secret)}}),
    )
    .await
    .problem(404, "not_found");
    app.post(
        &path,
        &bob.token,
        json!({"contact": {"existing_id": id(&secret_contact)}}),
    )
    .await
    .problem(404, "not_found");
    assert_eq!(
        total(&app, &bob, "contacts").await,
        0,
        "nothing was created"
    );
    let lead = app
        .get(&format!("/api/v1/leads/{lid}"), &bob.token)
        .await
        .expect(200);
    assert_eq!(
        (&lead["status"], &lead["converted_at"]),
        (&json!("new"), &Value::Null)
    );
    app.get(
        &format!("/api/v1/accounts/{}/contacts", id(&secret)),
        &bob.token,
    )
    .await
    .problem(404, "not_found");
    app.post(
        &format!("/api/v1/accounts/{}/contacts", id(&secret)),
        &bob.token,
        json!({"first_name": "Lén"}),
    )
    .await
    .problem(404, "not_found");
    app.post(
        &path,
        &bob.token,
        json!({"contact": {"create": {}}, "account": {"create": {}}}),
    )
    .await
    .expect(200);
}

#[tokio::test]
async fn preview_finds_a_contact_by_a_phone_spelled_differently() {
    let app = spawn_app().await;
    let s = app.signup("prev").await;
    let by_phone = create(
        &app,
        &s.token,
        "contacts",
        json!({
            "first_name": "Hà", "last_name": "Lê Thu", "phones": [{"number": "0168 123 4567"}]
        }),
    )
    .await;
    let by_email = create(
        &app,
        &s.token,
        "contacts",
        json!({
            "first_name": "Nam", "emails": [{"address": "Nam@XYZ.vn"}]
        }),
    )
    .await;
    let by_name = create(
        &app,
        &s.token,
        "contacts",
        json!({"first_name": "dat", "last_name": "NGUYEN"}),
    )
    .await;
    create(
        &app,
        &s.token,
        "contacts",
        json!({"first_name": "Đạt Anh", "last_name": "Nguyễn"}),
    )
    .await;
    create(
        &app,
        &s.token,
        "accounts",
        json!({"name": "Công ty XYZ Việt Nam"}),
    )
    .await;
    let lead = create(
        &app,
        &s.token,
        "leads",
        json!({
            "first_name": "Đạt", "last_name": "Nguyễn", "company_name": "Công ty XYZ",
            "phones": [{"number": "(+84) 38-123-4567"}], "emails": [{"address": "nam@xyz.vn"}]
        }),
    )
    .await;
    let preview = app
        .get(
            &format!("/api/v1/leads/{}/convert/preview", id(&lead)),
            &s.token,
        )
        .await
        .expect(200);
    let found: Vec<(String, Value)> = preview["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (id(&m["record"]), m["reasons"].clone()))
        .collect();
    assert_eq!(
        found,
        [
            (id(&by_phone), json!(["phone"])),
            (id(&by_email), json!(["email"])),
            (id(&by_name), json!(["name"])),
        ]
    );
    assert_eq!(
        preview["accounts"],
        json!([]),
        "a longer company name is not the same"
    );
}
