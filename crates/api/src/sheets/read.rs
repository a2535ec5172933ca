//! Reading an uploaded file: what it is, its sheets and headers, and its rows as a stream of
//! batches produced on a blocking thread (the consumer holds one batch at a time).

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use calamine::{DataRef, Reader, Xlsx, open_workbook_from_rs};
use tokio::sync::mpsc;

use super::csv_text::{decode, sniff_delimiter};

/// Rows sent per message.
const BATCH: usize = 1_000;
/// Batches the reader may parse ahead of the rows taken: two import chunks (5,000 rows each)
/// — parsing runs while a chunk is written, a few MB at most.
const AHEAD: usize = 10;
/// Rows shown per sheet after an upload.
const FIRST_ROWS: usize = 5;

/// A supported file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML workbook.
    Xlsx,
    /// Comma/semicolon/tab separated text.
    Csv,
}

impl Format {
    /// Stored spelling and file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
        }
    }

    /// Parses the stored spelling.
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "xlsx" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// Why a file cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// Neither a workbook nor text.
    #[error("the file is neither an .xlsx workbook nor a UTF-8/UTF-16 .csv file")]
    UnknownFormat,
    /// Nothing in it.
    #[error("the file is empty")]
    Empty,
    /// A workbook that calamine cannot open.
    #[error("the workbook cannot be read: {0}")]
    Workbook(String),
    /// A CSV that the csv reader refuses.
    #[error("the CSV file cannot be read: {0}")]
    Csv(String),
    /// No sheet of that name.
    #[error("the workbook has no sheet {0:?}")]
    UnknownSheet(String),
    /// Reading the stored file failed.
    #[error("reading the stored file: {0}")]
    Io(#[from] std::io::Error),
}

/// One sheet as shown after an upload.
#[derive(Debug, Clone)]
pub struct SheetInfo {
    /// Its name (`csv` for a CSV file).
    pub name: String,
    /// The first row's cells.
    pub headers: Vec<String>,
    /// Data rows below the header (for a workbook, from its stated dimensions).
    pub rows: u64,
    /// The first data rows.
    pub first_rows: Vec<Vec<String>>,
}

/// Rows of a file: `(spreadsheet row number, cells)`; the header is row 1.
pub type RowBatch = Vec<(u64, Vec<String>)>;

/// What `bytes` (named `file_name`) is.
pub fn detect(file_name: &str, bytes: &[u8]) -> Result<Format, SheetError> {
    if bytes.is_empty() {
        return Err(SheetError::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok(Format::Xlsx);
    }
    let lower = file_name.to_lowercase();
    if lower.ends_with(".xlsx") || lower.ends_with(".xls") {
        return Err(SheetError::Workbook("it is not an .xlsx (zip) file".into()));
    }
    match decode(bytes) {
        Some(text) if text.trim().is_empty() => Err(SheetError::Empty),
        Some(_) => Ok(Format::Csv),
        None => Err(SheetError::UnknownFormat),
    }
}

/// The sheets of a stored file, each with its headers and first rows.
pub fn inspect(path: &Path, format: Format) -> Result<Vec<SheetInfo>, SheetError> {
    match format {
        Format::Xlsx => {
            let mut book = open_xlsx(path)?;
            let mut out = Vec::new();
            for name in book.sheet_names() {
                let mut info = SheetInfo {
                    name: name.clone(),
                    headers: Vec::new(),
                    rows: 0,
                    first_rows: Vec::new(),
                };
                let mut reader = book
                    .worksheet_cells_reader(&name)
                    .map_err(|e| SheetError::Workbook(e.to_string()))?;
                let dims = reader.dimensions();
                info.rows = u64::from(dims.end.0.saturating_sub(dims.start.0));
                let mut rows = XlsxRows::default();
                while let Some(cell) = reader
                    .next_cell()
                    .map_err(|e| SheetError::Workbook(e.to_string()))?
                {
                    let (r, c) = cell.get_position();
                    if let Some(row) = rows.push(r, c, text_of(cell.get_value()))
                        && !take_first(&mut info, row)
                    {
                        break;
                    }
                }
                if let Some(row) = rows.finish() {
                    take_first(&mut info, row);
                }
                out.push(info);
            }
            Ok(out)
        }
        Format::Csv => {
            let text = csv_file_text(path)?;
            let mut info = SheetInfo {
                name: "csv".into(),
                headers: Vec::new(),
                rows: 0,
                first_rows: Vec::new(),
            };
            for (i, row) in csv_rows(&text).enumerate() {
                let row = row?;
                if i > 0 && !row.iter().all(|c| c.trim().is_empty()) {
                    info.rows += 1;
                }
                take_first(&mut info, (u64::try_from(i).unwrap_or(0) + 1, row));
            }
            Ok(vec![info])
        }
    }
}

/// Adds a row to the header or first rows; false once both are complete.
fn take_first(info: &mut SheetInfo, (row_no, cells): (u64, Vec<String>)) -> bool {
    if row_no == 1 {
        info.headers = cells;
    } else if info.first_rows.len() < FIRST_ROWS {
        if !cells.iter().all(|c| c.trim().is_empty()) {
            info.first_rows.push(cells);
        }
    } else {
        return false;
    }
    true
}

/// Streams the rows of sheet `sheet` (the first when `None`): first the header row, then the
/// data rows from `from` to `to` (spreadsheet numbers, inclusive), blank rows left out.
pub fn stream_rows(
    path: PathBuf,
    format: Format,
    sheet: Option<String>,
    from: u64,
    to: Option<u64>,
) -> mpsc::Receiver<Result<RowBatch, SheetError>> {
    let (tx, rx) = mpsc::channel(AHEAD);
    tokio::task::spawn_blocking(move || {
        let outcome = produce(&path, format, sheet.as_deref(), from, to, &tx);
        if let Err(err) = outcome {
            let _ = tx.blocking_send(Err(err));
        }
    });
    rx
}

type Sender = mpsc::Sender<Result<RowBatch, SheetError>>;

fn produce(
    path: &Path,
    format: Format,
    sheet: Option<&str>,
    from: u64,
    to: Option<u64>,
    tx: &Sender,
) -> Result<(), SheetError> {
    let mut batch = Batcher {
        rows: Vec::new(),
        from,
        to,
        tx,
        closed: false,
        past: false,
    };
    match format {
        Format::Xlsx => {
            let mut book = open_xlsx(path)?;
            let name = match sheet {
                Some(s) => s.to_owned(),
                None => book.sheet_names().first().cloned().unwrap_or_default(),
            };
            if !book.sheet_names().contains(&name) {
                return Err(SheetError::UnknownSheet(name));
            }
            let mut reader = book
                .worksheet_cells_reader(&name)
                .map_err(|e| SheetError::Workbook(e.to_string()))?;
            let mut rows = XlsxRows::default();
            while let Some(cell) = reader
                .next_cell()
                .map_err(|e| SheetError::Workbook(e.to_string()))?
            {
                let (r, c) = cell.get_position();
                if let Some(row) = rows.push(r, c, text_of(cell.get_value()))
                    && !batch.add(row)
                {
                    break;
                }
            }
            if let Some(row) = rows.finish() {
                batch.add(row);
            }
        }
        Format::Csv => {
            let text = csv_file_text(path)?;
            for (i, row) in csv_rows(&text).enumerate() {
                if !batch.add((u64::try_from(i).unwrap_or(u64::MAX) + 1, row?)) {
                    break;
                }
            }
        }
    }
    batch.flush();
    Ok(())
}

/// Gathers rows into batches and sends them; the header row goes first, alone.
struct Batcher<'a> {
    rows: RowBatch,
    from: u64,
    to: Option<u64>,
    tx: &'a Sender,
    closed: bool,
    past: bool,
}

