//! `POST /exports`: the caller's visible records of a kind matching the list filter, as
//! .xlsx (written in constant-memory mode) or .csv, with the import template's headers.

use std::io::Read;

use actix_web::body::SizedStream;
use actix_web::web::Bytes;
use actix_web::{HttpResponse, post, web};
use futures_util::Stream;
use sen_api_types::error::Problem;
use sen_api_types::import::ExportRequest;
use sen_domain::import::{FieldSpec, header_label};
use sen_store::entity::record::Model;
use sen_store::repo::imports::export_page;
use sen_store::repo::records::{self, Children, Filter};

use super::cells::cell;
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::imports::Settings;
use crate::routes::imports::template::{CSV, XLSX, file_response};
use crate::routes::records::context::Ctx;
use crate::routes::records::filter::to_store_filter;
use crate::routes::records::present;
use crate::sheets::{Column, CsvSink, XlsxSink};
use crate::state::AppState;
use crate::validate::Errors;

/// Records read per page. Three pages are held at most (one read, one waiting, one being
/// written): pages of 2,000 records took no less time at a million records, and more memory.
const PAGE: u64 = 1_000;

/// Exports a list.
#[utoipa::path(post, path = "/api/v1/exports", tag = "exports", operation_id = "export_create",
    security(("bearer" = [])),
    request_body = ExportRequest,
    responses(
        (status = 200, description = "The file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown column or format", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/exports")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn export_create(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: Json<ExportRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    let ctx = Ctx::load(&state, auth).await?;
    let db = state.db.conn();
    let settings = Settings::load(db, ctx.ws(), req.kind).await?;
    let mut e = Errors::default();
    let columns: Vec<FieldSpec> = if req.columns.is_empty() {
        settings
            .fields
            .iter()
            .filter(|f| f.name != "full_name")
            .cloned()
            .collect()
    } else {
        req.columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let found = settings.field(c).cloned();
                if found.is_none() {
                    e.push(
                        &format!("columns[{i}]"),
                        "unknown_field",
                        &format!("{c:?} is not a field of {}", req.kind.plural()),
                    );
                }
                found
            })
            .collect()
    };
    let format = req.format.clone().unwrap_or_else(|| "xlsx".into());
    if !matches!(format.as_str(), "xlsx" | "csv") {
        e.push("format", "invalid_option", "use xlsx or csv");
    }
    e.finish()?;
    let filter = match &req.filter {
        Some(f) => to_store_filter(db, &ctx, f).await?,
        None => Filter::default(),
    };
    let limit = req.limit.unwrap_or(MAX_ROWS).min(MAX_ROWS);
    let headers: Vec<String> = columns.iter().map(header_label).collect();
    let sink = if format == "csv" {
        Sink::Csv(Box::new(CsvSink::temporary(&headers).map_err(internal)?))
    } else {
        let cols: Vec<Column> = columns
            .iter()
            .map(|f| Column {
                header: header_label(f),
                required: f.required,
                ..Column::default()
            })
            .collect();
        Sink::Xlsx(Box::new(XlsxSink::new("Data", &cols).map_err(internal)?))
    };
    // The file is written on a blocking thread while the next page is read: the database
    // and the spreadsheet writer work at once, and the writer never stalls the server's
    // event loop. One page waits between them at most, so memory stays bounded; the finished
    // file is sent from a temporary file.
    let (pages, mut received) = tokio::sync::mpsc::channel::<Vec<(Model, Children)>>(1);
    let country = ctx.country;
    let writer = tokio::task::spawn_blocking(move || {
        let mut sink = sink;
        while let Some(page) = received.blocking_recv() {
            for (r, children) in &page {
                let shown = present::record(r, children);
                let cells: Vec<String> = columns.iter().map(|f| cell(&shown, f, country)).collect();
                sink.row(&cells)?;
            }
        }
        sink.finish()
    });
    let (mut after, mut written) = (None, 0u64);
    while written < limit {
        let want = PAGE.min(limit - written);
        let page = export_page(db, &ctx.viewer, req.kind.as_str(), &filter, after, want).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.id);
        let read = page.len() as u64;
        let ids: Vec<_> = page.iter().map(|r| r.id).collect();
        let mut children = records::load_children_sorted(db, ctx.ws(), &ids).await?;
        let page = page
            .into_iter()
            .map(|r| {
                let c = children.remove(&r.id).unwrap_or_default();
                (r, c)
            })
            .collect();
        if pages.send(page).await.is_err() {
            // The writer stopped on an error: it is reported below.
            break;
        }
        written += read;
        if read < want {
            break;
        }
    }
    drop(pages);
    let file = writer.await.map_err(internal)?.map_err(internal)?;
    let content_type = if format == "csv" { CSV } else { XLSX };
    let name = format!("sen-{}.{format}", req.kind.plural());
    Ok(file_response(
        send_file(file).map_err(internal)?,
        content_type,
        &name,
    ))
}

/// Bytes of a finished file sent at a time.
const SEND_CHUNK: usize = 256 * 1024;

/// The body that sends `file` from where it is read to its end, a chunk at a time: a large
/// export is never held in memory whole.
fn send_file(
    file: std::fs::File,
) -> std::io::Result<SizedStream<impl Stream<Item = std::io::Result<Bytes>>>> {
    let len = file.metadata()?.len();
    let chunks = futures_util::stream::try_unfold(file, |mut file| async move {
        let (file, chunk) = web::block(move || {
            let mut chunk = Vec::with_capacity(SEND_CHUNK);
            (&mut file)
                .take(SEND_CHUNK as u64)
                .read_to_end(&mut chunk)?;
            Ok::<_, std::io::Error>((file, chunk))
        })
        .await
        .map_err(std::io::Error::other)??;
        Ok((!chunk.is_empty()).then(|| (Bytes::from(chunk), file)))
    });
    Ok(SizedStream::new(len, chunks))
}

/// The file being written.
enum Sink {
    Csv(Box<CsvSink<std::io::BufWriter<std::fs::File>>>),
    Xlsx(Box<XlsxSink>),
}

impl Sink {
    fn row(&mut self, cells: &[String]) -> Result<(), String> {
        match self {
            Sink::Csv(w) => w.row(cells).map_err(|e| e.to_string()),
            Sink::Xlsx(w) => w.row(cells).map_err(|e| e.to_string()),
        }
    }

    fn finish(self) -> Result<std::fs::File, String> {
        match self {
            Sink::Csv(w) => w.finish_to_file().map_err(|e| e.to_string()),
            Sink::Xlsx(w) => w.finish_to_file().map_err(|e| e.to_string()),
        }
    }
}

/// Rows a sheet holds below its header.
const MAX_ROWS: u64 = 1_048_575;

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("writing the export: {e}"))
}
