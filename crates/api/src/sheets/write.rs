//! Writing spreadsheets: .xlsx in constant-memory mode (rows go to a temporary file as they
//! are written) and .csv (UTF-8 with a BOM, so Excel reads Vietnamese correctly).

use rust_xlsxwriter::{Color, DataValidation, Format, Note, Workbook, XlsxError};

/// A column of a written sheet.
#[derive(Debug, Clone, Default)]
pub struct Column {
    /// Header text.
    pub header: String,
    /// Header in red (a required column).
    pub required: bool,
    /// Dropdown values (empty: none).
    pub choices: Vec<String>,
    /// A note on the header cell.
    pub note: Option<String>,
}

/// Rows per data validation range: the whole sheet below the header.
const LAST_ROW: u32 = 1_048_575;

/// An .xlsx of one sheet with `columns` and the rows `rows` yields (cells as text).
pub fn write_xlsx(
    sheet_name: &str,
    columns: &[Column],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let red = Format::new().set_bold().set_font_color(Color::Red);
    let sheet = book.add_worksheet_with_constant_memory();
    sheet.set_name(sheet_name)?;
    for (i, col) in columns.iter().enumerate() {
        let c = u16::try_from(i).unwrap_or(u16::MAX);
        let format = if col.required { &red } else { &bold };
        sheet.write_string_with_format(0, c, &col.header, format)?;
        sheet.set_column_width(c, 18)?;
        if let Some(note) = &col.note {
            sheet.insert_note(0, c, &Note::new(note).set_author("Sen"))?;
        }
        if !col.choices.is_empty() {
            let list: Vec<&str> = col.choices.iter().map(String::as_str).collect();
            if let Ok(rule) = DataValidation::new().allow_list_strings(&list) {
                sheet.add_data_validation(1, c, LAST_ROW, c, &rule)?;
            }
        }
    }
    for (r, row) in rows.enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(r, u16::try_from(c).unwrap_or(u16::MAX), text)?;
            }
        }
    }
    book.save_to_buffer()
}

/// A .csv with a header line and `rows`.
pub fn write_csv(
    headers: &[String],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Vec<u8>, csv::Error> {
    let mut out = Vec::from(&b"\xEF\xBB\xBF"[..]);
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(headers)?;
        for row in rows {
            w.write_record(&row)?;
        }
        w.flush()?;
    }
    Ok(out)
}
