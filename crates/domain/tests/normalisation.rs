//! Table-driven normalisation tests: every accepted spelling and every rejection of §6.

use sen_domain::value::{
    Country, Date, Email, PersonName, Phone, PhoneQuery, ValueError, display_name, parse_date,
    search_key, unique_emails, unique_phones,
};

/// Runs `check` over a table and fails once, listing every row that went wrong.
fn table<T: std::fmt::Debug>(rows: &[T], check: impl Fn(&T) -> Result<(), String>) {
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|row| check(row).err().map(|why| format!("{row:?}: {why}")))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

fn vn(input: &str) -> Result<Phone, ValueError> {
    Phone::parse(input, Country::VN)
}

fn expect_phone(input: &str, e164: &str) -> Result<(), String> {
    let phone = vn(input).map_err(|e| e.to_string())?;
    if phone.as_e164() != e164 {
        return Err(format!("got {}", phone.as_e164()));
    }
    if vn(phone.as_e164()).as_ref() != Ok(&phone) {
        return Err("E.164 form does not parse back to itself".into());
    }
    Ok(())
}

#[test]
fn phone_spellings() {
    const ROWS: &[(&str, &str)] = &[
        // Today's mobiles, in every way people write them.
        ("0912 345 678", "+84912345678"),
        ("0912.345.678", "+84912345678"),
        ("0912-345-678", "+84912345678"),
        ("0912345678", "+84912345678"),
        ("091 234 56 78", "+84912345678"),
        ("+84 912345678", "+84912345678"),
        ("+84912345678", "+84912345678"),
        ("84912345678", "+84912345678"),
        ("(+84) 91-234-5678", "+84912345678"),
        ("0084912345678", "+84912345678"),
        ("0084 912 345 678", "+84912345678"),
        ("+84 (0) 912 345 678", "+84912345678"),
        ("912345678", "+84912345678"),
        ("\t0912\u{a0}345\u{a0}678 ", "+84912345678"),
        ("0912\u{2013}345\u{2013}678", "+84912345678"),
        ("0381234567", "+84381234567"),
        ("0868 123 456", "+84868123456"),
        ("0523 123 456", "+84523123456"),
        ("0559 123 456", "+84559123456"),
        ("0878 123 456", "+84878123456"),
        ("0996 123 456", "+84996123456"),
        ("0706 123 456", "+84706123456"),
        // Landlines.
        ("028 3822 1234", "+842838221234"),
        ("+84 24 3826 1234", "+842438261234"),
        ("0236 3821 234", "+842363821234"),
        // Foreign numbers with their country code.
        ("+1 415 555 2671", "+14155552671"),
        ("+1 (415) 555-2671", "+14155552671"),
        ("+44 20 7946 0958", "+442079460958"),
        ("0044 20 7946 0958", "+442079460958"),
        ("+33 1 42 68 53 00", "+33142685300"),
        ("+65 6123 4567", "+6561234567"),
        ("+86 138 0013 8000", "+8613800138000"),
        ("+81 90-1234-5678", "+819012345678"),
    ];
    table(ROWS, |(input, e164)| expect_phone(input, e164));
}

/// Every pre-2018 11-digit mobile prefix, each in a different written form.
#[test]
fn legacy_mobiles_are_renumbered() {
    const ROWS: &[(&str, &str)] = &[
        ("0162 123 4567", "+84321234567"),
        ("01631234567", "+84331234567"),
        ("+84 164 123 4567", "+84341234567"),
        ("84 165 123 4567", "+84351234567"),
        ("0166.123.4567", "+84361234567"),
        ("(+84) 167-123-4567", "+84371234567"),
        ("0168-123-4567", "+84381234567"),
        ("00841691234567", "+84391234567"),
        ("0120 123 4567", "+84701234567"),
        ("+841211234567", "+84791234567"),
        ("(0122) 123 4567", "+84771234567"),
        ("0126 1234567", "+84761234567"),
        ("+84 (0) 128 123 4567", "+84781234567"),
        ("0123 456 7890", "+84834567890"),
        ("1241234567", "+84841234567"),
        ("84-125-123-4567", "+84851234567"),
        ("0127.123.4567", "+84811234567"),
        ("0084 129 123 4567", "+84821234567"),
        ("0186 123 4567", "+84561234567"),
        ("+84 188 123 4567", "+84581234567"),
        ("0199 123 4567", "+84591234567"),
    ];
    table(ROWS, |(input, e164)| expect_phone(input, e164));
}

