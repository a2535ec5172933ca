//! Bulk actions on many records, their undo, and the background jobs that run large ones.

use sen_api_types::bulk::{BulkAccepted, BulkRequest, BulkResult, Job, JobState, UndoResult};
use sen_api_types::record::RecordKind;
use serde::Deserialize;
use uuid::Uuid;

use super::client::Req;
use super::{ApiError, ApiResult};

/// `POST /{kind}/bulk` answers 200 with the result, or 202 with a job for a large selection.
#[derive(Deserialize)]
#[serde(untagged)]
enum BulkAnswer {
    Accepted(BulkAccepted),
    Done(BulkResult),
}

/// Runs a bulk action; a large one is followed as a job, `progress` getting its share done
/// (0–1) after each poll, until it has finished.
pub async fn run(
    kind: RecordKind,
    req: &BulkRequest,
    progress: impl Fn(f64),
) -> ApiResult<BulkResult> {
    let answer: BulkAnswer = Req::post(format!("/{}/bulk", kind.plural()))
        .json(req)
        .fetch()
        .await?;
    match answer {
        BulkAnswer::Done(r) => Ok(r),
        BulkAnswer::Accepted(a) => wait(a.job_id, progress).await,
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
                return job
                    .result
                    .and_then(|v| serde_json::from_value(v).ok())
                    .ok_or_else(|| ApiError::Unexpected {
                        status: 200,
                        detail: "a finished job without a result".to_owned(),
                    });
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
