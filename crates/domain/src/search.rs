//! What a record's text search looks at, and how a user's search box text becomes needles.
//!
//! A record's search document is its folded name, company and emails followed by the digits of
//! its phones (international without `+`, and national), so one substring index serves names,
//! companies, emails and phone numbers written in any format. Every word of it follows a space
//! (the first one too), so a typed word is looked for where a word starts: ` uyen` finds
//! "Uyên" but not each of the 400,000 "Nguyễn"s, ` an` finds "An" and "Anh" but not "Thanh" —
//! and the space makes even a two-letter word three characters the trigram indexes can look
//! up. Digits are looked for anywhere, so the last digits of a phone number find it.

use crate::value::{Country, Phone, PhoneQuery, search_key};

/// The folded text a record is found by.
pub fn search_document(
    display_name: &str,
    company: Option<&str>,
    emails: &[&str],
    phones: &[&Phone],
) -> String {
    let mut doc = document_start(&search_key(display_name));
    for part in company.into_iter().chain(emails.iter().copied()) {
        let folded = search_key(part);
        if !folded.is_empty() {
            doc.push(' ');
            doc.push_str(&folded);
        }
    }
    for phone in phones {
        doc.push(' ');
        doc.push_str(phone.as_e164().trim_start_matches('+'));
        let national: String = phone
            .national()
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        if !national.is_empty() && !doc.ends_with(&national) {
            doc.push(' ');
            doc.push_str(&national);
        }
    }
    doc
}

/// How the search document of a record whose folded name is `folded_name` begins (the name
/// itself follows a space): lookups of records by exact name narrow by it.
pub fn document_start(folded_name: &str) -> String {
    format!(" {folded_name}")
}

/// The substrings a search box text must all find in a search document.
///
/// Text that reads as a phone number (or a fragment of one) becomes one needle of digits in
/// the stored international form, so `0381234567`, `+84 381 234 567` and the pre-2018
/// `0168 123 4567` all find the same record. Other text becomes its folded words, each of
/// which must start a word of the document (in any order).
pub fn search_needles(q: &str, country: Country) -> Vec<String> {
    let trimmed = q.trim();
    if let Some(phone) = whole_phone(trimmed, country) {
        return vec![phone.as_e164().trim_start_matches('+').to_owned()];
    }
    if looks_like_phone(trimmed) {
        match PhoneQuery::parse(trimmed, country) {
            Some(PhoneQuery::Prefix(p)) => return vec![p.trim_start_matches('+').to_owned()],
            Some(PhoneQuery::Digits(d)) => return vec![d],
            None => {}
        }
    }
    word_needles(&search_key(trimmed))
}

/// The needles of folded text's words, each required: a word as the start of a word, a
/// number (digits only) anywhere; a needle another one holds adds nothing and is left out.
pub fn word_needles(folded: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in folded.split_whitespace() {
        let needle = if word.chars().all(|c| c.is_ascii_digit()) {
            word.to_owned()
        } else {
            format!(" {word}")
        };
        if !words.iter().any(|w| w.contains(needle.as_str())) {
            words.retain(|w| !needle.contains(w.as_str()));
            words.push(needle);
        }
    }
    words
}

/// The number a search box text names whole, in any spelling (`0381234567`,
/// `+84 381 234 567`, the pre-2018 `0168 123 4567`): such a search looks the number up among
/// the records' phones rather than as text.
pub fn whole_phone(q: &str, country: Country) -> Option<Phone> {
    let trimmed = q.trim();
    if looks_like_phone(trimmed) {
        Phone::parse(trimmed, country).ok()
    } else {
        None
    }
}

