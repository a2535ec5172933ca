//! Sen's domain: the values, records and rules of a CRM, with no IO.
//!
//! Everything here is pure and compiles to wasm32, so the web app can share it.

pub mod custom_field;
pub mod duplicate;
pub mod kind;
pub mod lifecycle;
pub mod merge;
pub mod role;
pub mod search;
pub mod value;
