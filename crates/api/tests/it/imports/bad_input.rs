//! Bad input is a clear 4xx problem naming the field, never a 500.

use std::sync::atomic::Ordering;

use serde_json::json;

use super::fixtures::{errors_csv, two_sheets_xlsx};
use super::upload;
use crate::helpers::spawn_app;

#[tokio::test]
async fn bad_uploads_and_options_are_named_problems() {
    let app = spawn_app().await;
    let s = app.signup("bad").await;
    // A PNG is neither a workbook nor text.
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00".to_vec();
    let p = upload(&app, &s.token, "leads", "photo.png", png)
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "file");
    let p = upload(&app, &s.token, "leads", "empty.csv", Vec::new())
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "file");
    let p = upload(&app, &s.token, "leads", "fake.xlsx", b"not a zip".to_vec())
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "file");
    let p = upload(&app, &s.token, "cats", "a.csv", errors_csv())
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "kind");
    // Not multipart at all.
    app.raw(
        reqwest::Method::POST,
        "/api/v1/imports",
        Some(&s.token),
        Some("application/json"),
        b"{}".to_vec(),
    )
    .await
    .problem(415, "unsupported_media_type");
    // Larger than the limit.
    app.state.upload_limit.store(100, Ordering::Relaxed);
    upload(&app, &s.token, "leads", "big.csv", vec![b'a'; 1000])
        .await
        .problem(413, "payload_too_large");
    app.state.upload_limit.store(50 << 20, Ordering::Relaxed);

    let up = upload(&app, &s.token, "leads", "e.csv", errors_csv())
        .await
        .expect(201);
    let id = up["id"].as_str().unwrap();
    let preview = format!("/api/v1/imports/{id}/preview");
    let p = app
        .post(
            &preview,
            &s.token,
            json!({"mapping": {"Tên": "first_name", "Điện thoại": "telepathy"}}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "mapping.Điện thoại");
    assert_eq!(p["errors"][0]["code"], "unknown_field");
    let p = app
        .post(
            &preview,
            &s.token,
            json!({"mapping": {"Tên": "first_name", "Fax": "phones"}}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "mapping.Fax");
    let p = app
        .post(
            &preview,
            &s.token,
            json!({"mapping": {"Tên": "first_name"}, "duplicates": {"criteria": ["shoe size"]}}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "duplicates.criteria");
    let p = app
        .post(
            &preview,
            &s.token,
            json!({"mapping": {"Tên": "first_name"}, "row_from": 5, "row_to": 3}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "row_to");
    let p = app
        .post(
            &preview,
            &s.token,
            json!({"mapping": {"Tên": "first_name"}, "bogus": 1}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "bogus");

    let book = upload(&app, &s.token, "leads", "two.xlsx", two_sheets_xlsx())
        .await
        .expect(201);
    let p = app
        .post(
            &format!("/api/v1/imports/{}/preview", book["id"].as_str().unwrap()),
            &s.token,
            json!({"sheet": "Không có", "mapping": {"Tên": "first_name"}}),
        )
        .await
        .problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "sheet");

    // Someone else's import does not exist for you — even in the same workspace.
    let other = app.add_user(&s, "mem", "member").await;
    app.post(
        &preview,
        &other.token,
        json!({"mapping": {"Tên": "first_name"}}),
    )
    .await
    .problem(404, "not_found");
    app.get(&format!("/api/v1/imports/{id}"), &other.token)
        .await
        .problem(404, "not_found");
    let stranger = app.signup("stranger").await;
    app.post(
        &format!("/api/v1/imports/{id}/run"),
        &stranger.token,
        json!({"mapping": {"Tên": "first_name"}}),
    )
    .await
    .problem(404, "not_found");
    app.get(
        &format!("/api/v1/imports/{id}/rows?outcome=bogus"),
        &s.token,
    )
    .await
    .problem(400, "invalid_query");
    // Undo before a run.
    app.post(&format!("/api/v1/imports/{id}/undo"), &s.token, json!({}))
        .await
        .problem(409, "conflict");
}
