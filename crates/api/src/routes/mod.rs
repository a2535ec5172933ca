//! HTTP routes, one resource per module.

pub mod api_keys;
pub mod auth;
pub mod bulk;
pub mod docs;
pub mod duplicates;
pub mod health;
pub mod lifecycle;
pub mod me;
pub mod merge;
pub mod records;
pub mod settings;
pub mod spa;
pub mod teams;
pub mod users;

use actix_web::web;

/// Mounts every `/api/v1` route.
pub fn api_v1(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .configure(auth::routes)
            .configure(me::routes)
            .configure(users::routes)
            .configure(teams::routes)
            .configure(api_keys::routes)
            .configure(settings::routes)
            .configure(lifecycle::routes)
            .configure(bulk::routes)
            .configure(duplicates::routes)
            .configure(merge::routes)
            .configure(records::routes),
    );
}
