//! Sen's HTTP API: actix-web routes over the store, with auth, problem+json errors, metrics
//! and the OpenAPI document.

pub mod audit;
pub mod auth;
pub mod config;
pub mod convert;
pub mod error;
pub mod extract;
pub mod imports;
pub mod jobs;
pub mod metrics;
pub mod middleware;
pub mod openapi;
pub mod rate_limit;
pub mod routes;
pub mod server;
pub mod sheets;
pub mod state;
pub mod telemetry;
pub mod validate;
