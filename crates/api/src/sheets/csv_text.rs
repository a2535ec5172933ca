//! CSV as Excel writes it: UTF-8 with or without a BOM, or UTF-16 (LE or BE, with a BOM);
//! comma, semicolon or tab between cells.

use encoding_rs::{UTF_8, UTF_16BE, UTF_16LE};

/// The file's text; `None` when it is not text in any of the accepted encodings.
pub fn decode(bytes: &[u8]) -> Option<String> {
    let (encoding, body) = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        (UTF_8, rest)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        (UTF_16LE, rest)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        (UTF_16BE, rest)
    } else if looks_utf16le(bytes) {
        (UTF_16LE, bytes)
    } else {
        (UTF_8, bytes)
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors || text.contains('\0') {
        return None;
    }
    Some(text.into_owned())
}

/// UTF-16 LE without a BOM: ASCII text with every other byte zero.
fn looks_utf16le(bytes: &[u8]) -> bool {
    bytes.len() >= 4
        && bytes.len().is_multiple_of(2)
        && bytes[1] == 0
        && bytes[3] == 0
        && bytes[0] != 0
}

/// The delimiter the header line uses most: `,`, `;` or tab (outside quotes).
pub fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|i| (counts[*i], usize::from(*i == 0)))
        .unwrap_or(0);
    [b',', b';', b'\t'][best]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_and_delimiters() {
        assert_eq!(decode(b"\xEF\xBB\xBFa,b").as_deref(), Some("a,b"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Tên\tĐT".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).as_deref(), Some("Tên\tĐT"));
        assert_eq!(decode(b"\xFF\x00\xC3"), None);
        assert_eq!(sniff_delimiter("a;b;c\n1,2;3"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter("\"x;y\",b"), b',');
    }
}
