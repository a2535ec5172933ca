//! Search keys: text folded so that case, diacritics and punctuation do not matter.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The search key of a text: lower-case, diacritics removed (`đ` counts as `d`), letters and
/// digits kept, everything else a single space, no space at either end.
///
/// `Nguyễn Văn Đạt` → `nguyen van dat`, whether typed precomposed or with combining marks.
/// Compatibility forms fold too (full-width `Ａ` → `a`). Letters without a plain Latin base
/// (Chinese, Cyrillic) are kept as they are, lower-cased. Applying it twice changes nothing.
pub fn search_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
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
            key.push(fold_letter(c));
        } else {
            pending_space = !key.is_empty();
        }
    }
    key
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

    #[test]
    fn folds_vietnamese() {
        assert_eq!(search_key("Nguyễn Văn Đạt"), "nguyen van dat");
        assert_eq!(search_key("ĐỖ  thị-Ánh"), "do thi anh");
        assert_eq!(search_key("\u{110}\u{1ea0}"), "da");
        assert_eq!(search_key("Ｎｇｕｙｅｎ ２"), "nguyen 2");
        assert_eq!(search_key(" ... "), "");
    }
}
