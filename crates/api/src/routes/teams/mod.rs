//! `/teams`: groups of users with a data-owner flag and an assignment rule. Everyone reads;
//! admins write.

mod read;
mod write;

use actix_web::web;

pub use read::{__path_team_get, __path_team_list, team_get, team_list};
pub use write::{
    __path_team_create, __path_team_delete, __path_team_update, team_create, team_delete,
    team_update,
};

/// Mounts the team routes.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(team_list)
        .service(team_create)
        .service(team_get)
        .service(team_update)
        .service(team_delete);
}
