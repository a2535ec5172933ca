//! Import and export at scale (issue 6): a .xlsx of `rows / 10` people, a fifth of whom
//! already exist (their phone or e-mail in another spelling), taken end to end through the
//! API — upload, preview, run until done — against a database-only floor (as many rows of the
//! same shape matched with set-based queries and written with the store's bulk INSERTs in one
//! committed transaction) and against what the engine alone pays for such writes
//! (`engine_cost`); then an export of as many records × 20 columns to .xlsx, with the
//! process's extra peak memory.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use rust_xlsxwriter::Workbook;
use sen_domain::search::search_document;
use sen_domain::value::{Country, Email, Phone};
use sen_store::Db;
use sen_store::repo::imports::{by_emails, by_phones};
use sen_store::repo::records::{self, Children, Viewer};
use sen_store::repo::tags;
use serde_json::{Value, json};

use crate::client::Http;
use crate::engine_cost::{RowCost, record_row_cost};
use crate::facts::Facts;
use crate::names::PersonName;
use crate::setup::Workspace;

/// One spreadsheet row: last name, first name, phone, e-mail.
type Row = [String; 4];

/// The tag the import gives every row (and the floor every record it writes).
const IMPORT_TAG: &str = "bench-import";

/// The files' header line.
const HEADERS: [&str; 4] = ["Họ", "Tên", "Điện thoại", "Email"];

/// One import taken end to end through the API.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// Rows in the file.
    pub rows: u64,
    /// Rows meant to match an existing contact.
    pub existing: u64,
    /// Size of the file.
    pub file_bytes: u64,
    pub upload: Duration,
    pub preview: Duration,
    pub run: Duration,
    /// The run's counts.
    pub counts: Value,
}

impl Imported {
    /// Upload + preview + run.
    pub fn end_to_end(&self) -> Duration {
        self.upload + self.preview + self.run
    }
}

/// What was measured.
#[derive(Debug, Clone, Default)]
pub struct TransferStats {
    /// The .xlsx import.
    pub import: Imported,
    /// The database-only floor.
    pub floor: Duration,
    /// What the engine alone pays to write a record with its children.
    pub record_cost: RowCost,
    /// Exported records and columns.
    pub export_rows: u64,
    pub export_columns: usize,
    pub export: Duration,
    /// Peak resident memory added by the export, in MB.
    pub export_rss_mb: f64,
}

/// Runs the import and export measurements as the owner.
pub async fn measure<R: rand::Rng>(
    rng: &mut R,
    http: &Http,
    db: &Db,
    ws: &Workspace,
    facts: &Facts,
    rows: u64,
) -> anyhow::Result<(TransferStats, Vec<String>)> {
    let mut problems = Vec::new();
    let existing = rows / 5;
    let table = file_rows(rng, db, ws, facts, rows, existing, &XLSX_PEOPLE).await?;
    let bytes = workbook(&table)?;
    drop(table);
    let token = &ws.owner.token;

    // The floor first: the database work a run cannot avoid, committed as a load is, on a
    // file of the same shape whose new people are others than the import's.
    let floor_table = file_rows(rng, db, ws, facts, rows, existing, &FLOOR_PEOPLE).await?;
    settle(db).await;
    let floor_import = sen_store::repo::new_id();
    let floor = floor(db, ws, &floor_table, floor_import).await?;
    drop(floor_table);
    let record_cost = record_row_cost(db, floor_import, 20_000).await?;

    settle(db).await;
    let (import, bad) = import_file(http, token, "khach-hang.xlsx", bytes, rows, existing).await?;
    problems.extend(bad);
    let mut st = TransferStats {
        import,
        floor,
        record_cost,
        ..TransferStats::default()
    };

    // Export as many records × 20 columns.
    for key in ["ghi_chu_1", "ghi_chu_2", "ghi_chu_3"] {
        let body = json!({"key": key, "label_vi": key, "label_en": key, "field_type": "text"});
        http.post(
            "/api/v1/settings/custom-fields/contacts",
            Some(token),
            &body,
        )
        .await?;
    }
    let columns = [
        "last_name",
        "first_name",
        "full_name",
        "phones",
        "emails",
        "birthday",
        "gender",
        "national_id",
        "job_title",
        "status",
        "source",
        "industry",
        "street",
        "city",
        "websites",
        "notes",
        "tags",
        "custom.ghi_chu_1",
        "custom.ghi_chu_2",
        "custom.ghi_chu_3",
    ];
    st.export_columns = columns.len();
    // Anonymous memory only: SQLite reads through a memory map of the database file, whose
    // pages count in VmRSS/VmHWM but are the OS page cache, shared and reclaimable.
    settle(db).await;
    let before = rss_kb("RssAnon");
    let peak = AnonPeak::watch();
    let t = Instant::now();
    let (status, file, file_len) = http
        .post_download(
            "/api/v1/exports",
            token,
            &json!({"kind": "contact", "columns": columns, "limit": rows}),
        )
        .await?;
    st.export = t.elapsed();
    st.export_rss_mb = peak.stop().saturating_sub(before) as f64 / 1024.0;
    if status != 200 || !file.starts_with(b"PK") {
        problems.push(format!("export: status {status}, {file_len} bytes"));
    }
    st.export_rows = rows;
    Ok((st, problems))
}

