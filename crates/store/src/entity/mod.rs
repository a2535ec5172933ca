//! sea-orm entities, one file per table.

pub mod activity;
pub mod api_key;
pub mod audit_log;
pub mod custom_field;
pub mod duplicate_rule;
pub mod idempotency_key;
pub mod job;
pub mod merge;
pub mod operation;
pub mod operation_change;
pub mod operation_tag;
pub mod picklist_value;
pub mod record;
pub mod record_email;
pub mod record_phone;
pub mod record_share;
pub mod record_tag;
pub mod refresh_token;
pub mod status;
pub mod tag;
pub mod team;
pub mod team_member;
pub mod user;
pub mod workspace;
