//! Bulk actions on many records, their undo, and the background jobs that run large ones.

use sen_api_types::bulk::{BulkAccepted, BulkRequest, BulkResult, Job, JobState, UndoResult};
use sen_api_types::record::RecordKind;
use uuid::Uuid;

use super::client::{Req, parse};
use super::{ApiError, ApiResult};

/// Runs a bulk action; a large one is followed as a job, `progress` getting its share done
/// (0–1) after each poll, until it has finished.
pub async fn run(
    kind: RecordKind,
    req: &BulkRequest,
    progress: impl Fn(f64),
) -> ApiResult<BulkResult> {
    // 200: the result; 202: a job for a large selection.
    let (status, text) = Req::post(format!("/{}/bulk", kind.plural()))
        .json(req)
        .fetch_text()
        .await?;
    if status == 202 {
        let accepted: BulkAccepted = parse(status, &text)?;
        wait(accepted.job_id, progress).await
    } else {
        parse(status, &text)
    }
}

/// Polls a job until it is done; its result is the bulk result.
async fn wait(job_id: Uuid, progress: impl Fn(f64)) -> ApiResult<BulkResult> {
    loop {
        crate::timer::sleep_ms(400).await;
        let job: Job = Req::get(format!("/jobs/{job_id}")).fetch().await?;
        progress(job.progress);
        match job.state {
            JobState::Done => {
                // Through the text form: one JSON reader for BulkResult in the app, not two.
                let text = job.result.map(|v| v.to_string()).unwrap_or_default();
                return parse(200, &text);
            }
            JobState::Failed => {
                return Err(ApiError::Unexpected {
                    status: 500,
                    detail: job.error.unwrap_or_default(),
                });
            }
            JobState::Queued | JobState::Running => {}
        }
    }
}

/// Undoes a bulk operation.
pub async fn undo(operation_id: Uuid) -> ApiResult<UndoResult> {
    Req::post(format!("/operations/{operation_id}/undo"))
        .fetch()
        .await
}
