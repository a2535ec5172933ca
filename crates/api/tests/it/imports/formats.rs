//! The file formats Excel writes: UTF-16 tab-separated "Unicode text", semicolon CSV with a
//! BOM, a workbook whose people are on the second sheet (with a real date cell), and an
//! import of a row range.

use serde_json::json;

use super::fixtures::{range_csv, semicolon_csv, two_sheets_xlsx, utf16_csv};
use super::{all, import, upload};
use crate::helpers::spawn_app;

#[tokio::test]
async fn utf16_semicolon_second_sheet_and_row_range() {
    let app = spawn_app().await;
    let s = app.signup("fmt").await;

    let up = upload(&app, &s.token, "contacts", "unicode.txt.csv", utf16_csv())
        .await
        .expect(201);
    assert_eq!(up["headers"], json!(["Họ và tên", "Điện thoại"]));
    assert_eq!(
        up["suggested_mapping"],
        json!({"Họ và tên": "full_name", "Điện thoại": "phones"})
    );
    import(&app, &s, "contacts", "unicode.csv", utf16_csv(), json!({})).await;
    let contacts = all(&app, &s, "contacts").await;
    let thu = contacts.iter().find(|c| c["first_name"] == "Thu").unwrap();
    assert_eq!(thu["last_name"], "Nguyễn Thị");
    assert_eq!(thu["phones"][0]["number"], "+84944555666");

    let up = upload(&app, &s.token, "leads", "semi.csv", semicolon_csv())
        .await
        .expect(201);
    assert_eq!(up["headers"], json!(["Ho", "Ten", "Dien thoai", "Email"]));
    assert_eq!(
        up["suggested_mapping"],
        json!({"Ho": "last_name", "Ten": "first_name", "Dien thoai": "phones", "Email": "emails"})
    );
    let done = import(&app, &s, "leads", "semi.csv", semicolon_csv(), json!({})).await;
    assert_eq!(done["counts"]["created"], 2);

    let up = upload(&app, &s.token, "prospects", "two.xlsx", two_sheets_xlsx())
        .await
        .expect(201);
    assert_eq!(up["format"], "xlsx");
    let names: Vec<&str> = up["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ghi chú", "Khách hàng"]);
    let second = &up["sheets"][1];
    assert_eq!(
        second["headers"],
        json!(["Họ", "Tên", "Điện thoại", "Ngày sinh"])
    );
    let done = import(
        &app,
        &s,
        "prospects",
        "two.xlsx",
        two_sheets_xlsx(),
        json!({"sheet": "Khách hàng", "mapping": second["suggested_mapping"].clone()}),
    )
    .await;
    assert_eq!(done["counts"]["created"], 2, "{done}");
    assert_eq!(done["sheet"], "Khách hàng");
    let prospects = all(&app, &s, "prospects").await;
    let khanh = prospects
        .iter()
        .find(|p| p["first_name"] == "Khánh")
        .unwrap();
    assert_eq!(khanh["birthday"], "1991-02-10");
    assert_eq!(khanh["input_source"], "import");
    let long = prospects
        .iter()
        .find(|p| p["first_name"] == "Long")
        .unwrap();
    assert_eq!(
        long["phones"][0]["number"], "+84977888999",
        "a phone typed as a number"
    );

    let done = import(
        &app,
        &s,
        "accounts",
        "range.csv",
        range_csv(),
        json!({
            "mapping": {"Tên": "name", "Điện thoại": "phones"}, "row_from": 4, "row_to": 6
        }),
    )
    .await;
    assert_eq!(done["counts"]["created"], 3, "{done}");
    let mut names: Vec<String> = all(&app, &s, "accounts")
        .await
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["Người 4", "Người 5", "Người 6"]);
}
