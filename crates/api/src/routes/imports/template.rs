//! `GET /imports/template`: an empty file with every column of a kind, custom fields
//! included — required columns in red, picklist columns as dropdowns, a date-format note and
//! one example row.

use actix_web::{HttpResponse, get, web};
use sen_api_types::error::Problem;
use sen_domain::import::{ColumnType, FieldSpec, header_label};
use sen_domain::kind::RecordKind;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::imports::Settings;
use crate::sheets::{Column, write_csv, write_xlsx};
use crate::state::AppState;

/// Which template.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TemplateQuery {
    /// `prospects`, `leads`, `contacts`, `accounts` or `opportunities` (singular also accepted).
    pub kind: String,
    /// `xlsx` (default) or `csv`.
    pub format: Option<String>,
}

const DATE_NOTE: &str =
    "Ngày: dd/mm/yyyy (vd 15/03/1990) hoặc yyyy-mm-dd. Date: dd/mm/yyyy or yyyy-mm-dd.";

/// The import template of a kind.
#[utoipa::path(get, path = "/api/v1/imports/template", tag = "imports", operation_id = "import_template",
    security(("bearer" = [])),
    params(TemplateQuery),
    responses(
        (status = 200, description = "The template", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "Unknown kind or format", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/imports/template")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn import_template(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<TemplateQuery>,
) -> ApiResult<HttpResponse> {
    let kind = parse_kind_param(&query.kind)?;
    let settings = Settings::load(state.db.conn(), auth.workspace_id, kind).await?;
    let fields = &settings.fields;
    let example = example_row(fields);
    let name = format!("sen-{}-template", kind.plural());
    match query.format.as_deref().unwrap_or("xlsx") {
        "xlsx" => {
            let columns: Vec<Column> = fields.iter().map(column_of).collect();
            let bytes = write_xlsx("Data", &columns, std::iter::once(example))
                .map_err(|e| ApiError::Internal(anyhow::anyhow!("writing the template: {e}")))?;
            Ok(file_response(bytes, XLSX, &format!("{name}.xlsx")))
        }
        "csv" => {
            let headers: Vec<String> = fields.iter().map(header_label).collect();
            let bytes = write_csv(&headers, std::iter::once(example))
                .map_err(|e| ApiError::Internal(anyhow::anyhow!("writing the template: {e}")))?;
            Ok(file_response(bytes, CSV, &format!("{name}.csv")))
        }
        other => Err(ApiError::new(
            sen_api_types::error::ErrorCode::InvalidQuery,
            format!("format {other:?}: use xlsx or csv"),
        )),
    }
}

/// The .xlsx media type.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// The .csv media type.
pub const CSV: &str = "text/csv; charset=utf-8";

/// A file download.
pub fn file_response(
    body: impl actix_web::body::MessageBody + 'static,
    content_type: &str,
    file_name: &str,
) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            "content-disposition",
            format!("attachment; filename=\"{file_name}\""),
        ))
        .body(body)
}

/// A kind named by its plural or singular, or a 400 naming the parameter.
pub fn parse_kind_param(s: &str) -> ApiResult<RecordKind> {
    RecordKind::parse_plural(s)
        .or_else(|| RecordKind::parse(s))
        .ok_or_else(|| {
            ApiError::new(
                sen_api_types::error::ErrorCode::InvalidQuery,
                format!("kind {s:?}: use prospects, leads, contacts, accounts or opportunities"),
            )
        })
}

fn column_of(f: &FieldSpec) -> Column {
    Column {
        header: header_label(f),
        required: f.required,
        choices: if matches!(
            f.column,
            ColumnType::Picklist(_) | ColumnType::Status | ColumnType::Word(_)
        ) || matches!(f.column, ColumnType::Custom(t) if t.has_options())
        {
            f.choices.clone()
        } else {
            Vec::new()
        },
        note: matches!(f.column, ColumnType::Date)
            .then(|| DATE_NOTE.to_owned())
            .or_else(|| f.required.then(|| "Bắt buộc / Required".to_owned())),
    }
}

fn example_row(fields: &[FieldSpec]) -> Vec<String> {
    fields
        .iter()
        .map(|f| match (f.name.as_str(), &f.column) {
            ("last_name", _) => "Nguyễn Văn".into(),
            ("first_name", _) => "An".into(),
            ("name", _) => "Công ty TNHH Sen".into(),
            ("phones", _) => "0912 345 678".into(),
            ("emails", _) => "an.nguyen@example.vn".into(),
            ("city", _) => "Hà Nội".into(),
            (_, ColumnType::Date) => "15/03/1990".into(),
            ("gender", _) => "male".into(),
            ("amount", _) => "15000000.00".into(),
            ("currency", _) => "VND".into(),
            _ => String::new(),
        })
        .collect()
}
