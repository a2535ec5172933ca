//! `GET /imports/{id}/report.xlsx`: the skipped and failed rows as uploaded, with a last
//! "Lý do / Reason" column — fix them and import the report again.

use actix_web::{HttpResponse, get, web};
use sen_api_types::error::{FieldError, Problem};
use sen_api_types::import::ImportSheet;
use sen_store::repo::imports;
use uuid::Uuid;

use super::common::own_import;
use super::template::{XLSX, file_response};
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::routes::records::context::Ctx;
use crate::sheets::{Column, write_xlsx};
use crate::state::AppState;

/// The report of skipped and failed rows.
#[utoipa::path(get, path = "/api/v1/imports/{id}/report.xlsx", tag = "imports", operation_id = "import_report",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Import id")),
    responses(
        (status = 200, description = "The rows as uploaded plus a reason column", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such import of yours", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/imports/{id}/report.xlsx")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn import_report(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<Uuid>,
) -> ApiResult<HttpResponse> {
    let ctx = Ctx::load(&state, auth).await?;
    let m = own_import(state.db.conn(), &ctx, *id).await?;
    let sheets: Vec<ImportSheet> = serde_json::from_value(m.headers.clone()).unwrap_or_default();
    let headers = sheets
        .iter()
        .find(|s| Some(&s.name) == m.sheet.as_ref())
        .or(sheets.first())
        .map(|s| s.headers.clone())
        .unwrap_or_default();
    let mut rows = Vec::new();
    let mut after = 0;
    loop {
        let page = imports::list_rows(
            state.db.conn(),
            ctx.ws(),
            m.id,
            &["skipped", "failed"],
            after,
            5_000,
        )
        .await?;
        let Some(last) = page.last() else { break };
        after = last.row_no;
        for r in page {
            let mut cells: Vec<String> = r
                .cells
                .clone()
                .and_then(|c| serde_json::from_value(c).ok())
                .unwrap_or_default();
            cells.resize(headers.len().max(cells.len()), String::new());
            let reasons: Vec<FieldError> =
                serde_json::from_value(r.reasons["reasons"].clone()).unwrap_or_default();
            let text = reasons
                .iter()
                .map(|e| {
                    if e.field == "row" {
                        e.message.clone()
                    } else {
                        format!("{}: {}", e.field, e.message)
                    }
                })
                .collect::<Vec<_>>()
                .join("; ");
            cells.push(format!("Dòng {} — {text}", r.row_no));
            rows.push(cells);
        }
    }
    let width = headers.len().max(
        rows.iter()
            .map(|r| r.len().saturating_sub(1))
            .max()
            .unwrap_or(0),
    );
    let mut columns: Vec<Column> = headers
        .iter()
        .map(|h| Column {
            header: h.clone(),
            ..Column::default()
        })
        .collect();
    columns.resize(width, Column::default());
    columns.push(Column {
        header: "Lý do / Reason".into(),
        required: true,
        ..Column::default()
    });
    let rows = rows.into_iter().map(|mut r| {
        let reason = r.pop().unwrap_or_default();
        r.resize(width, String::new());
        r.push(reason);
        r
    });
    let bytes = write_xlsx("Report", &columns, rows)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("writing the report: {e}")))?;
    Ok(file_response(
        bytes,
        XLSX,
        &format!("import-{}-report.xlsx", m.id),
    ))
}
