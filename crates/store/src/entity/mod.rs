//! sea-orm entities, one file per table.

pub mod api_key;
pub mod audit_log;
pub mod refresh_token;
pub mod team;
pub mod team_member;
pub mod user;
pub mod workspace;
