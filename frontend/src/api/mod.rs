//! Calls to Sen's HTTP API (same origin as the app). The only module that does HTTP: pages and
//! components call these typed functions and get the API's own DTOs back.

mod client;
mod error;

pub mod api_keys;
pub mod auth;
pub mod bulk;
pub mod health;
pub mod imports;
pub mod lifecycle;
pub mod merge;
pub mod records;
pub mod session;
pub mod settings;
pub mod tags;
pub mod teams;
pub mod users;

pub use error::{ApiError, ApiResult};
