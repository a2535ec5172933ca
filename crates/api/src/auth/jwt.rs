//! Short-lived HS256 access tokens. The secret comes from config or is generated once and kept
//! in the data directory.

use std::path::Path;

use anyhow::Context;
use chrono::Utc;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The claims of an access token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// The user id.
    pub sub: Uuid,
    /// The user's workspace.
    pub ws: Uuid,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Expires at (seconds since the epoch).
    pub exp: i64,
}

/// Why a token was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum TokenError {
    /// Past its `exp`.
    Expired,
    /// Bad signature, malformed, wrong algorithm.
    Invalid,
}

/// The signing and verification keys.
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    ttl_secs: i64,
}

impl JwtKeys {
    /// Keys from a secret; tokens live `ttl_secs`.
    pub fn new(secret: &[u8], ttl_secs: i64) -> JwtKeys {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub"]);
        JwtKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            ttl_secs,
        }
    }

    /// Seconds an access token lives.
    pub fn ttl_secs(&self) -> i64 {
        self.ttl_secs
    }

    /// Issues an access token for a user.
    pub fn issue(&self, user: Uuid, workspace: Uuid) -> anyhow::Result<String> {
        let iat = Utc::now().timestamp();
        let claims = Claims {
            sub: user,
            ws: workspace,
            iat,
            exp: iat + self.ttl_secs,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .context("signing an access token")
    }

    /// Verifies a token and returns its claims.
    pub fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|e| match e.kind() {
                ErrorKind::ExpiredSignature => TokenError::Expired,
                _ => TokenError::Invalid,
            })
    }
}

/// The configured secret, or the one kept in `data_dir/jwt_secret` (created on first run).
pub fn load_or_create_secret(configured: Option<&str>, data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = configured {
        anyhow::ensure!(
            secret.len() >= 32,
            "SEN_JWT_SECRET must be at least 32 characters"
        );
        return Ok(secret.as_bytes().to_vec());
    }
    let path = data_dir.join("jwt_secret");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let existing = existing.trim();
        if existing.len() >= 32 {
            return Ok(existing.as_bytes().to_vec());
        }
    }
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("creating the data directory {}", data_dir.display()))?;
    let secret = super::secret::random_token();
    write_private(&path, &secret).with_context(|| format!("writing {}", path.display()))?;
    Ok(secret.into_bytes())
}

#[cfg(unix)]
fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(content.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    std::fs::write(path, content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issues_and_verifies_and_rejects_tampering_and_expiry() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef", 60);
        let (user, ws) = (Uuid::now_v7(), Uuid::now_v7());
        let token = keys.issue(user, ws).unwrap();
        let claims = keys.verify(&token).unwrap();
        assert_eq!((claims.sub, claims.ws), (user, ws));

        let other = JwtKeys::new(b"another-secret-another-secret-xx", 60);
        assert_eq!(other.verify(&token).unwrap_err(), TokenError::Invalid);

        let expired = JwtKeys::new(b"0123456789abcdef0123456789abcdef", -10);
        let token = expired.issue(user, ws).unwrap();
        assert_eq!(keys.verify(&token).unwrap_err(), TokenError::Expired);
        assert_eq!(keys.verify("not.a.jwt").unwrap_err(), TokenError::Invalid);
    }

    #[test]
    fn secret_is_generated_once_and_kept() {
        let dir = std::env::temp_dir().join(format!("sen-jwt-{}", Uuid::now_v7()));
        let first = load_or_create_secret(None, &dir).unwrap();
        let second = load_or_create_secret(None, &dir).unwrap();
        assert_eq!(first, second);
        assert!(load_or_create_secret(Some("short"), &dir).is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
