//! Export: the caller's visible rows, formulas neutralised, and a file that re-imports with
//! the suggested (template) mapping into the same values.

use std::io::Cursor;

use calamine::{Reader, Xlsx, open_workbook_from_rs};
use serde_json::{Value, json};

use super::{all, import};
use crate::helpers::spawn_app;
use crate::records::create;

async fn export(app: &crate::helpers::TestApp, token: &str, body: Value) -> Vec<u8> {
    let res = app
        .client
        .post(format!("{}/api/v1/exports", app.base))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    res.bytes().await.unwrap().to_vec()
}

/// What a round trip must keep.
fn essence(l: &Value) -> Value {
    json!({
        "first_name": l["first_name"], "last_name": l["last_name"], "phones": l["phones"],
        "emails": l["emails"], "birthday": l["birthday"], "gender": l["gender"],
        "job_title": l["job_title"], "source": l["source"], "notes": l["notes"],
        "tags": l["tags"], "city": l["addresses"][0]["city"], "status": l["status"],
        "company_name": l["company_name"],
    })
}

#[tokio::test]
async fn export_round_trips_and_neutralises_formulas() {
    let app = spawn_app().await;
    let s = app.signup("exp").await;
    let other = app.add_user(&s, "other", "member").await;
    create(&app, &s.token, "leads", json!({
        "first_name": "An", "last_name": "Nguyễn Văn", "phones": [{"number": "0912 345 678"}, {"number": "+1 650 253 0000"}],
        "emails": [{"address": "an@example.vn"}], "birthday": "1990-03-15", "gender": "male",
        "job_title": "Giám đốc", "source": "trade_show", "notes": "=HYPERLINK(\"x\")", "tags": ["vip", "hội chợ"],
        "addresses": [{"city": "Hà Nội"}], "company_name": "@Sen",
    }))
    .await;
    create(
        &app,
        &s.token,
        "leads",
        json!({"first_name": "Bình", "phones": [{"number": "0913 000 111"}]}),
    )
    .await;
    create(
        &app,
        &other.token,
        "leads",
        json!({"first_name": "Riêng", "sharing": {"mode": "private"}}),
    )
    .await;

    let bytes = export(&app, &s.token, json!({"kind": "lead"})).await;
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    let sheet = book.worksheet_range("Data").unwrap();
    let table: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(table.len(), 3, "only the visible rows: {table:?}");
    let col = |h: &str| table[0].iter().position(|x| x == h).unwrap();
    let an = table
        .iter()
        .find(|r| r[col("Tên / First name")] == "An")
        .unwrap();
    assert_eq!(an[col("Thông tin thêm / Notes")], "'=HYPERLINK(\"x\")");
    assert_eq!(an[col("Công ty / Company")], "'@Sen");
    assert_eq!(an[col("Điện thoại / Phone")], "0912345678, +16502530000");
    assert_eq!(an[col("Ngày sinh / Birthday")], "15/03/1990");

    // Re-import into a fresh workspace with the suggested mapping: the same values.
    let s2 = app.signup("exp2").await;
    let done = import(&app, &s2, "leads", "export.xlsx", bytes, json!({})).await;
    assert_eq!(done["counts"]["created"], 2, "{done}");
    let mut a: Vec<Value> = all(&app, &s, "leads")
        .await
        .iter()
        .filter(|l| l["first_name"] != "Riêng")
        .map(essence)
        .collect();
    let mut b: Vec<Value> = all(&app, &s2, "leads").await.iter().map(essence).collect();
    let key = |v: &Value| v["first_name"].as_str().unwrap_or("").to_owned();
    a.sort_by_key(key);
    b.sort_by_key(key);
    assert_eq!(a, b);

    // CSV, chosen columns, a filter.
    let csv = export(
        &app,
        &s.token,
        json!({"kind": "lead", "format": "csv", "columns": ["first_name", "phones"],
                                              "filter": {"q": "Bình"}}),
    )
    .await;
    let text = String::from_utf8(csv).unwrap();
    assert_eq!(
        text.trim_start_matches('\u{feff}').trim(),
        "Tên / First name,Điện thoại / Phone\nBình,0913000111"
    );
    let p = app
        .post(
            "/api/v1/exports",
            &s.token,
            json!({"kind": "lead", "columns": ["shoe_size"]}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "columns[0]");
}

#[tokio::test]
async fn a_long_export_holds_every_row_once_across_its_pages() {
    // More rows than three pages of the export's reads: the file is written while the next
    // page is read, and must still hold each record exactly once.
    let app = spawn_app().await;
    let s = app.signup("exp-long").await;
    let rows = 4_500;
    let mut csv = String::from("Tên,Điện thoại\n");
    for i in 0..rows {
        csv.push_str(&format!("Khách {i:05},09{:08}\n", 10_000_000 + i));
    }
    let done = import(&app, &s, "leads", "long.csv", csv.into_bytes(), json!({})).await;
    assert_eq!(done["counts"]["created"], rows, "{done}");

    let text = String::from_utf8(
        export(
            &app,
            &s.token,
            json!({"kind": "lead", "format": "csv", "columns": ["first_name"]}),
        )
        .await,
    )
    .unwrap();
    let mut names: Vec<&str> = text
        .trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .collect();
    assert_eq!(names.len(), rows, "one line per record");
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), rows, "no record twice");
    assert_eq!(names[0], "Khách 00000");
    assert_eq!(names[rows - 1], "Khách 04499");
}
