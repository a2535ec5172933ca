//! Duplicates of a record, merging records into a master, and undoing a merge.

use sen_api_types::duplicate::DuplicateList;
use sen_api_types::merge::{MergeRequest, MergeResult, MergeUndone};
use sen_api_types::record::RecordKind;
use uuid::Uuid;

use super::ApiResult;
use super::client::Req;

/// Records that look like this one, matched on `criteria` (e.g. `phone,email,name`: any of
/// them; empty: the server's default).
pub async fn duplicates(kind: RecordKind, id: Uuid, criteria: &str) -> ApiResult<DuplicateList> {
    let q = if criteria.is_empty() {
        String::new()
    } else {
        format!(
            "?criteria={}",
            String::from(js_sys::encode_uri_component(criteria))
        )
    };
    Req::get(format!("/{}/{id}/duplicates{q}", kind.plural()))
        .fetch()
        .await
}

/// Merges (or, with `dry_run`, previews the merge of) the slaves into the master.
pub async fn merge(kind: RecordKind, req: &MergeRequest) -> ApiResult<MergeResult> {
    Req::post(format!("/{}/merge", kind.plural()))
        .json(req)
        .fetch()
        .await
}

/// Undoes a merge: the master as it was, the slaves back.
pub async fn undo(merge_id: Uuid) -> ApiResult<MergeUndone> {
    Req::post(format!("/merges/{merge_id}/undo")).fetch().await
}
