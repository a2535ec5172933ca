//! Search keys: text folded so that case, diacritics and punctuation do not matter.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// The search key of a text: lower-case, diacritics removed (`đ` counts as `d`), letters and
/// digits kept, everything else a single space, no space at either end.
///
/// `Nguyễn Văn Đạt` → `nguyen van dat`, whether typed precomposed or with combining marks.
/// Compatibility forms fold too (full-width `Ａ` → `a`). Letters without a plain Latin base
/// (Chinese, Cyrillic) are kept as they are, lower-cased. Applying it twice changes nothing.
///
/// Each character is decomposed (NFKD), lower-cased and decomposed again on its own, its
/// combining marks dropped. Normalising the whole text would also put each run of marks in
/// canonical order, but every character that reordering moves is a mark, and marks are
/// dropped (a test checks both over the whole of Unicode); the text's iterators cost 60 % of
/// a key, which every record write and every imported row computes.
pub fn search_key(text: &str) -> String {
    let mut key = Key {
        text: String::with_capacity(text.len()),
        pending_space: false,
    };
    for c in text.chars() {
        if c.is_ascii() {
            key.push(c.to_ascii_lowercase());
            continue;
        }
        decompose_compatible(c, |d| {
            for lower in d.to_lowercase() {
                decompose_compatible(lower, |e| {
                    if !is_combining_mark(e) {
                        key.push(e);
                    }
                });
            }
        });
    }
    key.text
}

/// A search key being written.
struct Key {
    text: String,
    pending_space: bool,
}

impl Key {
    fn push(&mut self, c: char) {
        if c.is_alphanumeric() {
            if self.pending_space {
                self.text.push(' ');
                self.pending_space = false;
            }
            self.text.push(fold_letter(c));
        } else {
            self.pending_space = !self.text.is_empty();
        }
    }
}

/// Letters that do not decompose into a base and a mark but read as one.
fn fold_letter(c: char) -> char {
    match c {
        // đ (Vietnamese), and ð, which is often typed for Đ by mistake.
        'đ' | 'ð' => 'd',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::search_key;

    /// The key as the whole text normalised gives it (the definition the shortcut keeps).
    fn by_whole_text(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        use unicode_normalization::char::is_combining_mark;
        let mut key = String::new();
        let mut pending_space = false;
        for c in text.nfkd().flat_map(char::to_lowercase).nfkd() {
            if is_combining_mark(c) {
                continue;
            }
            if c.is_alphanumeric() {
                if pending_space {
                    key.push(' ');
                    pending_space = false;
                }
                key.push(super::fold_letter(c));
            } else {
                pending_space = !key.is_empty();
            }
        }
        key
    }

    #[test]
    fn only_marks_are_reordered_by_normalisation() {
        use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
        for c in (0..=0x10_FFFF_u32).filter_map(char::from_u32) {
            assert!(
                canonical_combining_class(c) == 0 || is_combining_mark(c),
                "{c:?} is reordered but kept"
            );
        }
    }

    #[test]
    fn folds_each_character_as_the_whole_text_does() {
        // Every character up to the end of the supplementary planes' letters, between
        // letters, after marks and in runs of marks.
        for c in (0..=0x2_FFFF_u32).filter_map(char::from_u32) {
            for text in [
                format!("a{c}b"),
                format!("{c}\u{301}\u{323}x"),
                format!("e\u{323}\u{302}{c}\u{301}"),
            ] {
                assert_eq!(search_key(&text), by_whole_text(&text), "{text:?}");
            }
        }
        for text in [
            "Nguyễn Văn Đạt",
            "NGUYỄN  thị-Ánh",
            "İstanbul ǅemal ﬁ ㎏ 한국어",
        ] {
            assert_eq!(search_key(text), by_whole_text(text));
        }
    }

    #[test]
    fn folds_vietnamese() {
        assert_eq!(search_key("Nguyễn Văn Đạt"), "nguyen van dat");
        assert_eq!(search_key("ĐỖ  thị-Ánh"), "do thi anh");
        assert_eq!(search_key("\u{110}\u{1ea0}"), "da");
        assert_eq!(search_key("Ｎｇｕｙｅｎ ２"), "nguyen 2");
        assert_eq!(search_key(" ... "), "");
    }
}
