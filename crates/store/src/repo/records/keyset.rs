//! Sorting and keyset cursors: a page continues strictly after the last row of the previous
//! one, by `(sort column, id)`, so deep pages cost what the first one does.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, SimpleExpr};
use sea_orm::{Order, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::entity::record::{Column, Model};

/// The columns a list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortField {
    /// Creation time (the default, newest first).
    CreatedAt,
    /// Last change.
    UpdatedAt,
    /// Display name (accounts and opportunities: their name).
    Name,
    /// Status key.
    Status,
    /// Owner id.
    Owner,
    /// Source picklist key.
    Source,
    /// Industry picklist key.
    Industry,
    /// City of the first address (folded).
    City,
}

impl SortField {
    /// Every sortable field with its API name.
    pub const ALL: [(&'static str, SortField); 8] = [
        ("created_at", SortField::CreatedAt),
        ("updated_at", SortField::UpdatedAt),
        ("name", SortField::Name),
        ("status", SortField::Status),
        ("owner_id", SortField::Owner),
        ("source", SortField::Source),
        ("industry", SortField::Industry),
        ("city", SortField::City),
    ];

    /// Parses `created_at` / `-created_at` into the field and its direction.
    pub fn parse(sort: &str) -> Option<(SortField, Order)> {
        let (name, order) = match sort.strip_prefix('-') {
            Some(name) => (name, Order::Desc),
            None => (sort.strip_prefix('+').unwrap_or(sort), Order::Asc),
        };
        Self::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| (*f, order))
    }

    /// The column sorted on.
    pub fn column(self) -> Column {
        match self {
            SortField::CreatedAt => Column::CreatedAt,
            SortField::UpdatedAt => Column::UpdatedAt,
            SortField::Name => Column::Name,
            SortField::Status => Column::Status,
            SortField::Owner => Column::OwnerId,
            SortField::Source => Column::Source,
            SortField::Industry => Column::Industry,
            SortField::City => Column::City,
        }
    }

    /// The sort value of a row, as the cursor keeps it.
    fn value_of(self, row: &Model) -> String {
        match self {
            SortField::CreatedAt => row.created_at.to_rfc3339(),
            SortField::UpdatedAt => row.updated_at.to_rfc3339(),
            SortField::Name => row.name.clone(),
            SortField::Status => row.status.clone(),
            SortField::Owner => row.owner_id.to_string(),
            SortField::Source => row.source.clone(),
            SortField::Industry => row.industry.clone(),
            SortField::City => row.city.clone(),
        }
    }

    /// A cursor value as a typed SQL value; None when it does not parse.
    fn sql_value(self, v: &str) -> Option<Value> {
        Some(match self {
            SortField::CreatedAt | SortField::UpdatedAt => {
                Value::from(DateTime::parse_from_rfc3339(v).ok()?.with_timezone(&Utc))
            }
            SortField::Owner => Value::from(v.parse::<Uuid>().ok()?),
            _ => Value::from(v.to_owned()),
        })
    }
}

/// Where a page starts: after the row with this sort value and id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cursor {
    /// Sort value of the last row of the previous page.
    pub v: String,
    /// Id of that row.
    pub id: Uuid,
}

impl Cursor {
    /// The cursor after `row` for `field`.
    pub fn after(row: &Model, field: SortField) -> Cursor {
        Cursor {
            v: field.value_of(row),
            id: row.id,
        }
    }

    /// Opaque URL-safe text.
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default())
    }

    /// Parses what [`Cursor::encode`] made; None for anything else.
    pub fn decode(text: &str) -> Option<Cursor> {
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(text).ok()?).ok()
    }

    /// `(col, id) > (v, id)` (or `<` for descending order); None when the value is malformed.
    pub fn condition(&self, field: SortField, order: &Order) -> Option<SimpleExpr> {
        let value = field.sql_value(&self.v)?;
        let left = Expr::tuple([Expr::col(field.column()), Expr::col(Column::Id)]);
        let right = Expr::tuple([Expr::val(value), Expr::val(self.id)]);
        Some(match order {
            Order::Desc => left.lt(right),
            _ => left.gt(right),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_names_parse_with_direction() {
        assert_eq!(
            SortField::parse("-created_at").map(|(f, _)| f),
            Some(SortField::CreatedAt)
        );
        assert!(matches!(
            SortField::parse("name"),
            Some((SortField::Name, Order::Asc))
        ));
        assert!(matches!(
            SortField::parse("-city"),
            Some((SortField::City, Order::Desc))
        ));
        assert!(SortField::parse("password").is_none());
    }

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let c = Cursor {
            v: "2026-01-01T00:00:00+00:00".into(),
            id: Uuid::now_v7(),
        };
        assert_eq!(Cursor::decode(&c.encode()), Some(c.clone()));
        assert_eq!(Cursor::decode("not-a-cursor"), None);
        assert!(c.condition(SortField::CreatedAt, &Order::Asc).is_some());
        assert!(
            c.condition(SortField::Owner, &Order::Asc).is_none(),
            "not a uuid"
        );
    }
}
