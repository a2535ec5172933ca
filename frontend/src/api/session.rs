//! The token pair, kept in localStorage so that a reload stays logged in.

use sen_api_types::auth::TokenPair;

use crate::storage;

const KEY: &str = "sen.tokens";

pub fn tokens() -> Option<TokenPair> {
    storage::get(KEY).and_then(|s| serde_json::from_str(&s).ok())
}

pub fn store(tokens: &TokenPair) {
    if let Ok(s) = serde_json::to_string(tokens) {
        storage::set(KEY, &s);
    }
}

pub fn clear() {
    storage::remove(KEY);
}

pub fn is_logged_in() -> bool {
    tokens().is_some()
}

pub(super) fn access_token() -> Option<String> {
    tokens().map(|t| t.access_token)
}
