//! Request extractors whose failures are problem+json, never a 500.

mod json;
mod rejections;

pub use json::Json;
pub use rejections::{path_config, query_config};
