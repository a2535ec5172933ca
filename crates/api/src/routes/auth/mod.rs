//! `/auth`: sign-up, log-in, refresh, log-out.

mod login;
mod refresh;
mod signup;
mod tokens;

use actix_web::web;

pub use login::{__path_auth_login, auth_login};
pub use refresh::{__path_auth_logout, __path_auth_refresh, auth_logout, auth_refresh};
pub use signup::{__path_auth_signup, auth_signup};

/// Mounts the auth routes.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(auth_signup)
        .service(auth_login)
        .service(auth_refresh)
        .service(auth_logout);
}
