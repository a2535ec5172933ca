//! Vietnamese people: family names weighted roughly as in the population (Nguyễn ≈ 38 %),
//! gendered middle and given names, and the places, jobs and tags that go with them.

use rand::Rng;

/// `(value, weight)`: a weighted choice.
pub type Weighted<T> = [(T, u32)];

/// Picks from a weighted table (weights need not sum to anything in particular).
pub fn pick<'a, T, R: Rng>(rng: &mut R, table: &'a Weighted<T>) -> &'a T {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut at = rng.random_range(0..total.max(1));
    for (value, weight) in table {
        if at < *weight {
            return value;
        }
        at -= weight;
    }
    &table[table.len() - 1].0
}

/// Picks uniformly.
pub fn one<'a, T, R: Rng>(rng: &mut R, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// Family names, per mille of the population (the long tail lumped into a few common ones).
#[rustfmt::skip]
pub const FAMILY: &Weighted<&str> = &[
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 45), ("Huỳnh", 20),
    ("Phan", 45), ("Vũ", 39), ("Võ", 20), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13),
    ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đinh", 8), ("Trương", 8), ("Mai", 5), ("Lâm", 5),
    ("Đào", 5), ("Cao", 4), ("Hà", 4), ("Trịnh", 4), ("Lương", 3), ("Tô", 2),
];

/// Middle names of men.
#[rustfmt::skip]
pub const MIDDLE_MALE: &Weighted<&str> = &[
    ("Văn", 40), ("Hữu", 10), ("Đức", 12), ("Minh", 12), ("Quang", 10), ("Thanh", 6),
    ("Công", 5), ("Xuân", 4), ("Tuấn", 3), ("Hoàng", 3),
];

/// Middle names of women.
#[rustfmt::skip]
pub const MIDDLE_FEMALE: &Weighted<&str> = &[
    ("Thị", 45), ("Ngọc", 12), ("Thu", 8), ("Thanh", 8), ("Minh", 6), ("Phương", 4),
    ("Hoài", 3), ("Bảo", 3), ("Kim", 4), ("Mỹ", 4),
];

/// Given names of men.
#[rustfmt::skip]
pub const GIVEN_MALE: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy",
    "Khánh", "Kiên", "Long", "Minh", "Nam", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Thành",
    "Trung", "Tuấn", "Việt", "Vinh", "Toàn", "Khoa",
];

/// Given names of women.
#[rustfmt::skip]
pub const GIVEN_FEMALE: &[&str] = &[
    "An", "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh",
    "Mai", "Nga", "Ngọc", "Nhung", "Phương", "Quỳnh", "Thảo", "Thủy", "Trâm", "Trang", "Uyên",
    "Vy", "Yến", "Hiền",
];

/// Cities, weighted by how much business happens there.
#[rustfmt::skip]
pub const CITIES: &Weighted<&str> = &[
    ("TP. Hồ Chí Minh", 30), ("Hà Nội", 26), ("Đà Nẵng", 7), ("Hải Phòng", 6), ("Cần Thơ", 4),
    ("Biên Hòa", 4), ("Nha Trang", 3), ("Huế", 3), ("Vũng Tàu", 3), ("Bắc Ninh", 3),
    ("Quy Nhơn", 2), ("Thái Nguyên", 2), ("Vinh", 2), ("Hạ Long", 2), ("Buôn Ma Thuột", 2),
];

/// Streets found in most Vietnamese cities.
#[rustfmt::skip]
pub const STREETS: &[&str] = &[
    "Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt", "Điện Biên Phủ",
    "Quang Trung", "Lê Duẩn", "Nguyễn Trãi", "Phan Chu Trinh", "Hoàng Diệu", "Bạch Đằng",
];

/// Job titles.
#[rustfmt::skip]
pub const JOB_TITLES: &[&str] = &[
    "Giám đốc", "Phó giám đốc", "Trưởng phòng kinh doanh", "Kế toán trưởng", "Nhân viên mua hàng",
    "Chủ cửa hàng", "Trưởng phòng nhân sự", "Kỹ sư",
];

/// The workspace's tags, most used first.
#[rustfmt::skip]
pub const TAGS: &[&str] = &[
    "Khách cũ", "Tiềm năng cao", "VIP", "Zalo OA", "Facebook Ads", "Đã mua", "Chăm sóc lại",
    "Hội chợ 2024", "Hội chợ 2025", "Đại lý", "Khách sỉ", "Miền Bắc", "Miền Nam", "Miền Trung",
    "Doanh nghiệp", "Cá nhân", "Giới thiệu", "Webinar", "Bản tin", "Sinh nhật tháng này",
];

/// A person's name parts: `last_name` holds family and middle names (Họ), `first_name` the
/// given name (Tên), as Vietnamese forms ask for them.
#[derive(Debug, Clone)]
pub struct PersonName {
    pub family: &'static str,
    pub middle: Vec<&'static str>,
    pub given: &'static str,
    pub female: bool,
}

impl PersonName {
    /// A random person.
    pub fn random<R: Rng>(rng: &mut R) -> PersonName {
        let female = rng.random_bool(0.5);
        let family = *pick(rng, FAMILY);
        let middles = if female { MIDDLE_FEMALE } else { MIDDLE_MALE };
        let mut middle = Vec::new();
        if rng.random_bool(0.95) {
            middle.push(*pick(rng, middles));
            if rng.random_bool(0.08) {
                middle.push(*pick(rng, middles));
                middle.dedup();
            }
        }
        let given = *one(rng, if female { GIVEN_FEMALE } else { GIVEN_MALE });
        PersonName {
            family,
            middle,
            given,
            female,
        }
    }

    /// Họ: family and middle names.
    pub fn last_name(&self) -> String {
        std::iter::once(self.family)
            .chain(self.middle.iter().copied())
            .collect::<Vec<_>>()
            .join(" ")
    }
}
