//! The template carries every field of the kind, custom fields included, with both labels
//! and an example row; its own headers map back to the fields unchanged.

use std::io::Cursor;

use calamine::{Reader, Xlsx, open_workbook_from_rs};
use serde_json::json;

use super::upload;
use crate::helpers::spawn_app;

#[tokio::test]
async fn template_has_every_field_and_maps_back_onto_itself() {
    let app = spawn_app().await;
    let s = app.signup("tpl").await;
    app.post(
        "/api/v1/settings/custom-fields/leads",
        &s.token,
        json!({"key": "cccd_issued", "label_vi": "Ngày cấp CCCD", "label_en": "ID issued", "field_type": "date"}),
    )
    .await
    .expect(201);
    let res = app
        .client
        .get(format!(
            "{}/api/v1/imports/template?kind=leads&format=xlsx",
            app.base
        ))
        .bearer_auth(&s.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("spreadsheetml")
    );
    let bytes = res.bytes().await.unwrap().to_vec();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    let range = book.worksheet_range("Data").unwrap();
    let headers: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(
        headers.contains(&"Tên / First name".to_owned()),
        "{headers:?}"
    );
    assert!(headers.contains(&"Điện thoại / Phone".to_owned()));
    assert!(
        headers.contains(&"Ngày cấp CCCD".to_owned()),
        "custom field: {headers:?}"
    );
    let example: Vec<String> = range
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(example.contains(&"An".to_owned()) && example.contains(&"15/03/1990".to_owned()));

    // Uploading the template itself maps every column to its field.
    let up = upload(&app, &s.token, "leads", "template.xlsx", bytes)
        .await
        .expect(201);
    let mapping = up["suggested_mapping"].as_object().unwrap();
    assert_eq!(mapping.len(), headers.len(), "{mapping:?}");
    assert_eq!(mapping["Tên / First name"], "first_name");
    assert_eq!(mapping["Ngày cấp CCCD"], "custom.cccd_issued");

    let csv = app
        .client
        .get(format!(
            "{}/api/v1/imports/template?kind=accounts&format=csv",
            app.base
        ))
        .bearer_auth(&s.token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.trim_start_matches('\u{feff}')
            .starts_with("Tên công ty / Company name,"),
        "{csv}"
    );
    app.get("/api/v1/imports/template?kind=leads&format=pdf", &s.token)
        .await
        .problem(400, "invalid_query");
    app.get("/api/v1/imports/template?kind=cats", &s.token)
        .await
        .problem(400, "invalid_query");
}
