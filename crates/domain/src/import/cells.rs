//! Reading and writing cell text: lists in one cell, and neutralising what a spreadsheet
//! would run as a formula.

/// The items of a multi-valued cell, split on `,`, `;`, `|` and line breaks, trimmed.
pub fn split_list(cell: &str) -> Vec<String> {
    cell.split([',', ';', '|', '\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Text a spreadsheet would read as a formula (`= + - @` first) gets a leading `'`.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// Undoes [`neutralise`]: a `'` before `= + - @` is dropped.
pub fn unquote(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_read_back() {
        for t in ["=1+1", "+84912345678", "-5", "@SUM(A1)"] {
            assert_eq!(neutralise(t), format!("'{t}"));
            assert_eq!(unquote(&neutralise(t)), t);
        }
        assert_eq!(neutralise("An"), "An");
        assert_eq!(unquote("'quoted"), "'quoted");
        assert_eq!(
            split_list(" a@x.vn; b@x.vn,\n c@x.vn "),
            ["a@x.vn", "b@x.vn", "c@x.vn"]
        );
    }
}
