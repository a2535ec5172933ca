//! The shapes of Sen's API: request/response DTOs and the one `ErrorCode` enum.
//!
//! Shared by the server (which publishes them in the OpenAPI document) and the web app.

pub mod activity;
pub mod api_key;
pub mod auth;
pub mod bulk;
pub mod duplicate;
pub mod error;
pub mod health;
pub mod lifecycle;
pub mod merge;
pub mod record;
pub mod settings;
pub mod tag;
pub mod team;
pub mod user;

pub use sen_domain::role::{AssignmentRule, Role};