impl Batcher<'_> {
    /// False when the reading can stop (past the range, or the receiver is gone).
    fn add(&mut self, (row_no, cells): (u64, Vec<String>)) -> bool {
        if self.closed || self.past {
            return false;
        }
        if row_no == 1 {
            self.closed = self.tx.blocking_send(Ok(vec![(1, cells)])).is_err();
            return !self.closed;
        }
        if self.to.is_some_and(|to| row_no > to) {
            self.past = true;
            return false;
        }
        if row_no < self.from || cells.iter().all(|c| c.trim().is_empty()) {
            return true;
        }
        self.rows.push((row_no, cells));
        if self.rows.len() >= BATCH {
            self.flush();
        }
        !self.closed
    }

    fn flush(&mut self) {
        if !self.rows.is_empty() && !self.closed {
            let rows = std::mem::take(&mut self.rows);
            self.closed = self.tx.blocking_send(Ok(rows)).is_err();
        }
    }
}

/// Assembles a workbook's cells (which come row by row, left to right) into rows.
#[derive(Default)]
struct XlsxRows {
    current: Option<(u32, Vec<String>)>,
}

impl XlsxRows {
    /// Adds a cell; returns the previous row when this cell starts a new one.
    fn push(&mut self, row: u32, col: u32, text: String) -> Option<(u64, Vec<String>)> {
        let done = match &self.current {
            Some((r, _)) if *r != row => self.current.take(),
            _ => None,
        };
        let (_, cells) = self.current.get_or_insert_with(|| (row, Vec::new()));
        let col = usize::try_from(col).unwrap_or(usize::MAX);
        if col < 16_384 {
            if cells.len() <= col {
                cells.resize(col + 1, String::new());
            }
            cells[col] = text;
        }
        done.map(|(r, c)| (u64::from(r) + 1, c))
    }

    fn finish(&mut self) -> Option<(u64, Vec<String>)> {
        self.current.take().map(|(r, c)| (u64::from(r) + 1, c))
    }
}

fn open_xlsx(path: &Path) -> Result<Xlsx<BufReader<File>>, SheetError> {
    let file = BufReader::new(File::open(path)?);
    open_workbook_from_rs(file)
        .map_err(|e: calamine::XlsxError| SheetError::Workbook(e.to_string()))
}

/// A cell as text: numbers without a needless `.0`, dates as their Excel serial (which the
/// date reader accepts), booleans as `true`/`false`, errors as empty.
fn text_of(v: &DataRef<'_>) -> String {
    match v {
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => float_text(*f),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => float_text(d.as_f64().trunc()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

fn csv_file_text(path: &Path) -> Result<String, SheetError> {
    let bytes = std::fs::read(path)?;
    decode(&bytes).ok_or(SheetError::UnknownFormat)
}

fn csv_rows(text: &str) -> impl Iterator<Item = Result<Vec<String>, SheetError>> + '_ {
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(text))
        .from_reader(text.as_bytes());
    reader.into_records().map(|r| {
        r.map(|rec| rec.iter().map(str::to_owned).collect())
            .map_err(|e| SheetError::Csv(e.to_string()))
    })
}
