//! `POST /imports`: upload a file (multipart `file` and `kind`). The file is kept in the data
//! directory; the answer lists its sheets with their headers, first rows and a suggested
//! mapping.

use std::sync::atomic::Ordering;

use actix_multipart::{Multipart, MultipartError};
use actix_web::{HttpRequest, HttpResponse, post, web};
use futures_util::StreamExt;
use sen_api_types::error::{ErrorCode, Problem};
use sen_api_types::import::{ImportCounts, ImportField, ImportSheet, ImportUpload, ImportUploaded};
use sen_domain::import::suggest;
use sen_store::entity::import::Model;
use sen_store::repo::{idempotency, imports, new_id, now};

use super::template::parse_kind_param;
use crate::auth::{AuthUser, secret};
use crate::error::{ApiError, ApiResult};
use crate::imports::{Settings, store_file};
use crate::routes::records::create::{idempotency_key, replay};
use crate::sheets::{detect, inspect};
use crate::state::AppState;

/// Uploads a file to import.
#[utoipa::path(post, path = "/api/v1/imports", tag = "imports", operation_id = "import_create",
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries of this upload safe")),
    request_body(content = ImportUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Uploaded", body = ImportUploaded),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than the upload limit", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a multipart form", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing or unreadable file, or unknown kind", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/imports")]
#[tracing::instrument(skip_all, fields(user = %auth.id))]
pub async fn import_create(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: AuthUser,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let limit = state.upload_limit.load(Ordering::Relaxed);
    let mut form = Multipart::new(req.headers(), payload);
    let (mut file, mut file_name, mut kind) = (None::<Vec<u8>>, String::new(), None::<String>);
    while let Some(field) = form.next().await {
        let mut field = field.map_err(multipart_error)?;
        let name = field.name().unwrap_or("").to_owned();
        if name == "file" {
            file_name = field
                .content_disposition()
                .and_then(|d| d.get_filename())
                .unwrap_or("upload")
                .to_owned();
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(multipart_error)?;
            if (bytes.len() + chunk.len()) as u64 > limit {
                return Err(ApiError::new(
                    ErrorCode::PayloadTooLarge,
                    format!("the file is larger than the upload limit of {limit} bytes"),
                ));
            }
            bytes.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "file" => file = Some(bytes),
            "kind" => kind = Some(String::from_utf8_lossy(&bytes).trim().to_owned()),
            _ => {}
        }
    }
    let kind = kind
        .ok_or_else(|| ApiError::field("kind", "required", "send the kind of record to import"))?;
    let kind = parse_kind_param(&kind).map_err(|_| {
        ApiError::field(
            "kind",
            "invalid_option",
            "use prospects, leads, contacts, accounts or opportunities",
        )
    })?;
    let file = file
        .ok_or_else(|| ApiError::field("file", "required", "send the file in the field `file`"))?;
    let format = detect(&file_name, &file)
        .map_err(|e| ApiError::field("file", "unreadable", e.to_string()))?;
    // With `Idempotency-Key`, a retried upload answers what the first one did.
    let key = idempotency_key(&req)?;
    let fingerprint = {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(&file);
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        secret::hash(&format!("import:{}:{file_name}:{hex}", kind.as_str()))
    };
    if let Some(key) = &key
        && let Some(saved) =
            idempotency::find(state.db.conn(), auth.workspace_id, auth.id, key).await?
    {
        return replay(&saved, &fingerprint);
    }
    let id = new_id();
    let path = store_file::path(&state.config.data_dir, id, format.as_str());
    let size = file.len();
    let sheets = {
        let path = path.clone();
        web::block(move || -> anyhow::Result<_> {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&path, &file)?;
            Ok(inspect(&path, format))
        })
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?
        .map_err(ApiError::Internal)?
    };
    let sheets = match sheets {
        Ok(s) => s,
        Err(err) => {
            let _ = std::fs::remove_file(&path);
            return Err(ApiError::field("file", "unreadable", err.to_string()));
        }
    };
    if sheets.iter().any(|s| s.rows > MAX_ROWS) {
        let _ = std::fs::remove_file(&path);
        return Err(ApiError::field(
            "file",
            "too_many_rows",
            format!("a file may hold at most {MAX_ROWS} rows"),
        ));
    }
    if sheets
        .iter()
        .all(|s| s.headers.iter().all(|h| h.trim().is_empty()))
    {
        let _ = std::fs::remove_file(&path);
        return Err(ApiError::field(
            "file",
            "empty",
            "the file has no header row",
        ));
    }
    let settings = Settings::load(state.db.conn(), auth.workspace_id, kind).await?;
    let sheets: Vec<ImportSheet> = sheets
        .into_iter()
        .map(|s| {
            let headers: Vec<String> = s.headers.iter().map(|h| h.trim().to_owned()).collect();
            ImportSheet {
                suggested_mapping: suggest(&headers, &settings.fields),
                name: s.name,
                headers,
                rows: s.rows,
                first_rows: s.first_rows,
            }
        })
        .collect();
    let at = now();
    let first = sheets.first();
    imports::insert(
        state.db.conn(),
        Model {
            id,
            workspace_id: auth.workspace_id,
            kind: kind.as_str().into(),
            state: imports::UPLOADED.into(),
            file_name: file_name.clone(),
            format: format.as_str().into(),
            file_size: i64::try_from(size).unwrap_or(i64::MAX),
            sheet: None,
            headers: serde_json::to_value(&sheets).unwrap_or_default(),
            options: None,
            total: 0,
            counts: serde_json::to_value(ImportCounts::default()).unwrap_or_default(),
            cursor: 0,
            job_id: None,
            result: None,
            created_by: auth.id,
            created_at: at,
            updated_at: at,
            finished_at: None,
            undone_at: None,
        },
    )
    .await?;
    let answer = ImportUploaded {
        id,
        kind,
        file_name,
        format: format.as_str().into(),
        headers: first.map(|s| s.headers.clone()).unwrap_or_default(),
        suggested_mapping: first
            .map(|s| s.suggested_mapping.clone())
            .unwrap_or_default(),
        fields: settings
            .fields
            .iter()
            .map(|f| ImportField {
                name: f.name.clone(),
                label_vi: f.label_vi.clone(),
                label_en: f.label_en.clone(),
                required: f.required,
            })
            .collect(),
        sheets,
    };
    if let Some(key) = &key {
        let body = serde_json::to_value(&answer).unwrap_or_default();
        // A concurrent retry that stored first wins; this upload stays usable all the same.
        // Any other failure is the server's.
        let stored = idempotency::store(
            state.db.conn(),
            auth.workspace_id,
            auth.id,
            key,
            &fingerprint,
            201,
            body,
        )
        .await;
        match stored {
            Ok(()) | Err(sen_store::StoreError::Conflict(_)) => {}
            Err(other) => return Err(other.into()),
        }
    }
    Ok(HttpResponse::Created().json(answer))
}

/// Data rows a file may hold (a sheet's 1,048,576 rows less the header).
const MAX_ROWS: u64 = 1_048_575;

fn multipart_error(err: MultipartError) -> ApiError {
    match err {
        MultipartError::ContentTypeMissing
        | MultipartError::ContentTypeParse
        | MultipartError::ContentTypeIncompatible => ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "send the file as multipart/form-data with fields `file` and `kind`",
        ),
        other => ApiError::new(
            ErrorCode::MalformedBody,
            format!("the multipart body is malformed: {other}"),
        ),
    }
}
