//! Where an import's uploaded file is kept: `<data dir>/imports/<id>.<format>`.

use std::path::{Path, PathBuf};

use uuid::Uuid;

/// The stored file of import `id`.
pub fn path(data_dir: &Path, id: Uuid, format: &str) -> PathBuf {
    data_dir.join("imports").join(format!("{id}.{format}"))
}
