//! The whole way: a prospect becomes a lead, a contact with an account and an opportunity,
//! which moves through the pipeline to won (and back).

use serde_json::{Value, json};
use uuid::Uuid;

use super::{id, pipeline, timeline, total};
use crate::helpers::spawn_app;
use crate::records::create;

#[tokio::test]
async fn prospect_to_lead_to_customer_to_won() {
    let app = spawn_app().await;
    let s = app.signup("life").await;
    for kind in ["prospects", "leads"] {
        app.post(
            &format!("/api/v1/settings/custom-fields/{kind}"),
            &s.token,
            json!({"key": "budget", "label_vi": "Ngân sách", "label_en": "Budget", "field_type": "number"}),
        )
        .await
        .expect(201);
    }
    app.post(
        "/api/v1/settings/custom-fields/prospects",
        &s.token,
        json!({"key": "forum", "label_vi": "Diễn đàn", "label_en": "Forum", "field_type": "text"}),
    )
    .await
    .expect(201);
    let prospect = create(&app, &s.token, "prospects", json!({
        "first_name": "An", "last_name": "Nguyễn Văn", "company_name": "Công ty ABC",
        "phones": [{"number": "0912 345 678", "label": "mobile"}], "emails": [{"address": "An@ABC.vn"}],
        "tags": ["Hội chợ 2026"], "input_source": "webform", "job_title": "Giám đốc",
        "addresses": [{"city": "Hà Nội"}], "source": "website", "industry": "retail",
        "notes": "Quan tâm gói Pro", "custom": {"budget": 500, "forum": "webtretho"}
    }))
    .await;
    let pid = id(&prospect);
    app.post(
        &format!("/api/v1/prospects/{pid}/activities"),
        &s.token,
        json!({"kind": "call", "subject": "Gọi lần đầu"}),
    )
    .await
    .expect(201);

    // Prospect → lead.
    let lead = app
        .post(
            &format!("/api/v1/prospects/{pid}/convert"),
            &s.token,
            json!({}),
        )
        .await
        .expect(200)["lead"]
        .clone();
    let lid = id(&lead);
    assert_eq!(lead["kind"], "lead");
    assert_eq!(lead["status"], "new");
    assert_eq!(lead["display_name"], "Nguyễn Văn An");
    assert_eq!(lead["company_name"], "Công ty ABC");
    assert_eq!(lead["job_title"], "Giám đốc");
    assert_eq!(lead["phones"], prospect["phones"]);
    assert_eq!(lead["emails"], prospect["emails"]);
    assert_eq!(lead["addresses"], prospect["addresses"]);
    assert_eq!(lead["tags"], json!(["Hội chợ 2026"]));
    assert_eq!(
        lead["custom"],
        json!({"budget": 500}),
        "only what leads define"
    );
    assert_eq!(lead["created_via"], "webform", "the prospect's channel");
    assert_eq!(lead["owner_id"], prospect["owner_id"]);
    assert_eq!(lead["sharing"], prospect["sharing"]);
    assert_eq!(lead["input_source"], Value::Null);
    let prospect = app
        .get(&format!("/api/v1/prospects/{pid}"), &s.token)
        .await
        .expect(200);
    assert_eq!(prospect["status"], "converted");
    assert_eq!(prospect["converted_to"], lid.as_str());
    assert!(prospect["converted_at"].is_string());
    assert_eq!(prospect["version"], 2);
    app.post(
        &format!("/api/v1/prospects/{pid}/convert"),
        &s.token,
        json!({}),
    )
    .await
    .problem(409, "conflict");
    let lead_events = timeline(&app, &s, "leads", &lid).await;
    assert!(
        lead_events.contains(&("call".into(), pid.clone())),
        "{lead_events:?}"
    );
    assert!(lead_events.contains(&("converted".into(), lid.clone())));
    assert!(lead_events.contains(&("created".into(), lid.clone())));
    app.post(
        &format!("/api/v1/leads/{lid}/activities"),
        &s.token,
        json!({"kind": "note", "body": "Muốn báo giá gói Pro"}),
    )
    .await
    .expect(201);

    // Lead → contact + new account + new opportunity.
    let done = app
        .post(
            &format!("/api/v1/leads/{lid}/convert"),
            &s.token,
            json!({"contact": {"create": {}}, "account": {"create": {}},
                   "opportunity": {"create": {"name": "ABC – gói Pro", "amount": "150000000",
                                              "expected_close_date": "31/12/2026"}}}),
        )
        .await
        .expect(200);
    let (contact, account, opp) = (&done["contact"], &done["account"], &done["opportunity"]);
    let (cid, aid, oid) = (id(contact), id(account), id(opp));
    assert_eq!(contact["kind"], "contact");
    assert_eq!(contact["display_name"], "Nguyễn Văn An");
    assert_eq!(contact["phones"], lead["phones"]);
    assert_eq!(contact["emails"], lead["emails"]);
    assert_eq!(contact["job_title"], "Giám đốc");
    assert_eq!(contact["tags"], json!(["Hội chợ 2026"]));
    assert_eq!(contact["account_id"], aid.as_str());
    assert_eq!(contact["status"], "active");
    assert_eq!(account["kind"], "account");
    assert_eq!(account["name"], "Công ty ABC");
    assert_eq!(account["industry"], "retail");
    assert_eq!(opp["status"], "prospecting", "the first open stage");
    assert_eq!(opp["amount"], "150000000.00");
    assert_eq!(opp["currency"], "VND");
    assert_eq!(opp["account_id"], aid.as_str());
    assert_eq!(opp["contact_id"], cid.as_str());
    assert_eq!(opp["source_lead_id"], lid.as_str());
    assert_eq!(opp["closed_at"], Value::Null);
    let lead = app
        .get(&format!("/api/v1/leads/{lid}"), &s.token)
        .await
        .expect(200);
    assert_eq!(lead["status"], "converted");
    assert_eq!(lead["converted_to"], cid.as_str());
    assert_eq!(lead["converted_account_id"], aid.as_str());
    assert_eq!(lead["converted_opportunity_id"], oid.as_str());
    assert!(lead["converted_at"].is_string());
    app.post(
        &format!("/api/v1/leads/{lid}/convert"),
        &s.token,
        json!({"contact": {"create": {}}}),
    )
    .await
    .problem(409, "conflict");
    assert_eq!(
        total(&app, &s, "contacts").await,
        1,
        "the refused conversion wrote nothing"
    );

    // The contact's timeline carries the lead's and the prospect's history.
    let contact_events = timeline(&app, &s, "contacts", &cid).await;
    for entry in [
        ("note", lid.as_str()),
        ("call", pid.as_str()),
        ("converted", cid.as_str()),
        ("created", cid.as_str()),
        ("converted", lid.as_str()),
    ] {
        let entry = (entry.0.to_owned(), entry.1.to_owned());
        assert!(
            contact_events.contains(&entry),
            "{entry:?} in {contact_events:?}"
        );
    }
    for (kind, record) in [("accounts", &aid), ("opportunities", &oid)] {
        let events = timeline(&app, &s, kind, record).await;
        assert_eq!(events.len(), 2, "{events:?}");
        assert!(events.contains(&("converted".into(), record.clone())));
    }
    let audit = sen_store::repo::audit::for_entity(
        app.state.db.conn(),
        s.workspace_id,
        lid.parse().unwrap(),
    )
    .await
    .unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["create", "convert"]);
    let contacts = app
        .get(&format!("/api/v1/accounts/{aid}/contacts"), &s.token)
        .await
        .expect(200);
    assert_eq!(contacts["total"], 1);
    assert_eq!(contacts["items"][0]["id"], cid.as_str());

    // The pipeline sums exactly, per stage and currency, in stage order.
    for (amount, currency, stage) in [
        ("0.10", "VND", "prospecting"),
        ("0.20", "VND", "prospecting"),
        ("99.99", "USD", "prospecting"),
        ("1000", "VND", "negotiation"),
    ] {
        create(&app, &s.token, "opportunities", json!({
            "name": format!("ABC {amount}"), "account_id": aid, "amount": amount, "currency": currency,
            "status": stage, "expected_close_date": "2027-03-01"
        }))
        .await;
    }
    let stages = pipeline(&app, &s, "").await;
    let keys: Vec<&str> = stages.iter().map(|(k, _, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "prospecting",
            "needs_analysis",
            "proposal",
            "negotiation",
            "won",
            "lost"
        ]
    );
    assert_eq!(stages[0].1, 4);
    assert_eq!(
        stages[0].2,
        json!([{"currency": "USD", "total": "99.99"}, {"currency": "VND", "total": "150000000.30"}])
    );
    assert_eq!(
        (stages[1].1, &stages[1].2),
        (0, &json!([])),
        "empty stages are listed"
    );
    assert_eq!(
        stages[3].2,
        json!([{"currency": "VND", "total": "1000.00"}])
    );
    let before_2027 = pipeline(&app, &s, "?close_to=2026-12-31").await;
    assert_eq!(before_2027[0].1, 1);
    assert_eq!(before_2027[3].1, 0);
    let nobody = pipeline(&app, &s, &format!("?owner_id={}", Uuid::now_v7())).await;
    assert!(nobody.iter().all(|(_, n, _)| *n == 0));
    app.get("/api/v1/opportunities/pipeline?close_from=2026", &s.token)
        .await
        .problem(422, "validation_failed");

    // Stage rules: lost needs a reason; won and lost stamp closed_at; reopening clears it.
    let path = format!("/api/v1/opportunities/{oid}");
    let err = app
        .patch(&path, &s.token, json!({"status": "lost"}))
        .await
        .problem(422, "validation_failed");
    assert_eq!(err["errors"][0]["field"], "lost_reason");
    assert_eq!(err["errors"][0]["code"], "required");
    let won = app
        .patch(&path, &s.token, json!({"status": "won"}))
        .await
        .expect(200);
    assert!(won["closed_at"].is_string());
    let stages = pipeline(&app, &s, "").await;
    assert_eq!(stages[4].1, 1);
    assert_eq!(
        stages[4].2,
        json!([{"currency": "VND", "total": "150000000.00"}])
    );
    assert_eq!(stages[0].2[1], json!({"currency": "VND", "total": "0.30"}));
    let events = app
        .get(&format!("{path}/activities"), &s.token)
        .await
        .expect(200);
    let moved = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["event"] == "stage_changed")
        .expect("a stage_changed event");
    assert_eq!(moved["data"], json!({"from": "prospecting", "to": "won"}));
    let reopened = app
        .patch(&path, &s.token, json!({"status": "proposal"}))
        .await
        .expect(200);
    assert_eq!(reopened["closed_at"], Value::Null);
    let lost = app
        .patch(
            &path,
            &s.token,
            json!({"status": "lost", "lost_reason": "price"}),
        )
        .await
        .expect(200);
    assert!(lost["closed_at"].is_string());
    assert_eq!(lost["lost_reason"], "price");
    let again = app
        .patch(&path, &s.token, json!({"status": "negotiation"}))
        .await
        .expect(200);
    assert_eq!(
        (&again["closed_at"], &again["lost_reason"]),
        (&Value::Null, &Value::Null)
    );
    app.post(
        "/api/v1/opportunities",
        &s.token,
        json!({"name": "Thua ngay", "status": "lost"}),
    )
    .await
    .problem(422, "validation_failed");
}
