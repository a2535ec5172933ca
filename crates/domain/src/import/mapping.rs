//! Suggesting which field a spreadsheet column holds: the header equals a field's API name,
//! its Vietnamese or English label, or the template's "Vietnamese / English" header, ignoring
//! case, diacritics and punctuation.

use std::collections::BTreeMap;

use super::catalogue::FieldSpec;
use crate::value::search_key;

/// Common spellings of headers in files not made from the template.
const ALIASES: &[(&str, &str)] = &[
    ("so dien thoai", "phones"),
    ("sdt", "phones"),
    ("di dong", "phones"),
    ("mobile", "phones"),
    ("phone number", "phones"),
    ("phones", "phones"),
    ("e mail", "emails"),
    ("mail", "emails"),
    ("ho ten", "full_name"),
    ("ten day du", "full_name"),
    ("name", "full_name"),
    ("dia chi", "street"),
    ("address", "street"),
    ("thanh pho", "city"),
    ("tinh", "city"),
    ("ghi chu", "notes"),
    ("tags", "tags"),
    ("tag", "tags"),
];

/// The header the template and exports write for a field.
pub fn header_label(field: &FieldSpec) -> String {
    if field.label_vi == field.label_en {
        field.label_vi.clone()
    } else {
        format!("{} / {}", field.label_vi, field.label_en)
    }
}

/// For each header that names a field, that field's name; each field is suggested once, for
/// its first header.
pub fn suggest(headers: &[String], fields: &[FieldSpec]) -> BTreeMap<String, String> {
    let mut keys: Vec<(String, &str)> = Vec::new();
    for f in fields {
        for text in [
            f.name.as_str(),
            f.label_vi.as_str(),
            f.label_en.as_str(),
            &header_label(f),
        ] {
            keys.push((search_key(text), f.name.as_str()));
        }
        if let Some(key) = f.name.strip_prefix("custom.") {
            keys.push((search_key(key), f.name.as_str()));
        }
    }
    let known = |name: &str| fields.iter().any(|f| f.name == name);
    let mut out = BTreeMap::new();
    for header in headers {
        let folded = search_key(header);
        if folded.is_empty() {
            continue;
        }
        let found = keys
            .iter()
            .find(|(k, _)| *k == folded)
            .map(|(_, name)| *name)
            .or_else(|| {
                ALIASES
                    .iter()
                    .find(|(alias, name)| *alias == folded && known(name))
                    .map(|(_, name)| *name)
            });
        if let Some(name) = found
            && !out.values().any(|v: &String| v == name)
        {
            out.insert(header.clone(), name.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::catalogue;
    use crate::kind::RecordKind;

    #[test]
    fn headers_match_names_and_labels_in_either_language() {
        let fields = catalogue(RecordKind::Lead, &[]);
        let headers: Vec<String> = [
            "Điện thoại",
            "TÊN",
            "last_name",
            "E-mail",
            "Ngày sinh / Birthday",
            "Whatever",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let m = suggest(&headers, &fields);
        assert_eq!(m["Điện thoại"], "phones");
        assert_eq!(m["TÊN"], "first_name");
        assert_eq!(m["last_name"], "last_name");
        assert_eq!(m["E-mail"], "emails");
        assert_eq!(m["Ngày sinh / Birthday"], "birthday");
        assert!(!m.contains_key("Whatever"));
        for h in ["dien thoai", "Phone", "PHONE"] {
            let m = suggest(&[h.to_owned()], &fields);
            assert_eq!(m[h], "phones", "{h}");
        }
    }

    #[test]
    fn template_headers_map_back_to_their_fields() {
        for kind in RecordKind::ALL {
            let fields = catalogue(kind, &[]);
            let headers: Vec<String> = fields.iter().map(header_label).collect();
            let m = suggest(&headers, &fields);
            for (h, f) in headers.iter().zip(&fields) {
                assert_eq!(m.get(h), Some(&f.name), "{kind:?} {h}");
            }
        }
    }
}