/// Imports `bytes` as contacts (criteria phone and e-mail, mode skip) and checks that the
/// preview foresaw the run's counts and that exactly the `existing` rows were skipped.
async fn import_file(
    http: &Http,
    token: &str,
    file_name: &str,
    bytes: Vec<u8>,
    rows: u64,
    existing: u64,
) -> anyhow::Result<(Imported, Vec<String>)> {
    let mut problems = Vec::new();
    let file_bytes = bytes.len() as u64;
    let started = Instant::now();
    let up = http.upload(token, "contacts", file_name, bytes).await?;
    let upload = started.elapsed();
    let id = up["id"].as_str().context("upload without id")?.to_owned();
    let opts = json!({"mapping": up["suggested_mapping"].clone(),
                      "duplicates": {"criteria": ["phone", "email"], "mode": "skip"},
                      "tags": [IMPORT_TAG]});
    let t = Instant::now();
    let preview = http
        .post(&format!("/api/v1/imports/{id}/preview"), Some(token), &opts)
        .await?;
    let preview_took = t.elapsed();
    let t = Instant::now();
    http.post(&format!("/api/v1/imports/{id}/run"), Some(token), &opts)
        .await?;
    let done = loop {
        let (status, body) = http
            .get(&format!("/api/v1/imports/{id}"), token, &[])
            .await?;
        let m: Value = serde_json::from_slice(&body)?;
        if status != 200 {
            bail!("GET import: {status}: {m}");
        }
        if matches!(m["state"].as_str(), Some("done" | "failed")) {
            break m;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let run = t.elapsed();
    if done["state"] != "done" {
        problems.push(format!("import {file_name}: {done}"));
    }
    if preview["counts"] != done["counts"] {
        problems.push(format!(
            "import {file_name}: preview {} ≠ run {}",
            preview["counts"], done["counts"]
        ));
    }
    let skipped = done["counts"]["skipped"].as_u64().unwrap_or(0);
    let created = done["counts"]["created"].as_u64().unwrap_or(0);
    if skipped != existing || created != rows - existing {
        problems.push(format!(
            "import {file_name}: expected {existing} skipped and {} created: {}",
            rows - existing,
            done["counts"]
        ));
    }
    let import = Imported {
        rows,
        existing,
        file_bytes,
        upload,
        preview: preview_took,
        run,
        counts: done["counts"].clone(),
    };
    Ok((import, problems))
}

/// What the large CSV import measured.
#[derive(Debug, Clone, Default)]
pub struct CsvStats {
    /// The import.
    pub import: Imported,
    /// Peak anonymous memory added while the server read, previewed and ran it, in MB.
    pub rss_mb: f64,
}

/// The large CSV (issue 6: a million rows on PostgreSQL in a minute): `rows` rows, a fifth
/// of them existing contacts in other spellings, uploaded as .csv and taken end to end.
pub async fn measure_csv<R: rand::Rng>(
    rng: &mut R,
    http: &Http,
    db: &Db,
    ws: &Workspace,
    facts: &Facts,
    rows: u64,
) -> anyhow::Result<(CsvStats, Vec<String>)> {
    let existing = rows / 5;
    let table = file_rows(rng, db, ws, facts, rows, existing, &CSV_PEOPLE).await?;
    let bytes = csv_file(&table)?;
    drop(table);
    settle(db).await;
    let before = rss_kb("RssAnon");
    let peak = AnonPeak::watch();
    let token = &ws.owner.token;
    let (import, bad) = import_file(http, token, "khach-hang.csv", bytes, rows, existing).await?;
    let rss_mb = peak.stop().saturating_sub(before) as f64 / 1024.0;
    Ok((CsvStats { import, rss_mb }, bad))
}

/// How a file's new people are made so that no contact (nor another file's person) has
/// their number or address.
pub struct NewPeople {
    /// The number of the `i`th new person, written as people type it.
    phone: fn(u64) -> String,
    /// The local part of their e-mail before `i`.
    email_prefix: &'static str,
}

/// Đà Nẵng landlines (0236): the generator never makes them.
const XLSX_PEOPLE: NewPeople = NewPeople {
    phone: |i| format!("0236 3{:06}", i % 1_000_000),
    email_prefix: "moi",
};

/// The floor's new people: Đà Nẵng landlines the .xlsx file does not use (0236 4…).
const FLOOR_PEOPLE: NewPeople = NewPeople {
    phone: |i| format!("0236 4{:06}", i % 1_000_000),
    email_prefix: "san",
};

/// Hải Phòng landlines (0225), which neither the generator nor the .xlsx import makes.
const CSV_PEOPLE: NewPeople = NewPeople {
    phone: |i| format!("0225 3{:06}", i % 1_000_000),
    email_prefix: "csv",
};

/// The file's rows: new people with numbers no contact has, and existing contacts with
/// their phone written nationally with spaces, or their e-mail in capitals.
async fn file_rows<R: rand::Rng>(
    rng: &mut R,
    db: &Db,
    ws: &Workspace,
    facts: &Facts,
    rows: u64,
    existing: u64,
    people: &NewPeople,
) -> anyhow::Result<Vec<Row>> {
    // Twice as many candidates as needed: a few contacts have neither phone nor e-mail.
    let step = (facts.keys.len() as u64 / (2 * existing).max(1)).max(1);
    let ids: Vec<_> = facts
        .keys
        .iter()
        .step_by(usize::try_from(step).unwrap_or(1))
        .map(|(_, id)| *id)
        .collect();
    let mut old = Vec::new();
    for chunk in ids.chunks(5_000) {
        if old.len() as u64 == existing {
            break;
        }
        let children = records::load_children(db.conn(), ws.id, chunk).await?;
        for id in chunk {
            let c = &children[id];
            let phone = c
                .phones
                .first()
                .and_then(|(e, _)| Phone::parse(e, Country::default()).ok());
            let row = match (phone, c.emails.first()) {
                (Some(p), _) if p.as_e164().starts_with("+84") => {
                    let national = format!("0{}", &p.as_e164()[3..]);
                    let spaced =
                        format!("{} {} {}", &national[..4], &national[4..7], &national[7..]);
                    Some(("Khách".to_owned(), "Cũ".to_owned(), spaced, String::new()))
                }
                (_, Some((email, _))) => Some((
                    "KHÁCH".to_owned(),
                    "cũ".to_owned(),
                    String::new(),
                    email.to_uppercase(),
                )),
                _ => None,
            };
            if let Some((last, first, phone, email)) = row {
                old.push([last, first, phone, email]);
            }
            if old.len() as u64 == existing {
                break;
            }
        }
    }
    if (old.len() as u64) < existing {
        bail!(
            "only {} existing contacts with a phone or e-mail to import again",
            old.len()
        );
    }
    let mut out: Vec<Row> = Vec::with_capacity(usize::try_from(rows).unwrap_or(0));
    let mut old = old.into_iter();
    for i in 0..rows {
        // Every fifth row is an existing person.
        if i % 5 == 4
            && let Some(row) = old.next()
        {
            out.push(row);
            continue;
        }
        let p = PersonName::random(rng);
        out.push([
            p.last_name(),
            p.given.to_owned(),
            (people.phone)(i),
            format!("{}{i}@bench-import.vn", people.email_prefix),
        ]);
    }
    out.extend(old);
    Ok(out)
}

fn workbook(rows: &[Row]) -> anyhow::Result<Vec<u8>> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet_with_constant_memory();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, u16::try_from(c)?, *h)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(u32::try_from(r + 1)?, u16::try_from(c)?, v)?;
            }
        }
    }
    Ok(book.save_to_buffer()?)
}

