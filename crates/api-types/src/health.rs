//! Liveness and readiness answers.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Liveness or readiness of the server.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Health {
    /// `ok` when healthy.
    #[schema(example = "ok")]
    pub status: String,
    /// The database backend in use (`sqlite` or `postgres`), on readiness only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
}
