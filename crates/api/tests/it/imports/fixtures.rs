//! The import fixtures, generated here (never hand-edited): each validation error, the four
//! duplicate modes, in-file duplicates, UTF-16 and semicolon CSV, a second sheet, a row
//! range. The text files are committed in `tests/fixtures/imports/` (a test checks they are
//! this generator's output; `SEN_WRITE_FIXTURES=1` rewrites them); the workbook is built
//! at test time.

use std::path::PathBuf;

use rust_xlsxwriter::Workbook;

/// The committed fixtures' directory.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/imports")
}

fn csv(rows: &[&[&str]], delimiter: u8, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    for r in rows {
        w.write_record(*r).unwrap();
    }
    out.extend(w.into_inner().unwrap());
    out
}

/// One row per validation case; row numbers in the comments are spreadsheet rows.
pub fn errors_csv() -> Vec<u8> {
    csv(
        &[
            &["Họ", "Tên", "Điện thoại", "Email", "Ngày sinh", "Nguồn"],
            // 2: valid
            &[
                "Nguyễn Văn",
                "An",
                "0912 345 678",
                "an@example.vn",
                "15/03/1990",
                "",
            ],
            // 3: missing first name
            &["Trần", "", "0913 000 001", "", "", ""],
            // 4: invalid phone
            &["Lê", "Bình", "12345", "", "", ""],
            // 5: invalid e-mail
            &["Phạm", "Chi", "", "chi@@example", "", ""],
            // 6: a year alone is not a date
            &["Hoàng", "Dũng", "0914 000 002", "", "1990", ""],
            // 7: an Excel serial date is fine (32874 = 1990-01-01)
            &["Vũ", "Em", "0915 000 003", "", "32874", ""],
            // 8: unknown picklist value: kept empty with a warning
            &["Đỗ", "Giang", "0916 000 004", "", "", "Hội chợ ma"],
            // 9: duplicate of row 2 inside the file (the phone in another spelling)
            &["Nguyễn Văn", "An", "+84 912345678", "", "", ""],
        ],
        b',',
        false,
    )
}

/// A row matching an existing person (phone in another spelling), and a new person.
pub fn modes_csv() -> Vec<u8> {
    csv(
        &[
            &[
                "Họ",
                "Tên",
                "Điện thoại",
                "Email",
                "Chức vụ",
                "Tỉnh/Thành phố",
                "Thẻ",
            ],
            &[
                "Lê",
                "An",
                "+84901111111",
                "an.le@example.vn",
                "Giám đốc",
                "Huế",
                "từ file",
            ],
            &["Mai", "Hoa", "0902 222 222", "hoa@example.vn", "", "", ""],
        ],
        b',',
        false,
    )
}

/// Semicolon-separated, UTF-8 with a BOM (as Excel in a comma-decimal locale writes it).
pub fn semicolon_csv() -> Vec<u8> {
    csv(
        &[
            &["Ho", "Ten", "Dien thoai", "Email"],
            &["Trần Thị", "Lan", "0933 111 222", "lan@example.vn"],
            &["Phan", "Minh", "0933 111 333", "minh@example.vn"],
        ],
        b';',
        true,
    )
}

/// "Unicode text" as Excel saves it: UTF-16 LE with a BOM, tab-separated.
pub fn utf16_csv() -> Vec<u8> {
    let text =
        "Họ và tên\tĐiện thoại\r\nNguyễn Thị Thu\t0944 555 666\r\nĐặng Quốc Việt\t0944 555 777\r\n";
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

/// Rows 2..11 of ten people; an import of rows 4 to 6 takes three.
pub fn range_csv() -> Vec<u8> {
    let rows: Vec<Vec<String>> = std::iter::once(vec!["Tên".to_owned(), "Điện thoại".to_owned()])
        .chain((0..10).map(|i| vec![format!("Người {}", i + 2), format!("0955 000 {:03}", i + 2)]))
        .collect();
    let refs: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    csv(&slices, b',', false)
}

/// A workbook whose first sheet is notes and whose second holds the people, with a date as
/// an Excel date cell.
pub fn two_sheets_xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Ghi chú").unwrap();
    notes
        .write_string(0, 0, "Danh sách khách hàng hội chợ")
        .unwrap();
    let data = book.add_worksheet();
    data.set_name("Khách hàng").unwrap();
    for (c, h) in ["Họ", "Tên", "Điện thoại", "Ngày sinh"].iter().enumerate() {
        data.write_string(0, c as u16, *h).unwrap();
    }
    data.write_string(1, 0, "Bùi").unwrap();
    data.write_string(1, 1, "Khánh").unwrap();
    data.write_string(1, 2, "0966 123 456").unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(1991, 2, 10).unwrap();
    let fmt = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    data.write_datetime_with_format(1, 3, &date, &fmt).unwrap();
    data.write_string(2, 0, "Lý").unwrap();
    data.write_string(2, 1, "Long").unwrap();
    data.write_number(2, 2, 977_888_999.0).unwrap();
    book.save_to_buffer().unwrap()
}

/// The committed text fixtures and their generators.
pub fn committed() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("errors.csv", errors_csv()),
        ("modes.csv", modes_csv()),
        ("semicolon.csv", semicolon_csv()),
        ("utf16.csv", utf16_csv()),
        ("range.csv", range_csv()),
    ]
}

#[test]
fn committed_fixtures_are_the_generators_output() {
    let write = std::env::var("SEN_WRITE_FIXTURES").is_ok_and(|v| v == "1");
    for (name, bytes) in committed() {
        let path = dir().join(name);
        if write {
            std::fs::create_dir_all(dir()).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let on_disk = std::fs::read(&path).unwrap_or_default();
        assert!(
            on_disk == bytes,
            "{name} differs from its generator; run SEN_WRITE_FIXTURES=1 cargo test -p sen-api --test it fixtures"
        );
    }
}