/// The rows as a UTF-8 .csv with the workbook's header line.
fn csv_file(rows: &[Row]) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::with_capacity(rows.len() * 64));
    w.write_record(HEADERS)?;
    for row in rows {
        w.write_record(row)?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

/// The database-only floor: the rows parsed, matched against the existing contacts with one
/// query per criterion per 5,000 rows, and the new ones written with multi-row INSERTs, each
/// with the search document a record needs to be found, the import's tag and the import and
/// row it came from — in one transaction, committed. (Until now it was rolled back, so that
/// the run after it started from the same data; but a rollback never writes what a load
/// must: on SQLite, the transaction's pages into the write-ahead log. Its new people are now
/// others than the import's, so the run still creates all of its own.)
async fn floor(
    db: &Db,
    ws: &Workspace,
    table: &[Row],
    import_id: uuid::Uuid,
) -> anyhow::Result<Duration> {
    let viewer = Viewer {
        workspace_id: ws.id,
        user_id: ws.owner.user_id,
        team_ids: Vec::new(),
        sees_all: true,
    };
    let country = Country::default();
    // The records as the import writes them: tagged as its options ask.
    let tag = tags::ensure(db.conn(), ws.id, &[IMPORT_TAG.to_owned()])
        .await?
        .first()
        .map(|t| t.id)
        .context("the import's tag")?;
    // As the import does, each record names the import (`import_id`) and row it came from.
    let mut row_no = 0_i64;
    let started = Instant::now();
    let tx = db.begin().await?;
    for chunk in table.chunks(5_000) {
        let parsed: Vec<(Option<Phone>, Option<String>)> = chunk
            .iter()
            .map(|r| {
                (
                    Phone::parse(&r[2], country).ok(),
                    Email::parse(&r[3]).ok().map(|e| e.as_str().to_owned()),
                )
            })
            .collect();
        let phones: Vec<String> = parsed
            .iter()
            .filter_map(|(p, _)| p.as_ref().map(|p| p.as_e164().to_owned()))
            .collect();
        let emails: Vec<String> = parsed.iter().filter_map(|(_, e)| e.clone()).collect();
        let mut known: std::collections::HashSet<String> = std::collections::HashSet::new();
        known.extend(
            by_phones(&tx, &viewer, "contact", &phones)
                .await?
                .into_iter()
                .map(|c| c.key),
        );
        known.extend(
            by_emails(&tx, &viewer, "contact", &emails)
                .await?
                .into_iter()
                .map(|c| c.key),
        );
        let now = sen_store::repo::now();
        let new: Vec<_> = chunk
            .iter()
            .zip(parsed)
            .filter(|(_, (p, e))| {
                !p.as_ref().is_some_and(|p| known.contains(p.as_e164()))
                    && !e.as_ref().is_some_and(|e| known.contains(e))
            })
            .map(|(r, (p, e))| {
                let mut m = records::blank(ws.id, "contact", ws.owner.user_id, now);
                m.first_name = Some(r[1].clone());
                m.last_name = Some(r[0].clone());
                m.name = format!("{} {}", r[0], r[1]);
                // The search document every record carries, as the import writes it: the
                // floor pays for the search indexes too.
                m.search_key = search_document(
                    &m.name,
                    None,
                    &e.iter().map(String::as_str).collect::<Vec<_>>(),
                    &p.iter().collect::<Vec<_>>(),
                );
                m.status = ws.statuses.first().cloned().unwrap_or_default();
                m.created_via = "import".into();
                row_no += 1;
                m.import_id = Some(import_id);
                m.import_row = Some(row_no);
                let c = Children {
                    phones: p
                        .into_iter()
                        .map(|p| (p.as_e164().to_owned(), String::new()))
                        .collect(),
                    emails: e.into_iter().map(|e| (e, String::new())).collect(),
                    tag_ids: vec![tag],
                    ..Children::default()
                };
                (m, c)
            })
            .collect();
        records::insert_many(&tx, &new).await?;
    }
    sen_store::commit(tx).await?;
    Ok(started.elapsed())
}

/// Brings the database to rest before a measured step, so that the floor and the import
/// start from the same state: everything written before them is copied from SQLite's log
/// into the database file, or written out of PostgreSQL's buffers. Otherwise a step may run
/// while the log of the million-contact load is still being copied back beside it (the floor
/// took 8.0-12.0 s on the same data, from one run to the next).
async fn settle(db: &Db) {
    use sen_store::ConnectionTrait;
    let sql = match db.backend() {
        sen_store::Backend::Sqlite => "PRAGMA wal_checkpoint(TRUNCATE)",
        sen_store::Backend::Postgres => "CHECKPOINT",
    };
    // Only a PostgreSQL superuser (or pg_checkpoint) may checkpoint: without, measure as is.
    if let Err(e) = db.conn().execute_unprepared(sql).await {
        eprintln!("sen-bench: could not settle the database ({sql}): {e}");
    }
}

/// A line of `/proc/self/status` in kB (0 where unavailable).
fn rss_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

/// The largest `RssAnon` seen while it runs, read every 2 ms by a thread of its own (the
/// kernel keeps a peak only of the whole resident size).
struct AnonPeak {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: std::thread::JoinHandle<u64>,
}

impl AnonPeak {
    fn watch() -> AnonPeak {
        use std::sync::atomic::Ordering;
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut peak = rss_kb("RssAnon");
            while !flag.load(Ordering::Relaxed) {
                peak = peak.max(rss_kb("RssAnon"));
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            peak.max(rss_kb("RssAnon"))
        });
        AnonPeak { stop, thread }
    }

    /// The peak in kB.
    fn stop(self) -> u64 {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        self.thread.join().unwrap_or(0)
    }
}
