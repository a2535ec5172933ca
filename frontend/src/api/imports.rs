//! Spreadsheet imports: upload, preview, run (followed until done), report, undo; and the
//! template file.

use sen_api_types::import::{Import, ImportOptions, ImportPreview, ImportUploaded};
use sen_api_types::record::RecordKind;
use uuid::Uuid;

use super::client::Req;
use super::{ApiError, ApiResult};

/// Uploads a file for importing records of `kind`.
pub async fn upload(kind: RecordKind, file: &web_sys::File) -> ApiResult<ImportUploaded> {
    let form = web_sys::FormData::new().map_err(|_| ApiError::network("FormData"))?;
    form.append_with_str("kind", kind.plural())
        .map_err(|_| ApiError::network("FormData"))?;
    form.append_with_blob_and_filename("file", file, &file.name())
        .map_err(|_| ApiError::network("FormData"))?;
    Req::post("/imports").form(form).fetch().await
}

/// What a run with these options would do; nothing is written.
pub async fn preview(id: Uuid, opts: &ImportOptions) -> ApiResult<ImportPreview> {
    Req::post(format!("/imports/{id}/preview"))
        .json(opts)
        .fetch()
        .await
}

/// Starts the run, then polls it until it has ended, `progress` getting it after each poll.
pub async fn run(id: Uuid, opts: &ImportOptions, progress: impl Fn(&Import)) -> ApiResult<Import> {
    let mut imp: Import = Req::post(format!("/imports/{id}/run"))
        .json(opts)
        .fetch()
        .await?;
    loop {
        progress(&imp);
        if !matches!(imp.state.as_str(), "queued" | "running" | "uploaded") {
            return Ok(imp);
        }
        crate::timer::sleep_ms(400).await;
        imp = Req::get(format!("/imports/{id}")).fetch().await?;
    }
}

/// Undoes a finished import.
pub async fn undo(id: Uuid) -> ApiResult<Import> {
    Req::post(format!("/imports/{id}/undo")).fetch().await
}

/// Downloads a file of the API (it needs the token) and has the browser save it.
pub async fn download(path: &str, file_name: &str) -> ApiResult<()> {
    let bytes = Req::get(path).fetch_bytes().await?;
    save(&bytes, file_name).ok_or_else(|| ApiError::network("download"))
}

/// The import template of `kind`.
pub fn template_path(kind: RecordKind) -> String {
    format!("/imports/template?kind={}&format=xlsx", kind.plural())
}

/// The per-row report of an import.
pub fn report_path(id: Uuid) -> String {
    format!("/imports/{id}/report.xlsx")
}

fn save(bytes: &[u8], file_name: &str) -> Option<()> {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let doc = web_sys::window()?.document()?;
    let a: web_sys::HtmlElement = doc.create_element("a").ok()?.dyn_into().ok()?;
    a.set_attribute("href", &url).ok()?;
    a.set_attribute("download", file_name).ok()?;
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}
