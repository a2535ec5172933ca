//! Writing spreadsheets row by row: .xlsx in constant-memory mode (each row goes to a
//! temporary file as it is written, so a large export holds one page of records at a time)
//! and .csv (UTF-8 with a BOM, so Excel reads Vietnamese correctly) — finished into memory,
//! or into an unnamed temporary file for an export to send from.

use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};

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

/// The last row a data validation covers: the whole sheet below the header.
const LAST_ROW: u32 = 1_048_575;

/// An .xlsx of one sheet being written.
pub struct XlsxSink {
    book: Workbook,
    next_row: u32,
}

impl XlsxSink {
    /// A workbook with one sheet named `sheet_name` and the header row of `columns`.
    pub fn new(sheet_name: &str, columns: &[Column]) -> Result<XlsxSink, XlsxError> {
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
        Ok(XlsxSink { book, next_row: 1 })
    }

    /// Appends a row of text cells.
    pub fn row(&mut self, cells: &[String]) -> Result<(), XlsxError> {
        let r = self.next_row;
        let sheet = self.book.worksheet_from_index(0)?;
        for (c, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(r, u16::try_from(c).unwrap_or(u16::MAX), text)?;
            }
        }
        self.next_row += 1;
        Ok(())
    }

    /// The finished file.
    pub fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        self.book.save_to_buffer()
    }

    /// The finished file, in an unnamed temporary file read from its start (gone once
    /// closed): a file in memory would grow by doubling to twice its size while the workbook
    /// is zipped into it.
    pub fn finish_to_file(mut self) -> Result<File, XlsxError> {
        let mut file = tempfile::tempfile()?;
        self.book.save_to_writer(&mut file)?;
        file.seek(SeekFrom::Start(0))?;
        Ok(file)
    }
}

/// An .xlsx of one sheet with `columns` and the rows `rows` yields.
pub fn write_xlsx(
    sheet_name: &str,
    columns: &[Column],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Vec<u8>, XlsxError> {
    let mut sink = XlsxSink::new(sheet_name, columns)?;
    for row in rows {
        sink.row(&row)?;
    }
    sink.finish()
}

/// A .csv being written, into memory or (`W` a buffered file) a temporary file.
pub struct CsvSink<W: Write = Vec<u8>> {
    w: csv::Writer<W>,
}

/// The byte order mark a .csv starts with.
const BOM: &[u8] = b"\xEF\xBB\xBF";

impl CsvSink {
    /// A file with a BOM and the header line, in memory.
    pub fn new(headers: &[String]) -> Result<CsvSink, csv::Error> {
        CsvSink::on(Vec::from(BOM), headers)
    }
}

impl CsvSink<BufWriter<File>> {
    /// A file with a BOM and the header line, in an unnamed temporary file.
    pub fn temporary(headers: &[String]) -> Result<CsvSink<BufWriter<File>>, csv::Error> {
        let mut file = BufWriter::new(tempfile::tempfile()?);
        file.write_all(BOM)?;
        CsvSink::on(file, headers)
    }

    /// The finished file, read from its start.
    pub fn finish_to_file(self) -> Result<File, csv::Error> {
        let mut file = self
            .finish()?
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))?;
        file.seek(SeekFrom::Start(0))?;
        Ok(file)
    }
}

impl<W: Write> CsvSink<W> {
    fn on(w: W, headers: &[String]) -> Result<CsvSink<W>, csv::Error> {
        let mut w = csv::Writer::from_writer(w);
        w.write_record(headers)?;
        Ok(CsvSink { w })
    }

    /// Appends a row.
    pub fn row(&mut self, cells: &[String]) -> Result<(), csv::Error> {
        self.w.write_record(cells)
    }

    /// The finished file.
    pub fn finish(self) -> Result<W, csv::Error> {
        self.w
            .into_inner()
            .map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))
    }
}

/// A .csv with a header line and `rows`.
pub fn write_csv(
    headers: &[String],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Vec<u8>, csv::Error> {
    let mut sink = CsvSink::new(headers)?;
    for row in rows {
        sink.row(&row)?;
    }
    sink.finish()
}
