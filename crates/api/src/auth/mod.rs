//! Authentication: passwords, access tokens, refresh tokens, API keys, and the extractor
//! that turns a bearer credential into the acting user.

pub mod extractor;
pub mod jwt;
pub mod password;
pub mod secret;

pub use extractor::AuthUser;