/// The same renumbering under every written form: 21 prefixes × 8 spellings.
#[test]
fn legacy_mobiles_in_every_written_form() {
    const MAP: &[(&str, &str)] = &[
        ("162", "32"),
        ("163", "33"),
        ("164", "34"),
        ("165", "35"),
        ("166", "36"),
        ("167", "37"),
        ("168", "38"),
        ("169", "39"),
        ("120", "70"),
        ("121", "79"),
        ("122", "77"),
        ("126", "76"),
        ("128", "78"),
        ("123", "83"),
        ("124", "84"),
        ("125", "85"),
        ("127", "81"),
        ("129", "82"),
        ("186", "56"),
        ("188", "58"),
        ("199", "59"),
    ];
    let mut rows = Vec::new();
    for (old, new) in MAP {
        let e164 = format!("+84{new}9876543");
        for spelling in [
            format!("0{old}9876543"),
            format!("0{old} 987 6543"),
            format!("0{old}.987.6543"),
            format!("+84{old}9876543"),
            format!("+84 {old} 987 6543"),
            format!("84{old}9876543"),
            format!("0084{old}9876543"),
            format!("(+84) {old}-987-6543"),
        ] {
            rows.push((spelling, e164.clone()));
        }
    }
    table(&rows, |(input, e164)| expect_phone(input, e164));
}

#[test]
fn invalid_phones() {
    const ROWS: &[&str] = &[
        "",
        "   ",
        "0912",
        "12345",
        "091234567",
        "09123456789",
        "0912 345 67a",
        "abc",
        "0912 345 678 ext 12",
        "++84912345678",
        "+84",
        "+84 912",
        "+84 912 345 678 9",
        "84",
        "0162 123 456",
        "01001234567",
        "0912345678 / 0987654321",
        "+999 123 456 789",
        "+1 415 555 267",
        "0000000000",
        "091-234-567-8-9-0",
        "0912 345 678 #",
    ];
    table(ROWS, |input| match vn(input) {
        Ok(phone) => Err(format!("accepted as {}", phone.as_e164())),
        Err(err) if err.code() == "invalid_phone" => Ok(()),
        Err(err) => Err(format!("wrong code {}", err.code())),
    });
}

#[test]
fn phone_search_finds_any_spelling() {
    let stored = vn("0381234567").unwrap();
    const HITS: &[&str] = &[
        "0381234567",
        "+84 381 234 567",
        "0168 123 4567",
        "84381234567",
        "038",
        "038 123",
        "0168 12",
        "+84 38",
        "234 567",
        "1234567",
    ];
    table(HITS, |fragment| {
        match PhoneQuery::parse(fragment, Country::VN) {
            Some(query) if query.matches(stored.as_e164()) => Ok(()),
            other => Err(format!("{other:?} misses {}", stored.as_e164())),
        }
    });
    const MISSES: &[&str] = &["0912", "+84 39", "0169", "7654"];
    table(MISSES, |fragment| {
        match PhoneQuery::parse(fragment, Country::VN) {
            Some(query) if query.matches(stored.as_e164()) => Err(format!("{query:?} hits")),
            _ => Ok(()),
        }
    });
}

