//! `/settings/*` and `/tags`: statuses, picklists, custom fields and tags of a workspace.
//! Everyone in the workspace reads them; admins write (any member may create a tag).

mod convert;
mod custom_field_edit;
mod custom_fields;
mod picklists;
mod rules;
mod status_rules;
mod statuses;
mod tag_edit;
mod tags;

use actix_web::web;
use sen_api_types::settings::{
    Choice, CustomField, CustomFieldCreate, CustomFieldList, CustomFieldUpdate, FieldType,
    Picklist, PicklistList, PicklistName, PicklistReplace, StageOutcome, Status, StatusInput,
    StatusList, StatusReplace,
};
use sen_api_types::tag::{Tag, TagCreate, TagList, TagUpdate};
use sen_domain::kind::RecordKind;
use utoipa::OpenApi;

pub use custom_field_edit::{
    __path_custom_field_delete, __path_custom_field_update, custom_field_delete,
    custom_field_update,
};
pub use custom_fields::{
    __path_custom_field_create, __path_custom_field_list, custom_field_create, custom_field_list,
};
pub use picklists::{
    __path_picklist_get, __path_picklist_list, __path_picklist_replace, picklist_get,
    picklist_list, picklist_replace,
};
pub use statuses::{__path_status_list, __path_status_replace, status_list, status_replace};
pub use tag_edit::{__path_tag_delete, __path_tag_update, tag_delete, tag_update};
pub use tags::{__path_tag_create, __path_tag_list, tag_create, tag_list};

/// Mounts the settings and tag routes.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(status_list)
        .service(status_replace)
        .service(picklist_list)
        .service(picklist_get)
        .service(picklist_replace)
        .service(custom_field_list)
        .service(custom_field_create)
        .service(custom_field_update)
        .service(custom_field_delete)
        .service(tag_list)
        .service(tag_create)
        .service(tag_update)
        .service(tag_delete);
}

/// The OpenAPI part of the settings routes (merged into the API document).
#[derive(OpenApi)]
#[openapi(
    paths(
        status_list, status_replace,
        picklist_list, picklist_get, picklist_replace,
        custom_field_list, custom_field_create, custom_field_update, custom_field_delete,
        tag_list, tag_create, tag_update, tag_delete,
    ),
    components(schemas(
        RecordKind, Status, StatusInput, StatusList, StatusReplace, StageOutcome,
        Choice, PicklistName, Picklist, PicklistList, PicklistReplace,
        FieldType, CustomField, CustomFieldCreate, CustomFieldUpdate, CustomFieldList,
        Tag, TagCreate, TagUpdate, TagList,
    )),
    tags(
        (name = "settings", description = "Statuses, picklists and custom fields of a workspace"),
        (name = "tags", description = "Workspace tags, unique ignoring case and diacritics"),
    )
)]
pub struct SettingsDoc;
