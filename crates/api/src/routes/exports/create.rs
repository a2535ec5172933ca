//! `POST /exports`: the caller's visible records of a kind matching the list filter, as
//! .xlsx (written in constant-memory mode) or .csv, with the import template's headers.

use actix_web::{HttpResponse, post, web};
use sen_api_types::error::Problem;
use sen_api_types::import::ExportRequest;
use sen_domain::import::{FieldSpec, header_label};
use sen_store::repo::imports::export_page;
use sen_store::repo::records::{self, Filter};

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

/// Records read per page.
const PAGE: u64 = 2_000;

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
    let mut sink = if format == "csv" {
        Sink::Csv(Box::new(CsvSink::new(&headers).map_err(internal)?))
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
    let (mut after, mut written) = (None, 0u64);
    while written < limit {
        let want = PAGE.min(limit - written);
        let page = export_page(db, &ctx.viewer, req.kind.as_str(), &filter, after, want).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.id);
        let ids: Vec<_> = page.iter().map(|r| r.id).collect();
        let mut children = records::load_children(db, ctx.ws(), &ids).await?;
        for r in &page {
            let shown = present::record(r, &children.remove(&r.id).unwrap_or_default());
            let cells: Vec<String> = columns
                .iter()
                .map(|f| cell(&shown, f, ctx.country))
                .collect();
            match &mut sink {
                Sink::Csv(w) => w.row(&cells).map_err(internal)?,
                Sink::Xlsx(w) => w.row(&cells).map_err(internal)?,
            }
        }
        written += page.len() as u64;
        if (page.len() as u64) < want {
            break;
        }
    }
    let name = format!("sen-{}", req.kind.plural());
    match sink {
        Sink::Csv(w) => Ok(file_response(
            w.finish().map_err(internal)?,
            CSV,
            &format!("{name}.csv"),
        )),
        Sink::Xlsx(w) => {
            let bytes = web::block(move || w.finish())
                .await
                .map_err(internal)?
                .map_err(internal)?;
            Ok(file_response(bytes, XLSX, &format!("{name}.xlsx")))
        }
    }
}

/// The file being written.
enum Sink {
    Csv(Box<CsvSink>),
    Xlsx(Box<XlsxSink>),
}

/// Rows a sheet holds below its header.
const MAX_ROWS: u64 = 1_048_575;

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("writing the export: {e}"))
}