#[test]
fn repeated_phones_in_one_record() {
    let errors = unique_phones(
        [
            ("0912345678", "mobile"),
            ("0381234567", "home"),
            ("+84 912 345 678", "work"),
            ("0912", "x"),
        ],
        Country::VN,
    )
    .unwrap_err();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0], (2, ValueError::DuplicateValue { first: 0 }));
    assert_eq!(errors[0].1.code(), "duplicate_value");
    assert_eq!((errors[1].0, errors[1].1.code()), (3, "invalid_phone"));
    // The old and new forms of a renumbered mobile are one number too.
    let errors =
        unique_phones([("0168 123 4567", ()), ("0381234567", ())], Country::VN).unwrap_err();
    assert_eq!(errors, [(1, ValueError::DuplicateValue { first: 0 })]);
}

#[test]
fn emails() {
    const VALID: &[(&str, &str)] = &[
        ("an@example.vn", "an@example.vn"),
        ("An.Nguyen@Example.COM.VN", "an.nguyen@example.com.vn"),
        ("  an@example.vn\t", "an@example.vn"),
        ("AN+crm@GMAIL.com", "an+crm@gmail.com"),
        (
            "o'brien_x-y@sub.example.co.uk",
            "o'brien_x-y@sub.example.co.uk",
        ),
        ("a@b.co", "a@b.co"),
        ("user@xn--vi-dxa.vn", "user@xn--vi-dxa.vn"),
        ("user@ví-dụ.vn", "user@ví-dụ.vn"),
    ];
    table(VALID, |(input, stored)| {
        let email = Email::parse(input).map_err(|e| e.to_string())?;
        if email.as_str() != *stored {
            return Err(format!("got {email}"));
        }
        (Email::parse(email.as_str()) == Ok(email))
            .then_some(())
            .ok_or("not idempotent".into())
    });
    const INVALID: &[&str] = &[
        "",
        "an",
        "an@",
        "@example.vn",
        "an@example",
        "an@@example.vn",
        "an@ex@ample.vn",
        "an nguyen@example.vn",
        "an@exa mple.vn",
        ".an@example.vn",
        "an.@example.vn",
        "an..nguyen@example.vn",
        "an@example..vn",
        "an@-example.vn",
        "an@example-.vn",
        "an@example.vn.",
        "an@127.0.0.1",
        "\"an\"@example.vn",
        "nguyễn@example.vn",
        "an@example.vn, binh@example.vn",
        "<an@example.vn>",
    ];
    table(INVALID, |input| match Email::parse(input) {
        Ok(email) => Err(format!("accepted as {email}")),
        Err(err) if err.code() == "invalid_email" => Ok(()),
        Err(err) => Err(format!("wrong code {}", err.code())),
    });
    let long_local = format!("{}@example.vn", "a".repeat(65));
    let long_label = format!("an@{}.vn", "a".repeat(64));
    let long_address = format!("an@{}.vn", vec!["a".repeat(60); 5].join("."));
    for input in [long_local, long_label, long_address] {
        assert_eq!(
            Email::parse(&input).unwrap_err().code(),
            "invalid_email",
            "{input}"
        );
    }
}

#[test]
fn repeated_emails_ignore_case() {
    let errors = unique_emails([("An@Example.vn", "work"), ("an@example.VN", "home")]).unwrap_err();
    assert_eq!(errors, [(1, ValueError::DuplicateValue { first: 0 })]);
}

