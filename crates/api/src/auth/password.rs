//! argon2id password hashing, run off the async executor.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::sync::OnceLock;

use argon2::Argon2;
use sen_api_types::error::ErrorCode;

use crate::error::{ApiError, ApiResult};

/// The shortest accepted password.
pub const MIN_LEN: usize = 8;

/// Checks the password policy: 8 to 256 characters.
pub fn check_policy(field: &str, password: &str) -> ApiResult<()> {
    let n = password.chars().count();
    if n < MIN_LEN {
        return Err(ApiError::field(
            field,
            "too_short",
            format!("use at least {MIN_LEN} characters"),
        ));
    }
    if n > 256 {
        return Err(ApiError::field(
            field,
            "too_long",
            "use at most 256 characters",
        ));
    }
    Ok(())
}

/// Hashes a password with argon2id and a random salt (PHC string).
pub async fn hash(password: String) -> ApiResult<String> {
    blocking(move || {
        let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>())
            .map_err(|e| anyhow::anyhow!("salt: {e}"))?;
        let hash = Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map_err(|e| anyhow::anyhow!("argon2: {e}"))?;
        Ok(hash.to_string())
    })
    .await
}

/// Whether `password` matches the stored PHC hash.
pub async fn verify(password: String, phc: String) -> ApiResult<bool> {
    blocking(move || {
        let parsed = PasswordHash::new(&phc).map_err(|e| anyhow::anyhow!("stored hash: {e}"))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
}

/// A hash to verify against when the account does not exist, so the answer takes as long as
/// for a real account and timing does not reveal which emails exist.
pub fn dummy_hash() -> String {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY
        .get_or_init(|| {
            let salt = SaltString::encode_b64(&[7u8; 16]).ok();
            salt.and_then(|salt| {
                Argon2::default()
                    .hash_password(b"sen-dummy", &salt)
                    .ok()
                    .map(|h| h.to_string())
            })
            .unwrap_or_default()
        })
        .clone()
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> ApiResult<T> {
    match actix_web::web::block(f).await {
        Ok(res) => res.map_err(ApiError::Internal),
        Err(_) => Err(ApiError::new(
            ErrorCode::Unavailable,
            "the server is overloaded",
        )),
    }
}
