//! The whole wizard on one file: the preview names every problem and writes nothing; the run
//! does what the preview said; per-row results and the report list the left-out rows;
//! importing the same file again creates nothing; undo restores the database exactly.

use std::io::Cursor;

use calamine::{Reader, Xlsx, open_workbook_from_rs};
use serde_json::{Value, json};

use super::fixtures::errors_csv;
use super::{all, import, rows, upload, wait};
use crate::helpers::spawn_app;

fn reasons(row: &Value) -> Vec<(String, String)> {
    row["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["field"].as_str().unwrap().to_owned(),
                r["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn opts() -> Value {
    json!({"duplicates": {"criteria": ["phone", "email"], "mode": "skip"}, "tags": ["hội chợ 2026"]})
}

#[tokio::test]
async fn preview_names_every_problem_and_the_run_does_what_it_said() {
    let app = spawn_app().await;
    let s = app.signup("flow").await;
    let up = upload(&app, &s.token, "leads", "errors.csv", errors_csv())
        .await
        .expect(201);
    assert_eq!(up["format"], "csv");
    assert_eq!(up["sheets"][0]["rows"], 8);
    let mapping = up["suggested_mapping"].clone();
    assert_eq!(
        mapping,
        json!({"Họ": "last_name", "Tên": "first_name", "Điện thoại": "phones", "Email": "emails",
               "Ngày sinh": "birthday", "Nguồn": "source"})
    );
    let id = up["id"].as_str().unwrap().to_owned();
    let mut body = opts();
    body["mapping"] = mapping;
    let preview = app
        .post(
            &format!("/api/v1/imports/{id}/preview"),
            &s.token,
            body.clone(),
        )
        .await
        .expect(200);
    assert_eq!(
        preview["counts"],
        json!({"total": 8, "scanned": 8, "created": 3, "updated": 0, "merged": 0, "skipped": 1, "failed": 4}),
        "{preview}"
    );
    let by_row = |n: u64| {
        preview["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["row"] == n)
            .unwrap()
            .clone()
    };
    assert_eq!(by_row(2)["outcome"], "created");
    assert_eq!(
        reasons(&by_row(3)),
        [("first_name".into(), "required".into())]
    );
    assert_eq!(by_row(4)["outcome"], "failed");
    assert_eq!(reasons(&by_row(4))[0].0, "phones[0].number");
    assert_eq!(reasons(&by_row(5))[0].0, "emails[0].address");
    assert_eq!(reasons(&by_row(6))[0].0, "birthday");
    assert_eq!(by_row(7)["outcome"], "created", "an Excel serial is a date");
    assert_eq!(by_row(8)["outcome"], "created");
    assert_eq!(by_row(8)["warnings"][0]["field"], "source");
    assert_eq!(by_row(8)["warnings"][0]["code"], "unknown_option");
    assert_eq!(by_row(9)["outcome"], "skipped");
    assert_eq!(by_row(9)["duplicate_of_row"], 2);
    assert_eq!(by_row(9)["reasons"][0]["message"], "duplicate of row 2");
    // A dry run: nothing was written.
    assert!(all(&app, &s, "leads").await.is_empty());
    assert_eq!(
        app.get("/api/v1/tags", &s.token).await.expect(200)["items"],
        json!([])
    );

    app.post(&format!("/api/v1/imports/{id}/run"), &s.token, body.clone())
        .await
        .expect(202);
    app.post(&format!("/api/v1/imports/{id}/run"), &s.token, body.clone())
        .await
        .problem(409, "conflict");
    let done = wait(&app, &s.token, &id).await;
    assert_eq!(done["state"], "done");
    assert_eq!(done["progress"], 1.0);
    assert_eq!(
        done["counts"], preview["counts"],
        "the run does what the preview said"
    );

    let leads = all(&app, &s, "leads").await;
    assert_eq!(leads.len(), 3);
    let em = leads.iter().find(|l| l["first_name"] == "Em").unwrap();
    assert_eq!(em["birthday"], "1990-01-01");
    assert_eq!(em["created_via"], "import");
    assert_eq!(em["tags"], json!(["hội chợ 2026"]));
    let giang = leads.iter().find(|l| l["first_name"] == "Giang").unwrap();
    assert_eq!(
        giang["source"],
        Value::Null,
        "unknown picklist value kept empty"
    );
    let timeline = app
        .get(
            &format!("/api/v1/leads/{}/activities", em["id"].as_str().unwrap()),
            &s.token,
        )
        .await
        .expect(200);
    let imported: Vec<&Value> = timeline["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["event"] == "imported")
        .collect();
    assert_eq!(imported.len(), 1, "{timeline}");
    assert_eq!(imported[0]["record_id"], em["id"]);
    assert_eq!(imported[0]["data"]["import_id"], json!(id));
    assert_eq!(imported[0]["actor_id"], json!(s.user_id));
    let created = rows(&app, &s, &id, "created").await;
    let em_row = created
        .iter()
        .find(|r| r["record_id"] == em["id"])
        .expect("Em's row is listed as created");
    assert_eq!(imported[0]["data"]["row"], em_row["row"]);

    // Per-row outcomes, filtered.
    let failed = rows(&app, &s, &id, "failed").await;
    assert_eq!(
        failed
            .iter()
            .map(|r| r["row"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [3, 4, 5, 6]
    );
    let skipped = rows(&app, &s, &id, "skipped").await;
    assert_eq!(skipped[0]["row"], 9);
    let an = leads.iter().find(|l| l["first_name"] == "An").unwrap();
    assert_eq!(skipped[0]["record_id"], an["id"]);
    assert_eq!(rows(&app, &s, &id, "").await.len(), 8);

    // The report: the skipped and failed rows as uploaded, plus the reason.
    let res = app
        .client
        .get(format!("{}/api/v1/imports/{id}/report.xlsx", app.base))
        .bearer_auth(&s.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let mut book: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(res.bytes().await.unwrap().to_vec())).unwrap();
    let sheet = book.worksheet_range("Report").unwrap();
    let table: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(table.len(), 6, "{table:?}");
    assert_eq!(table[0].last().unwrap(), "Lý do / Reason");
    assert_eq!(
        table[0][..6],
        ["Họ", "Tên", "Điện thoại", "Email", "Ngày sinh", "Nguồn"]
    );
    assert_eq!(table[2][..3], ["Lê", "Bình", "12345"]);
    assert!(
        table[5].last().unwrap().contains("duplicate of row 2"),
        "{table:?}"
    );

    // The same file again in skip mode creates nothing.
    let again = import(&app, &s, "leads", "errors.csv", errors_csv(), opts()).await;
    assert_eq!(again["counts"]["created"], 0, "{again}");
    assert_eq!(again["counts"]["skipped"], 4);
    assert_eq!(all(&app, &s, "leads").await.len(), 3);
}

/// A record as compared across an undo: without its bookkeeping.
fn state_of(mut v: Value) -> Value {
    if let Some(o) = v.as_object_mut() {
        o.remove("version");
        o.remove("updated_at");
    }
    v
}

#[tokio::test]
async fn undo_restores_the_database_exactly() {
    let app = spawn_app().await;
    let s = app.signup("undo").await;
    let kept = crate::records::create(
        &app,
        &s.token,
        "leads",
        json!({"first_name": "An", "last_name": "Lê", "phones": [{"number": "0901 111 111"}],
               "emails": [{"address": "e1@example.vn"}], "job_title": "Kế toán", "tags": ["cũ"]}),
    )
    .await;
    let other = crate::records::create(
        &app,
        &s.token,
        "leads",
        json!({"first_name": "Khác", "phones": [{"number": "0903 333 333"}]}),
    )
    .await;
    let before: Vec<Value> = all(&app, &s, "leads")
        .await
        .into_iter()
        .map(state_of)
        .collect();
    let done = import(
        &app,
        &s,
        "leads",
        "modes.csv",
        super::fixtures::modes_csv(),
        json!({"duplicates": {"criteria": ["phone"], "mode": "merge"}, "tags": ["mới"]}),
    )
    .await;
    assert_eq!(done["counts"]["merged"], 1, "{done}");
    assert_eq!(done["counts"]["created"], 1);
    let after = all(&app, &s, "leads").await;
    assert_eq!(after.len(), 3);
    let merged = after.iter().find(|l| l["id"] == kept["id"]).unwrap();
    assert_eq!(merged["job_title"], "Kế toán");
    assert_eq!(merged["emails"].as_array().unwrap().len(), 2);

    // A record changed after the import is left alone and reported.
    let id = done["id"].as_str().unwrap();
    let undo = app
        .post(&format!("/api/v1/imports/{id}/undo"), &s.token, json!({}))
        .await
        .expect(200);
    assert_eq!(undo["state"], "undone");
    assert_eq!(undo["undo"]["removed"], 1, "{undo}");
    assert_eq!(undo["undo"]["restored"], 1);
    assert_eq!(undo["undo"]["changed_since"], json!([]));
    let created = rows(&app, &s, id, "created").await;
    assert_eq!(
        created.len(),
        1,
        "the rows still list what the import did: {created:?}"
    );
    assert!(created[0]["record_id"].is_string());
    let restored: Vec<Value> = all(&app, &s, "leads")
        .await
        .into_iter()
        .map(state_of)
        .collect();
    assert_eq!(restored, before, "undo restores every record exactly");
    app.post(&format!("/api/v1/imports/{id}/undo"), &s.token, json!({}))
        .await
        .problem(409, "conflict");
    let _ = other;

    // Changed since: reported, not touched.
    let done = import(
        &app,
        &s,
        "leads",
        "modes.csv",
        super::fixtures::modes_csv(),
        json!({"duplicates": {"criteria": ["phone"], "mode": "overwrite"}}),
    )
    .await;
    assert_eq!(done["counts"]["updated"], 1, "{done}");
    app.patch(
        &format!("/api/v1/leads/{}", kept["id"].as_str().unwrap()),
        &s.token,
        json!({"job_title": "Tự sửa"}),
    )
    .await
    .expect(200);
    let id = done["id"].as_str().unwrap();
    let undo = app
        .post(&format!("/api/v1/imports/{id}/undo"), &s.token, json!({}))
        .await
        .expect(200);
    assert_eq!(undo["undo"]["restored"], 0);
    assert_eq!(undo["undo"]["changed_since"], json!([kept["id"]]));
    let now = app
        .get(
            &format!("/api/v1/leads/{}", kept["id"].as_str().unwrap()),
            &s.token,
        )
        .await
        .expect(200);
    assert_eq!(now["job_title"], "Tự sửa");
}

#[tokio::test]
async fn undo_unwinds_rows_that_changed_the_same_record() {
    let app = spawn_app().await;
    let s = app.signup("chain").await;
    let kept = crate::records::create(
        &app,
        &s.token,
        "leads",
        json!({"first_name": "Cũ", "phones": [{"number": "0901 000 001"}], "job_title": "A"}),
    )
    .await;
    let before: Vec<Value> = all(&app, &s, "leads")
        .await
        .into_iter()
        .map(state_of)
        .collect();
    // Rows 2 and 3 overwrite the existing lead in turn; row 5 overwrites the lead row 4 creates.
    let file = "Tên,Điện thoại,Chức vụ\nCũ,0901000001,B\nCũ,+84 901 000 001,C\nMới,0902000002,X\nMới,0902 000 002,Y\n";
    let done = import(
        &app,
        &s,
        "leads",
        "chain.csv",
        file.as_bytes().to_vec(),
        json!({"duplicates": {"criteria": ["phone"], "mode": "overwrite"}}),
    )
    .await;
    assert_eq!(done["counts"]["updated"], 3, "{done}");
    assert_eq!(done["counts"]["created"], 1);
    let now = app
        .get(
            &format!("/api/v1/leads/{}", kept["id"].as_str().unwrap()),
            &s.token,
        )
        .await
        .expect(200);
    assert_eq!(now["job_title"], "C");
    let leads = all(&app, &s, "leads").await;
    assert_eq!(
        leads.iter().find(|l| l["first_name"] == "Mới").unwrap()["job_title"],
        "Y"
    );
    let id = done["id"].as_str().unwrap();
    let undo = app
        .post(&format!("/api/v1/imports/{id}/undo"), &s.token, json!({}))
        .await
        .expect(200);
    assert_eq!(undo["undo"]["removed"], 1, "{undo}");
    assert_eq!(undo["undo"]["restored"], 1);
    assert_eq!(undo["undo"]["changed_since"], json!([]));
    let after: Vec<Value> = all(&app, &s, "leads")
        .await
        .into_iter()
        .map(state_of)
        .collect();
    assert_eq!(after, before);
}