#[test]
fn names() {
    const ROWS: &[(&str, &str)] = &[
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        ("  Nguyễn   Văn  An  ", "Nguyễn Văn An"),
        ("Nguyễn\tVăn\nAn", "Nguyễn Văn An"),
        ("Nguyễn\u{a0}Văn\u{2003}An", "Nguyễn Văn An"),
        ("Nguye\u{302}\u{303}n Va\u{306}n An", "Nguyễn Văn An"),
        ("Tr\u{1b0}\u{1a1}\u{300}ng", "Trường"),
        ("Đặng\u{200b} Thị", "Đặng Thị"),
        ("Lê", "Lê"),
        ("O'Neil-Smith", "O'Neil-Smith"),
    ];
    table(ROWS, |(input, stored)| {
        let name = PersonName::parse(input).map_err(|e| e.to_string())?;
        (name.as_str() == *stored)
            .then_some(())
            .ok_or(format!("got {:?}", name.as_str()))
    });
    assert_eq!(
        PersonName::parse("Nguye\u{302}\u{303}n"),
        PersonName::parse("Nguyễn")
    );
    const REJECTED: &[(&str, &str)] = &[
        ("", "required"),
        (" \t\u{a0} ", "required"),
        ("\u{200b}", "required"),
        ("An\u{0}", "invalid_name"),
        ("An\u{7}Bình", "invalid_name"),
    ];
    table(REJECTED, |(input, code)| match PersonName::parse(input) {
        Ok(name) => Err(format!("accepted as {name}")),
        Err(err) => (err.code() == *code)
            .then_some(())
            .ok_or(format!("code {}", err.code())),
    });
    assert_eq!(
        PersonName::parse(&"A".repeat(201)).unwrap_err().code(),
        "invalid_name"
    );
    assert!(PersonName::parse(&"A".repeat(200)).is_ok());
}

#[test]
fn display_names() {
    const ROWS: &[(&str, &str, &str)] = &[
        ("Nguyễn", "Văn An", "Nguyễn Văn An"),
        (" Nguyễn ", " Văn  An ", "Nguyễn Văn An"),
        ("", "An", "An"),
        ("Nguyễn", "", "Nguyễn"),
        ("", "", ""),
    ];
    table(ROWS, |(last, first, shown)| {
        let got = display_name(last, first);
        (got == *shown).then_some(()).ok_or(format!("got {got:?}"))
    });
}

#[test]
fn search_keys() {
    const ROWS: &[(&str, &str)] = &[
        ("Nguyễn Văn Đạt", "nguyen van dat"),
        ("NGUYỄN VĂN AN", "nguyen van an"),
        ("Trần Thị Hương", "tran thi huong"),
        ("Lê Hoàng Phúc", "le hoang phuc"),
        ("Phạm Ngọc Ánh", "pham ngoc anh"),
        ("Hồ Quỳnh Hương", "ho quynh huong"),
        ("Đỗ Đức Độ", "do duc do"),
        ("đinh thị ngân", "dinh thi ngan"),
        ("Vũ Thị Thủy", "vu thi thuy"),
        ("Bùi Xuân Trường", "bui xuan truong"),
        ("Dương Thế Hiển", "duong the hien"),
        ("Ngô Bảo Châu", "ngo bao chau"),
        ("Lý Ơn Ửng", "ly on ung"),
        // Decomposed input: base letters with combining marks.
        (
            "Nguye\u{302}\u{303}n Va\u{306}n \u{110}a\u{323}t",
            "nguyen van dat",
        ),
        ("Tru\u{31b}\u{300}o\u{31b}ng", "truong"),
        // Punctuation is a separator, digits stay, blanks collapse.
        (
            "  Công ty TNHH   ABC-123, (Hà Nội)  ",
            "cong ty tnhh abc 123 ha noi",
        ),
        ("an.nguyen@example.vn", "an nguyen example vn"),
        ("Ðặng", "dang"),
        ("", ""),
    ];
    table(ROWS, |(input, key)| {
        let got = search_key(input);
        (got == *key).then_some(()).ok_or(format!("got {got:?}"))
    });
}

#[test]
fn search_keys_fold_every_vietnamese_letter() {
    let letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
    let bases: String = [
        ("a", 18),
        ("e", 12),
        ("i", 6),
        ("o", 18),
        ("u", 12),
        ("y", 6),
        ("d", 1),
    ]
    .iter()
    .map(|(base, n)| base.repeat(*n))
    .collect();
    let folded: String = letters
        .chars()
        .map(|c| search_key(&c.to_string()))
        .collect();
    assert_eq!(folded, bases);
    let upper: String = letters
        .to_uppercase()
        .chars()
        .map(|c| search_key(&c.to_string()))
        .collect();
    assert_eq!(upper, bases);
}

