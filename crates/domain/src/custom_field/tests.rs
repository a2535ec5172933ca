//! Table-driven checks of `validate_custom`: every type, every failure, full and partial.

use serde_json::{Value, json};

use super::*;

fn def(key: &str, field_type: FieldType, required: bool, options: &[&str]) -> CustomFieldDef {
    CustomFieldDef {
        key: key.into(),
        field_type,
        required,
        options: options.iter().map(|o| (*o).to_owned()).collect(),
    }
}

fn defs() -> Vec<CustomFieldDef> {
    vec![
        def("cccd", FieldType::Text, true, &[]),
        def("note", FieldType::Text, false, &[]),
        def("budget", FieldType::Number, false, &[]),
        def("issued", FieldType::Date, false, &[]),
        def("vip", FieldType::Bool, false, &[]),
        def("tier", FieldType::Select, false, &["gold", "silver"]),
        def(
            "channels",
            FieldType::MultiSelect,
            false,
            &["zalo", "email", "sms"],
        ),
    ]
}

fn run(values: Value, partial: bool) -> Result<Value, Vec<(String, &'static str)>> {
    let Value::Object(map) = values else {
        panic!("values must be an object")
    };
    validate_custom(&defs(), &map, partial)
        .map(Value::Object)
        .map_err(|errors| {
            let mut pairs: Vec<_> = errors.into_iter().map(|e| (e.key, e.code)).collect();
            pairs.sort();
            pairs
        })
}

#[test]
fn accepts_and_normalises_every_type() {
    let cases = [
        (json!({"cccd": "  001 "}), json!({"cccd": "001"})),
        (
            json!({"cccd": "x", "note": "a\nb"}),
            json!({"cccd": "x", "note": "a\nb"}),
        ),
        (
            json!({"cccd": "x", "budget": 1500}),
            json!({"cccd": "x", "budget": 1500}),
        ),
        (
            json!({"cccd": "x", "budget": 2.5}),
            json!({"cccd": "x", "budget": 2.5}),
        ),
        (
            json!({"cccd": "x", "budget": " 1500 "}),
            json!({"cccd": "x", "budget": 1500}),
        ),
        (
            json!({"cccd": "x", "budget": "-2.5"}),
            json!({"cccd": "x", "budget": -2.5}),
        ),
        (
            json!({"cccd": "x", "issued": "31/12/2024"}),
            json!({"cccd": "x", "issued": "2024-12-31"}),
        ),
        (
            json!({"cccd": "x", "issued": "2024-02-29"}),
            json!({"cccd": "x", "issued": "2024-02-29"}),
        ),
        (
            json!({"cccd": "x", "issued": "5-3-2021"}),
            json!({"cccd": "x", "issued": "2021-03-05"}),
        ),
        (
            json!({"cccd": "x", "vip": false}),
            json!({"cccd": "x", "vip": false}),
        ),
        (
            json!({"cccd": "x", "tier": "gold"}),
            json!({"cccd": "x", "tier": "gold"}),
        ),
        (
            json!({"cccd": "x", "channels": ["sms", "zalo"]}),
            json!({"cccd": "x", "channels": ["sms", "zalo"]}),
        ),
        // Empty values are left out of a complete custom object.
        (
            json!({"cccd": "x", "note": "  ", "budget": null, "tier": "", "channels": []}),
            json!({"cccd": "x"}),
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(run(input.clone(), false), Ok(expected), "{input}");
    }
}

#[test]
fn refuses_each_failure_with_its_code() {
    let long = "x".repeat(TEXT_MAX + 1);
    let cases = [
        (
            json!({"cccd": "x", "colour": "red"}),
            "colour",
            "unknown_field",
        ),
        (json!({"cccd": 5}), "cccd", "invalid_type"),
        (json!({"cccd": long}), "cccd", "too_long"),
        (
            json!({"cccd": "x", "budget": "abc"}),
            "budget",
            "invalid_type",
        ),
        (
            json!({"cccd": "x", "budget": "1,5"}),
            "budget",
            "invalid_type",
        ),
        (
            json!({"cccd": "x", "budget": "NaN"}),
            "budget",
            "invalid_type",
        ),
        (
            json!({"cccd": "x", "budget": true}),
            "budget",
            "invalid_type",
        ),
        (
            json!({"cccd": "x", "issued": "31/02/2024"}),
            "issued",
            "invalid_date",
        ),
        (
            json!({"cccd": "x", "issued": "1990"}),
            "issued",
            "invalid_date",
        ),
        (
            json!({"cccd": "x", "issued": 45292}),
            "issued",
            "invalid_type",
        ),
        (json!({"cccd": "x", "vip": "true"}), "vip", "invalid_type"),
        (json!({"cccd": "x", "vip": 1}), "vip", "invalid_type"),
        (
            json!({"cccd": "x", "tier": "bronze"}),
            "tier",
            "invalid_option",
        ),
        (json!({"cccd": "x", "tier": 1}), "tier", "invalid_type"),
        (
            json!({"cccd": "x", "tier": ["gold"]}),
            "tier",
            "invalid_type",
        ),
        (
            json!({"cccd": "x", "channels": "zalo"}),
            "channels",
            "invalid_type",
        ),
        (
            json!({"cccd": "x", "channels": [1]}),
            "channels",
            "invalid_type",
        ),
        (
            json!({"cccd": "x", "channels": ["zalo", "fax"]}),
            "channels",
            "invalid_option",
        ),
        (
            json!({"cccd": "x", "channels": ["zalo", "zalo"]}),
            "channels",
            "duplicate_value",
        ),
        (json!({}), "cccd", "required"),
        (json!({"cccd": null}), "cccd", "required"),
        (json!({"cccd": "   "}), "cccd", "required"),
    ];
    for (input, key, code) in cases {
        assert_eq!(
            run(input.clone(), false),
            Err(vec![(key.to_owned(), code)]),
            "{input}"
        );
    }
}

#[test]
fn partial_checks_only_present_keys_and_keeps_clears() {
    assert_eq!(run(json!({}), true), Ok(json!({})));
    assert_eq!(run(json!({"budget": "7"}), true), Ok(json!({"budget": 7})));
    assert_eq!(
        run(json!({"note": null, "channels": []}), true),
        Ok(json!({"note": null, "channels": null}))
    );
    let required = Err(vec![("cccd".to_owned(), "required")]);
    assert_eq!(run(json!({"cccd": null}), true), required);
    assert_eq!(run(json!({"cccd": ""}), true), required);
    assert_eq!(
        run(json!({"nope": 1}), true),
        Err(vec![("nope".to_owned(), "unknown_field")])
    );
}

#[test]
fn reports_every_failure_at_once_with_a_sentence() {
    let values = json!({"budget": "x", "tier": "y"});
    let Value::Object(map) = values else {
        unreachable!()
    };
    let errors = validate_custom(&defs(), &map, false).unwrap_err();
    let mut codes: Vec<_> = errors.iter().map(|e| (e.key.as_str(), e.code)).collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            ("budget", "invalid_type"),
            ("cccd", "required"),
            ("tier", "invalid_option")
        ]
    );
    assert!(
        errors.iter().all(|e| e.message.ends_with('.')),
        "{errors:?}"
    );
}

#[test]
fn field_type_spellings_round_trip() {
    for t in FieldType::ALL {
        assert_eq!(FieldType::parse(t.as_str()), Some(t));
        assert_eq!(serde_json::to_value(t).unwrap(), json!(t.as_str()));
    }
    assert_eq!(FieldType::parse("multi-select"), None);
    assert!(FieldType::MultiSelect.has_options() && !FieldType::Date.has_options());
}
