//! The interface languages and the texts shown in each.

/// A language of the interface. Vietnamese is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The language's own name, as shown on its switch button.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Vi => "Tiếng Việt",
            Lang::En => "English",
        }
    }
}

/// Every text of the interface, keyed by what it is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Tagline,
    Language,
    ApiStatus,
    Checking,
    ApiUp,
    ApiDown,
}

pub fn t(lang: Lang, text: Text) -> &'static str {
    use Text::*;
    match (lang, text) {
        (Lang::Vi, Tagline) => "Quản lý quan hệ khách hàng",
        (Lang::En, Tagline) => "Customer relationship management",
        (Lang::Vi, Language) => "Ngôn ngữ",
        (Lang::En, Language) => "Language",
        (Lang::Vi, ApiStatus) => "Trạng thái máy chủ",
        (Lang::En, ApiStatus) => "Server status",
        (Lang::Vi, Checking) => "Đang kiểm tra…",
        (Lang::En, Checking) => "Checking…",
        (Lang::Vi, ApiUp) => "Hoạt động",
        (Lang::En, ApiUp) => "Up",
        (Lang::Vi, ApiDown) => "Không kết nối được",
        (Lang::En, ApiDown) => "Unreachable",
    }
}
