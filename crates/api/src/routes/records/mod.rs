//! `/{kind}`: customer records of the five kinds — create, read, update, delete to the trash,
//! restore, lists and search, and the timeline.

mod activities;
mod applies;
pub(crate) mod context;
pub(crate) mod create;
pub(crate) mod events;
mod fields;
pub(crate) mod filter;
pub(crate) mod input;
mod links;
pub(crate) mod lookups;
pub(crate) mod present;
pub(crate) mod read;
mod trash;
mod write;

use actix_web::web;
use sen_api_types::activity::{Activity, ActivityCreate, ActivityKind, ActivityList};
use sen_api_types::record::{
    Address, EmailEntry, PhoneEntry, Record, RecordFilter, RecordInput, RecordKind, RecordPage,
    RecordSearch, Sharing, SharingMode, Social,
};
use utoipa::OpenApi;

/// Mounts the record routes. They go last: `/{kind}` would otherwise shadow fixed paths.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(trash::trash_list)
        .service(read::record_search)
        .service(read::record_list)
        .service(create::record_create)
        .service(activities::activity_list)
        .service(activities::activity_create)
        .service(write::record_restore)
        .service(read::record_get)
        .service(write::record_update)
        .service(write::record_delete);
}

/// The OpenAPI part of the record routes.
#[derive(OpenApi)]
#[openapi(
    paths(
        read::record_list, read::record_search, create::record_create, read::record_get,
        write::record_update, write::record_delete, write::record_restore, trash::trash_list,
        activities::activity_list, activities::activity_create,
    ),
    components(schemas(
        Record, RecordInput, RecordPage, RecordSearch, RecordFilter, RecordKind, PhoneEntry,
        EmailEntry, Address, Social, Sharing, SharingMode, Activity, ActivityCreate, ActivityKind,
        ActivityList,
    )),
    tags((name = "records", description = "Prospects, leads, contacts, accounts and opportunities"))
)]
pub struct RecordsDoc;
