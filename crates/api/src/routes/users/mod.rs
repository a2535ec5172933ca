//! `/users`: workspace members. Everyone reads; admins create, change and deactivate.

mod read;
mod write;

use actix_web::web;

pub use read::{__path_user_get, __path_user_list, user_get, user_list};
pub use write::{
    __path_user_create, __path_user_delete, __path_user_update, user_create, user_delete,
    user_update,
};

/// Mounts the user routes.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(user_list)
        .service(user_create)
        .service(user_get)
        .service(user_update)
        .service(user_delete);
}
