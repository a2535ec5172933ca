//! Normalised values (phones, e-mails, names, dates, search keys): parse once, then trust.
//!
//! Each type has private fields and a `parse` constructor returning [`ValueError`], so holding
//! one means it is valid and in its stored form (habit 1 of the house style).

mod country;
mod date;
mod date_input;
mod email;
mod error;
mod multi;
mod person_name;
mod phone;
mod phone_fast;
mod phone_input;
mod phone_plan;
mod phone_search;
mod plan_patterns;
mod search_key;
mod vn_legacy;

pub use country::Country;
pub use date::Date;
pub use date_input::parse_date;
pub use email::Email;
pub use error::ValueError;
pub use multi::{ItemErrors, unique_emails, unique_phones};
pub use person_name::{PersonName, display_name, normalise_text};
pub use phone::Phone;
pub use phone_search::PhoneQuery;
pub use search_key::search_key;
