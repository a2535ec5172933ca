//! A preview of a file of several chunks, read ahead on a thread of its own
//! (`imports::read_ahead`), plans its rows in file order: a person's first row is the one
//! created, whichever chunk the later rows fall in, and the preview foresees exactly what the
//! run does.

use serde_json::json;

use super::{upload, wait};
use crate::helpers::spawn_app;

/// 12,001 people (three preview chunks), the first of whom comes again in the second and the
/// third chunk, and each of rows 10–19 again near the end.
fn file() -> Vec<u8> {
    let mut out = String::from("Tên,Điện thoại\n");
    let person = |i: usize| format!("Người {i},0977 {:03} {:03}\n", i / 1000, i % 1000);
    for i in 0..12_001 {
        let again = match i {
            6_000 | 11_000 => Some(0),
            11_980..=11_989 => Some(i - 11_970),
            _ => None,
        };
        out.push_str(&person(again.unwrap_or(i)));
    }
    out.into_bytes()
}

#[tokio::test]
async fn a_preview_of_several_chunks_plans_rows_in_file_order() {
    let app = spawn_app().await;
    let s = app.signup("chunks").await;
    let up = upload(&app, &s.token, "leads", "chunks.csv", file())
        .await
        .expect(201);
    let id = up["id"].as_str().unwrap().to_owned();
    let opts = json!({"mapping": {"Tên": "first_name", "Điện thoại": "phones"},
                      "duplicates": {"criteria": ["phone"], "mode": "skip"}});
    let preview = app
        .post(
            &format!("/api/v1/imports/{id}/preview"),
            &s.token,
            opts.clone(),
        )
        .await
        .expect(200);
    let counts = json!({"total": 12_001, "scanned": 12_001, "created": 11_989, "updated": 0,
                        "merged": 0, "skipped": 12, "failed": 0});
    assert_eq!(preview["counts"], counts, "{}", preview["counts"]);
    // Row 2 is the first person's first row: created, not a duplicate of a later one.
    let first = &preview["rows"][0];
    assert_eq!(
        (first["row"].as_u64(), first["outcome"].as_str()),
        (Some(2), Some("created"))
    );
    app.post(&format!("/api/v1/imports/{id}/run"), &s.token, opts)
        .await
        .expect(202);
    let done = wait(&app, &s.token, &id).await;
    assert_eq!(done["counts"], counts);
    let skipped = app
        .get(
            &format!("/api/v1/imports/{id}/rows?outcome=skipped&limit=100"),
            &s.token,
        )
        .await
        .expect(200);
    let dup_of: Vec<(u64, u64)> = skipped["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["row"].as_u64().unwrap(),
                r["duplicate_of_row"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut expected = vec![(6_002, 2), (11_002, 2)];
    expected.extend((11_982..=11_991).map(|row| (row, row - 11_970)));
    assert_eq!(dup_of, expected);
}
