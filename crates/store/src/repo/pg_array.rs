//! PostgreSQL array literals, to send thousands of values as one parameter: a statement
//! with one parameter per value makes PostgreSQL parse, bind and plan each of them.

use chrono::SecondsFormat;
use sea_orm::Value;

/// Appends `s` as a quoted array element: `"` and `\` escaped.
fn push_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

/// An array literal of `elements` (None for NULL).
fn literal<S: AsRef<str>>(elements: impl IntoIterator<Item = Option<S>>) -> String {
    let mut out = String::from("{");
    for (i, e) in elements.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match e {
            Some(text) => push_quoted(&mut out, text.as_ref()),
            None => out.push_str("NULL"),
        }
    }
    out.push('}');
    out
}

/// `values` as a `text[]` literal.
pub(crate) fn text_array(values: &[String]) -> String {
    literal(values.iter().map(Some))
}

/// A value's text in an array literal (None for NULL) and the PostgreSQL type of its array;
/// `Err` for a kind of value this does not write.
fn element(v: &Value) -> Result<(Option<String>, &'static str), ()> {
    Ok(match v {
        Value::Bool(b) => (b.map(|b| if b { "t" } else { "f" }.to_owned()), "bool"),
        Value::SmallInt(n) => (n.map(|n| n.to_string()), "int2"),
        Value::Int(n) => (n.map(|n| n.to_string()), "int4"),
        Value::BigInt(n) => (n.map(|n| n.to_string()), "int8"),
        Value::String(s) => (s.clone(), "text"),
        Value::Uuid(u) => (u.map(|u| u.to_string()), "uuid"),
        Value::Json(j) => (j.as_ref().map(|j| j.to_string()), "jsonb"),
        Value::ChronoDate(d) => (d.map(|d| d.format("%Y-%m-%d").to_string()), "date"),
        Value::ChronoDateTimeUtc(t) => (
            t.map(|t| t.to_rfc3339_opts(SecondsFormat::Micros, true)),
            "timestamptz",
        ),
        Value::ChronoDateTimeWithTimeZone(t) => (
            t.map(|t| t.to_rfc3339_opts(SecondsFormat::Micros, true)),
            "timestamptz",
        ),
        Value::Decimal(d) => (d.map(|d| d.to_string()), "numeric"),
        _ => return Err(()),
    })
}

/// One column's values as an array literal and the array's type (`uuid[]`); None when a
/// value is of a kind this does not write.
pub(crate) fn column_array<'a>(
    values: impl Iterator<Item = &'a Value>,
) -> Option<(String, String)> {
    let mut kind = None;
    let mut texts = Vec::new();
    for v in values {
        let (text, ty) = element(v).ok()?;
        kind = Some(ty);
        texts.push(text);
    }
    Some((literal(texts), format!("{}[]", kind?)))
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};
    use uuid::Uuid;

    use super::*;

    #[test]
    fn text_arrays_quote_and_escape_every_element() {
        let values = ["+84912345678", "a\"b@x.vn", "c\\d", ""].map(String::from);
        assert_eq!(
            text_array(&values),
            r#"{"+84912345678","a\"b@x.vn","c\\d",""}"#
        );
        assert_eq!(text_array(&[]), "{}");
    }

    #[test]
    fn columns_keep_nulls_and_write_each_type_as_postgres_reads_it() {
        let id = Uuid::nil();
        let at = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let cases: Vec<(Vec<Value>, &str, &str)> = vec![
            (
                vec![Value::from(id), Value::Uuid(None)],
                r#"{"00000000-0000-0000-0000-000000000000",NULL}"#,
                "uuid[]",
            ),
            (
                vec![Value::from("Nguyễn \"An\""), Value::String(None)],
                r#"{"Nguyễn \"An\"",NULL}"#,
                "text[]",
            ),
            (
                vec![Value::from(serde_json::json!({"a": "x\\y"}))],
                r#"{"{\"a\":\"x\\\\y\"}"}"#,
                "jsonb[]",
            ),
            (
                vec![Value::from(at)],
                r#"{"2026-01-02T03:04:05.000000Z"}"#,
                "timestamptz[]",
            ),
            (
                vec![Value::from(NaiveDate::from_ymd_opt(1990, 5, 17).unwrap())],
                r#"{"1990-05-17"}"#,
                "date[]",
            ),
            (
                vec![Value::from(7_i64), Value::from(-1_i64)],
                r#"{"7","-1"}"#,
                "int8[]",
            ),
            (
                vec![Value::from(true), Value::Bool(None)],
                r#"{"t",NULL}"#,
                "bool[]",
            ),
        ];
        for (values, literal, ty) in cases {
            let (got, got_ty) = column_array(values.iter()).unwrap();
            assert_eq!((got.as_str(), got_ty.as_str()), (literal, ty));
        }
    }

    #[test]
    fn an_unwritable_kind_of_value_is_refused() {
        assert!(column_array([Value::Bytes(Some(vec![1]))].iter()).is_none());
    }
}