#[test]
fn dates_accepted() {
    const ROWS: &[(&str, &str)] = &[
        ("15/03/2024", "2024-03-15"),
        ("15-03-2024", "2024-03-15"),
        ("15.03.2024", "2024-03-15"),
        ("5/3/2024", "2024-03-05"),
        ("05/3/2024", "2024-03-05"),
        ("5-3-2024", "2024-03-05"),
        ("2024-03-15", "2024-03-15"),
        ("2024-3-5", "2024-03-05"),
        ("2024/03/15", "2024-03-15"),
        (" 01/01/1990 ", "1990-01-01"),
        ("29/02/2024", "2024-02-29"),
        ("29/02/2000", "2000-02-29"),
        ("31/12/9999", "9999-12-31"),
        ("45292", "2024-01-01"),
        ("45292.5", "2024-01-01"),
        ("32874", "1990-01-01"),
        ("2958465", "9999-12-31"),
    ];
    table(ROWS, |(input, iso)| {
        let date = parse_date(input).map_err(|e| e.to_string())?;
        (date.to_iso() == *iso)
            .then_some(())
            .ok_or(format!("got {}", date.to_iso()))
    });
}

#[test]
fn dates_rejected() {
    const ROWS: &[(&str, &str)] = &[
        ("", "it is empty"),
        ("1990", "a year alone"),
        ("15", "a day alone"),
        ("5", "a day alone"),
        ("15/03", "the year is missing"),
        ("15.03", "the year is missing"),
        ("15/03/24", "four digits"),
        ("15-03-90", "four digits"),
        ("31/02/2024", "does not exist"),
        ("29/02/2023", "does not exist"),
        ("29/02/1900", "does not exist"),
        ("31/04/2024", "does not exist"),
        ("00/01/2024", "does not exist"),
        ("15/13/2024", "month"),
        ("2024-02-30", "does not exist"),
        ("15/03-2024", "use dd/mm/yyyy"),
        ("15/03/2024/1", "use dd/mm/yyyy"),
        ("ngày 15/03/2024", "use dd/mm/yyyy"),
        ("March 15, 2024", "use dd/mm/yyyy"),
        ("2024-03-15T10:00", "use dd/mm/yyyy"),
        ("15 03 2024", "use dd/mm/yyyy"),
        ("150/03/2024", "use dd/mm/yyyy"),
        ("3000000", "between 1 and 2958465"),
        ("0000-01-01", "between 1 and 9999"),
    ];
    table(ROWS, |(input, reason)| match parse_date(input) {
        Ok(date) => Err(format!("accepted as {date}")),
        Err(err) if err.code() != "invalid_date" => Err(format!("code {}", err.code())),
        Err(err) => err
            .to_string()
            .contains(reason)
            .then_some(())
            .ok_or(err.to_string()),
    });
}

#[test]
fn excel_serials() {
    const ROWS: &[(f64, Option<&str>)] = &[
        (1.0, Some("1900-01-01")),
        (31.0, Some("1900-01-31")),
        (59.0, Some("1900-02-28")),
        (60.0, None),
        (61.0, Some("1900-03-01")),
        (366.0, Some("1900-12-31")),
        (367.0, Some("1901-01-01")),
        (36526.0, Some("2000-01-01")),
        (45292.0, Some("2024-01-01")),
        (45292.999, Some("2024-01-01")),
        (45351.0, Some("2024-02-29")),
        (2_958_465.0, Some("9999-12-31")),
        (0.0, None),
        (-5.0, None),
        (2_958_466.0, None),
        (f64::NAN, None),
    ];
    table(ROWS, |(serial, iso)| {
        let got = Date::from_excel_serial(*serial).ok().map(Date::to_iso);
        (got.as_deref() == *iso)
            .then_some(())
            .ok_or(format!("got {got:?}"))
    });
}