fn looks_like_phone(q: &str) -> bool {
    let digits = q.chars().filter(char::is_ascii_digit).count();
    digits >= 3
        && q.chars()
            .all(|c| c.is_ascii_digit() || " +-.()".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vn(s: &str) -> Phone {
        Phone::parse(s, Country::VN).unwrap()
    }

    #[test]
    fn document_holds_folded_text_and_phone_digits() {
        let p = vn("0168 123 4567");
        let doc = search_document(
            "Nguyễn Văn Đạt",
            Some("Công ty ABC"),
            &["Dat@ABC.vn"],
            &[&p],
        );
        assert!(
            doc.starts_with(" nguyen van dat cong ty abc dat abc vn"),
            "{doc}"
        );
        assert!(doc.contains("84381234567"));
        assert!(doc.contains("0381234567"));
    }

    #[test]
    fn phone_spellings_become_the_same_needle() {
        for q in [
            "0381234567",
            "+84 381 234 567",
            "0168 123 4567",
            "(+84) 38-123-4567",
        ] {
            assert_eq!(search_needles(q, Country::VN), ["84381234567"], "{q}");
        }
    }

    #[test]
    fn a_whole_number_is_told_from_a_fragment_and_from_words() {
        for q in ["0381234567", " +84 381 234 567 ", "0168 123 4567"] {
            assert_eq!(
                whole_phone(q, Country::VN).map(|p| p.as_e164().to_owned()),
                Some("+84381234567".to_owned()),
                "{q}"
            );
        }
        for q in ["2345", "0912", "nguyen van an", "an 0912345678", ""] {
            assert!(whole_phone(q, Country::VN).is_none(), "{q}");
        }
    }

    #[test]
    fn words_are_folded_deduplicated_and_order_free() {
        // A word is looked for at a word's start: "an" is not the "an" inside "van".
        assert_eq!(
            search_needles("Nguyễn  Văn An", Country::VN),
            [" nguyen", " van", " an"]
        );
        assert_eq!(search_needles("An Nguyễn", Country::VN), [" an", " nguyen"]);
        assert_eq!(search_needles("an an", Country::VN), [" an"]);
        // A word that starts another adds nothing.
        assert_eq!(search_needles("nguyen ngu", Country::VN), [" nguyen"]);
        assert_eq!(search_needles("ngu nguyen", Country::VN), [" nguyen"]);
        // "guyen" does not start "nguyen": both stay.
        assert_eq!(
            search_needles("nguyen guyen", Country::VN),
            [" nguyen", " guyen"]
        );
        // Digits beside words are looked for anywhere.
        assert_eq!(search_needles("an 4567", Country::VN), [" an", "4567"]);
        assert_eq!(search_needles("  ", Country::VN), Vec::<String>::new());
    }

    #[test]
    fn a_document_matches_when_every_needle_occurs() {
        let doc = search_document("Nguyễn Văn An", None, &[], &[&vn("0912345678")]);
        for q in [
            "nguyen van an",
            "van nguyen",
            "NGUYỄN",
            "0912345678",
            "+84912345678",
            "2345",
        ] {
            assert!(
                search_needles(q, Country::VN)
                    .iter()
                    .all(|n| doc.contains(n.as_str())),
                "{q}"
            );
        }
        for q in ["tran", "nguyen van bình", "uy", "guyen", "uyen", "45679 an"] {
            assert!(
                !search_needles(q, Country::VN)
                    .iter()
                    .all(|n| doc.contains(n.as_str())),
                "{q}"
            );
        }
    }

    #[test]
    fn a_word_matches_where_a_word_starts() {
        let matches = |name: &str, q: &str| {
            let doc = search_document(name, None, &[], &[]);
            search_needles(q, Country::VN)
                .iter()
                .all(|n| doc.contains(n.as_str()))
        };
        assert!(matches("Lê Văn Tám", "le"), "the first word too");
        assert!(matches("Nguyễn Thị Anh", "an"), "the start of a word");
        assert!(matches("Hà Vy", "vy ha"));
        assert!(!matches("Trần Thanh Lan", "an"), "not inside a word");
        assert!(!matches("Nguyễn Văn Bình", "nguyen van an"));
        assert!(matches("Bùi Thị Uyên", "uyen"));
        assert!(!matches("Nguyễn Thị Hoa", "uyen"), "not inside Nguyễn");
        assert!(matches("Hoàng Minh", "hoa"), "a word's beginning");
        assert!(!matches("Đỗ Đăng Khoa", "hoa"), "not its end");
    }

    #[test]
    fn emails_and_companies_are_found_by_their_words() {
        let p = vn("0912345678");
        let doc = search_document(
            "Lê Thu",
            Some("Công ty Sen Việt"),
            &["thu.le85@gmail.com"],
            &[&p],
        );
        let finds = |q: &str| {
            search_needles(q, Country::VN)
                .iter()
                .all(|n| doc.contains(n.as_str()))
        };
        for q in [
            "gmail", "thu le85", "sen viet", "cong ty", "345678", "le 5678",
        ] {
            assert!(finds(q), "{q}");
        }
        for q in ["mail", "ietnam", "ty sen viet abc"] {
            assert!(!finds(q), "{q}");
        }
    }
}