#[test]
fn values_serialise_as_their_normalised_strings() {
    let phone = vn("0912 345 678").unwrap();
    let email = Email::parse("An@Example.VN").unwrap();
    let name = PersonName::parse(" Nguyễn  Văn An ").unwrap();
    let date = parse_date("15/03/2024").unwrap();
    let json = serde_json::json!({
        "phone": phone, "email": email, "name": name, "date": date, "country": Country::VN,
    });
    assert_eq!(
        json,
        serde_json::json!({
            "phone": "+84912345678", "email": "an@example.vn", "name": "Nguyễn Văn An",
            "date": "2024-03-15", "country": "VN",
        })
    );
    assert_eq!(
        serde_json::from_value::<Phone>(json["phone"].clone()).unwrap(),
        phone
    );
    assert_eq!(
        serde_json::from_value::<Email>(json["email"].clone()).unwrap(),
        email
    );
    assert_eq!(
        serde_json::from_value::<PersonName>(json["name"].clone()).unwrap(),
        name
    );
    assert_eq!(
        serde_json::from_value::<Date>(json["date"].clone()).unwrap(),
        date
    );
    assert_eq!(
        serde_json::from_value::<Country>(json["country"].clone()).unwrap(),
        Country::VN
    );
    for bad in [r#""0912""#, r#""""#] {
        assert!(serde_json::from_str::<Phone>(bad).is_err(), "{bad}");
        assert!(serde_json::from_str::<PersonName>(bad).is_err() || bad != r#""""#);
    }
    assert!(
        serde_json::from_str::<Date>(r#""15/03/2024""#).is_err(),
        "only ISO is stored"
    );
    assert!(serde_json::from_str::<Email>(r#""nope""#).is_err());
}

/// Every country's example numbers of every type parse, belong to that country and survive a
/// round trip: the parser is not tuned to Vietnam alone.
#[test]
fn example_numbers_of_every_country() {
    use phonenumber::Type;
    use phonenumber::metadata::DATABASE;
    let types = [
        Type::FixedLine,
        Type::Mobile,
        Type::TollFree,
        Type::PremiumRate,
        Type::SharedCost,
        Type::PersonalNumber,
        Type::Voip,
        Type::Pager,
        Type::Uan,
        Type::Voicemail,
    ];
    let mut rows = Vec::new();
    for meta in DATABASE.iter() {
        for descriptor in types
            .iter()
            .filter_map(|kind| meta.descriptors().get(*kind))
        {
            if let Some(example) = descriptor.example() {
                let code = meta.country_code();
                rows.push((meta.id().to_owned(), code, format!("+{code}{example}")));
            }
        }
    }
    // The metadata crate strips the trunk prefix 8 of Russia, Kazakhstan, Belarus and Lithuania
    // even after the calling code, so their numbers starting with 8 (+7 800 toll-free) fail.
    let trunk_eight = |id: &str, input: &str| {
        [("RU", "+7"), ("KZ", "+7"), ("BY", "+375"), ("LT", "+370")]
            .iter()
            .any(|(country, code)| {
                id == *country
                    && input
                        .strip_prefix(code)
                        .is_some_and(|nsn| nsn.starts_with('8'))
            })
    };
    rows.retain(|(id, _, input)| !trunk_eight(id, input));
    assert!(rows.len() > 1000, "{}", rows.len());
    table(&rows, |(id, code, input)| {
        let phone = vn(input).map_err(|e| e.to_string())?;
        if vn(phone.as_e164()).as_ref() != Ok(&phone) {
            return Err("not idempotent".into());
        }
        // Numbers of a calling code shared by several countries (+1, +7, +44…) may be
        // attributed to its main country, as libphonenumber does for non-geographic ranges.
        let shared = DATABASE.by_code(code).is_some_and(|plans| plans.len() > 1);
        match (Country::parse(id), phone.country()) {
            (Ok(expected), got) if !shared && got != Some(expected) => {
                Err(format!("country {got:?}"))
            }
            _ => Ok(()),
        }
    });
}
