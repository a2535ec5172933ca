//! The interface languages and every text shown in them. Vietnamese is the default; the choice
//! is kept in localStorage.

use leptos::prelude::*;
use sen_api_types::error::{ErrorCode, FieldError};
use sen_api_types::record::RecordKind;
use sen_api_types::settings::{FieldType, PicklistName};
use sen_api_types::{AssignmentRule, Role};

use crate::api::ApiError;
use crate::router::SettingsSection;
use crate::state::ToastText;
use crate::storage;

/// A language of the interface.
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

const LANG_KEY: &str = "sen.lang";

pub fn saved_lang() -> Lang {
    match storage::get(LANG_KEY).as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Vi,
    }
}

pub fn save_lang(lang: Lang) {
    storage::set(LANG_KEY, lang.tag());
}

/// The language signal, from context; `t` and `tr` read it, so texts follow a switch.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    pub fn lang(self) -> Lang {
        self.0.get()
    }

    pub fn t(self, text: Text) -> &'static str {
        t(self.0.get(), text)
    }

    /// A reactive text, for a view or an attribute.
    pub fn tr(self, text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || t(self.0.get(), text)
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

macro_rules! texts {
    ($($key:ident => $vi:literal, $en:literal;)*) => {
        /// Every fixed text of the interface, keyed by what it is for.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Text { $($key),* }

        /// `[Vietnamese, English]` of each text, in the order of `Text` (a table, not a
        /// `match`: far less code in the wasm).
        const TEXTS: &[[&str; 2]] = &[$([$vi, $en]),*];

        pub fn t(lang: Lang, text: Text) -> &'static str {
            let lang = match lang {
                Lang::Vi => 0,
                Lang::En => 1,
            };
            TEXTS[text as usize][lang]
        }
    };
}

texts! {
    Tagline => "Quản lý quan hệ khách hàng", "Customer relationship management";
    Language => "Ngôn ngữ", "Language";
    ApiStatus => "Trạng thái máy chủ", "Server status";
    Checking => "Đang kiểm tra…", "Checking…";
    ApiUp => "Hoạt động", "Up";
    ApiDown => "Không kết nối được", "Unreachable";
    Lists => "Danh sách", "Lists";
    QuickCreate => "Tạo nhanh", "Quick create";
    Settings => "Cài đặt", "Settings";
    Logout => "Đăng xuất", "Log out";
    Login => "Đăng nhập", "Log in";
    Signup => "Đăng ký", "Sign up";
    NoAccount => "Chưa có tài khoản?", "No account yet?";
    HaveAccount => "Đã có tài khoản?", "Already have an account?";
    Email => "Email", "Email";
    Password => "Mật khẩu", "Password";
    PasswordMin => "Mật khẩu (ít nhất 8 ký tự)", "Password (at least 8 characters)";
    WorkspaceName => "Tên công ty", "Company name";
    YourName => "Tên của bạn", "Your name";
    CreateWorkspace => "Tạo không gian làm việc", "Create workspace";
    PageNotFound => "Không tìm thấy trang", "Page not found";
    BackHome => "Về trang chính", "Back to the start";
    Close => "Đóng", "Close";
    Cancel => "Hủy", "Cancel";
    Save => "Lưu", "Save";
    Saved => "Đã lưu", "Saved";
    Create => "Tạo", "Create";
    Created => "Đã tạo:", "Created:";
    New => "Tạo", "New";
    Add => "Thêm", "Add";
    Edit => "Sửa", "Edit";
    Delete => "Xóa", "Delete";
    Deleted => "Đã xóa:", "Deleted:";
    Undo => "Hoàn tác", "Undo";
    Restored => "Đã khôi phục", "Restored";
    Remove => "Bỏ", "Remove";
    Rename => "Đổi tên", "Rename";
    NewName => "Tên mới", "New name";
    Reload => "Tải lại", "Reload";
    Change => "Chọn", "Choose";
    Unlink => "Bỏ liên kết", "Unlink";
    ClickToEdit => "Nhấn để sửa", "Click to edit";
    ConfirmDelete => "Xóa", "Delete";
    ChangedElsewhere => "Bản ghi đã được người khác thay đổi — hãy tải lại.", "Changed by someone else — reload.";
    Kind => "Loại", "Kind";
    Name => "Tên", "Name";
    FullName => "Họ và tên", "Full name";
    FirstName => "Tên", "First name";
    LastName => "Họ", "Last name";
    Status => "Trạng thái", "Status";
    Stage => "Giai đoạn", "Stage";
    Phone => "Điện thoại", "Phone";
    Phones => "Điện thoại", "Phones";
    PhoneNumber => "Số điện thoại", "Phone number";
    AddPhone => "+ Thêm số điện thoại", "+ Add phone";
    EmailAddress => "Địa chỉ email", "Email address";
    Emails => "Email", "Emails";
    AddEmail => "+ Thêm email", "+ Add email";
    EntryLabel => "Nhãn (di động, công ty…)", "Label (mobile, work…)";
    Addresses => "Địa chỉ", "Addresses";
    AddAddress => "+ Thêm địa chỉ", "+ Add address";
    Street => "Số nhà, đường", "Street";
    Ward => "Phường/Xã", "Ward";
    District => "Quận/Huyện", "District";
    City => "Tỉnh/Thành phố", "City";
    Zip => "Mã bưu chính", "Postal code";
    Country => "Quốc gia", "Country";
    Company => "Công ty", "Company";
    Account => "Công ty (Account)", "Account";
    ContactPerson => "Người liên hệ", "Contact";
    Owner => "Phụ trách", "Owner";
    Source => "Nguồn", "Source";
    Industry => "Ngành nghề", "Industry";
    Tags => "Thẻ", "Tags";
    AddTag => "Thêm thẻ…", "Add a tag…";
    Amount => "Giá trị", "Amount";
    Currency => "Tiền tệ", "Currency";
    ExpectedClose => "Ngày dự kiến chốt", "Expected close";
    Probability => "Xác suất (%)", "Probability (%)";
    LostReason => "Lý do thất bại", "Lost reason";
    InputSource => "Kênh vào", "Input channel";
    Notes => "Thông tin thêm", "Notes";
    Birthday => "Ngày sinh", "Birthday";
    Gender => "Giới tính", "Gender";
    Male => "Nam", "Male";
    Female => "Nữ", "Female";
    OtherGender => "Khác", "Other";
    Unknown => "Không rõ", "Unknown";
    NationalId => "Số CMND/CCCD", "National ID";
    JobTitle => "Chức vụ", "Job title";
    OrgSize => "Quy mô tổ chức", "Organisation size";
    ContactSource => "Nguồn liên hệ", "Contact source";
    CustomerGroup => "Nhóm khách hàng", "Customer group";
    ContactStatus => "Trạng thái liên hệ", "Contact status";
    CreatedAt => "Ngày tạo", "Created";
    UpdatedAt => "Cập nhật", "Updated";
    Sharing => "Chia sẻ", "Sharing";
    ShareEveryone => "Tất cả mọi người", "Everyone";
    SharePrivate => "Chỉ mình tôi", "Only me";
    ShareTeam => "Tôi và nhóm", "Me and teams";
    ShareUsers => "Tôi và một số người khác", "Me and some users";
    Details => "Thông tin", "Details";
    ContactInfo => "Thông tin liên lạc", "Contact information";
    CustomFields => "Trường tùy chỉnh", "Custom fields";
    NoneChosen => "— Chưa chọn —", "— None —";
    SearchPlaceholder => "Tìm theo tên, số điện thoại, email, công ty…", "Search name, phone, email, company…";
    Filters => "Bộ lọc", "Filters";
    ClearFilters => "Xóa bộ lọc", "Clear filters";
    Any => "Tất cả", "Any";
    Yes => "Có", "Yes";
    No => "Không", "No";
    From => "Từ", "From";
    To => "Đến", "To";
    HasContactInfo => "Có thông tin liên lạc", "Has contact details";
    Columns => "Cột", "Columns";
    Records => "bản ghi", "records";
    Loaded => "Đã tải", "Loaded";
    LoadMore => "Tải thêm", "Load more";
    NoRecords => "Chưa có bản ghi nào khớp.", "No matching records.";
    Select => "Chọn", "Select";
    TickAllOnScreen => "Chọn tất cả trên màn hình", "Tick all on screen";
    SelectedCount => "Đã chọn", "Selected";
    SelectAllMatching => "Chọn tất cả kết quả khớp", "Select all matching";
    ClearSelection => "Bỏ chọn", "Clear selection";
    Views => "Chế độ xem", "Views";
    ViewAll => "Tất cả", "All";
    ViewMine => "Của tôi", "Mine";
    ViewMyTeam => "Của nhóm tôi", "My team's";
    NotInATeam => "Bạn chưa ở nhóm nào", "You are in no team";
    SaveView => "+ Lưu chế độ xem", "+ Save view";
    ViewName => "Tên chế độ xem", "View name";
    TeamFilter => "Nhóm", "Team";
    Pipeline => "Quy trình bán hàng", "Pipeline";
    PipelineBoard => "Xem dạng bảng giai đoạn", "Pipeline board";
    AsList => "Xem dạng danh sách", "As a list";
    MoveToStage => "Chuyển giai đoạn", "Move to stage";
    MovedTo => "Đã chuyển:", "Moved:";
    ConvertLead => "Chuyển đổi lead:", "Convert lead:";
    Convert => "Chuyển đổi", "Convert";
    Converted => "Đã chuyển đổi thành liên hệ:", "Converted into the contact:";
    ConvertedInto => "Lead này đã được chuyển đổi.", "This lead has been converted.";
    OpenContact => "Mở liên hệ", "Open the contact";
    CreateNew => "Tạo mới", "Create new";
    PartContact => "Liên hệ", "Contact";
    PartAccount => "Công ty", "Account";
    PartOpportunity => "Cơ hội", "Opportunity";
    OtherExisting => "Hoặc chọn bản ghi có sẵn khác:", "Or pick another existing record:";
    SamePhone => "trùng số điện thoại", "same phone";
    SameEmail => "trùng email", "same email";
    SameName => "trùng tên", "same name";
    SameCompany => "trùng tên công ty", "same company";
    DuplicateWarn => "Có thể trùng với bản ghi đã có:", "This may duplicate an existing record:";
    DuplicateBlocked => "Đã có bản ghi giống hệt — không thể lưu thêm:", "A record like this exists — it cannot be saved again:";
    ConvertInstead => "Lead trùng với liên hệ/công ty có sẵn: hãy chuyển đổi lead thay vì tạo trùng.", "The lead matches an existing contact or account: convert the lead instead.";
    SaveAnyway => "Vẫn lưu", "Save anyway";
    MatchedOn => "trùng", "matched on";
    FindDuplicates => "Tìm trùng", "Find duplicates";
    NoDuplicates => "Không thấy bản ghi trùng.", "No duplicates found.";
    Merge => "Gộp", "Merge";
    MergeRecords => "Gộp bản ghi", "Merge records";
    MergeMaster => "Bản chính", "Master";
    MergeHint => "Chọn bản chính, rồi chọn giá trị giữ lại cho từng trường. Số điện thoại, email, địa chỉ, thẻ và ghi chú được gộp tất cả.", "Choose the master, then the value to keep for each field. Phones, emails, addresses, tags and notes are all kept.";
    MergePreview => "Xem trước", "Preview";
    MergeResult => "Kết quả", "Result";
    MergeUnited => "(gộp tất cả)", "(all kept)";
    Merged => "Đã gộp vào:", "Merged into:";
    MergeUndone => "Đã hoàn tác gộp:", "Merge undone:";
    MergeNeedsTwo => "Chọn từ 2 đến 10 bản ghi để gộp.", "Tick 2 to 10 records to merge.";
    MergedAway => "Bản ghi này đã được gộp vào một bản ghi khác.", "This record was merged into another one.";
    OpenMaster => "Mở bản ghi chính", "Open the master";
    Criteria => "Tiêu chí", "Criteria";
    DuplicateRules => "Quy tắc trùng lặp", "Duplicate rules";
    DuplicateRulesHint => "Mỗi quy tắc: các tiêu chí phải trùng cùng lúc. Cảnh báo: người dùng vẫn có thể lưu; Chặn: không cho lưu.", "Each rule: all its criteria must match. Warn: the user may save anyway; Block: saving is refused.";
    AddRule => "+ Thêm quy tắc", "+ Add rule";
    Warn => "Cảnh báo", "Warn";
    Block => "Chặn", "Block";
    NoRules => "Chưa có quy tắc nào.", "No rules yet.";
    BulkTag => "Gắn thẻ", "Tag";
    BulkUntag => "Gỡ thẻ", "Untag";
    BulkOwner => "Đổi phụ trách", "Change owner";
    BulkStatus => "Đổi trạng thái", "Change status";
    Apply => "Áp dụng", "Apply";
    ChooseOwner => "— Chọn người hoặc nhóm —", "— Choose a user or a team —";
    TeamsByRule => "Nhóm (chia theo quy tắc phân công)", "Teams (spread by the assignment rule)";
    ChooseStatus => "— Chọn trạng thái —", "— Choose a status —";
    BulkDeleteQuestion => "Xóa các bản ghi đã chọn:", "Delete the selected records:";
    BulkLoadAllFirst => "Hãy tải hết danh sách (hoặc bỏ chọn tất cả) trước khi thao tác.", "Load the whole list (or clear \"all matching\") first.";
    BulkTagged => "Đã gắn thẻ (thay đổi / khớp):", "Tagged (changed / matched):";
    BulkUntagged => "Đã gỡ thẻ (thay đổi / khớp):", "Untagged (changed / matched):";
    BulkAssigned => "Đã đổi phụ trách (thay đổi / khớp):", "Owner changed (changed / matched):";
    BulkStatusSet => "Đã đổi trạng thái (thay đổi / khớp):", "Status changed (changed / matched):";
    BulkDeleted => "Đã xóa (thay đổi / khớp):", "Deleted (changed / matched):";
    BulkUndone => "Đã hoàn tác, khôi phục:", "Undone, restored:";
    Timeline => "Hoạt động", "Timeline";
    Call => "Cuộc gọi", "Call";
    Note => "Ghi chú", "Note";
    Meeting => "Cuộc họp", "Meeting";
    SystemEvent => "Hệ thống", "System";
    LogCall => "Ghi cuộc gọi", "Log a call";
    LogNote => "Ghi chú", "Note";
    LogMeeting => "Ghi cuộc họp", "Log a meeting";
    Subject => "Tiêu đề", "Subject";
    Body => "Nội dung", "Details";
    LogIt => "Ghi lại", "Log it";
    Statuses => "Trạng thái", "Statuses";
    Picklists => "Danh mục chọn", "Picklists";
    Teams => "Nhóm", "Teams";
    Users => "Người dùng", "Users";
    ApiKeys => "Khóa API", "API keys";
    AdminsOnly => "Chỉ chủ sở hữu và quản trị viên dùng được mục này.", "Only owners and admins can use this.";
    Key => "Mã", "Key";
    Label => "Nhãn", "Label";
    LabelVi => "Nhãn tiếng Việt", "Vietnamese label";
    LabelEn => "Nhãn tiếng Anh", "English label";
    Default => "Mặc định", "Default";
    OutcomeOpen => "Đang mở", "Open";
    OutcomeWon => "Thành công", "Won";
    OutcomeLost => "Thất bại", "Lost";
    MoveUp => "Lên", "Move up";
    MoveDown => "Xuống", "Move down";
    AddRow => "+ Thêm dòng", "+ Add row";
    Type => "Kiểu", "Type";
    Required => "Bắt buộc", "Required";
    Options => "Lựa chọn", "Options";
    AddCustomField => "Thêm trường tùy chỉnh", "Add a custom field";
    TagName => "Tên thẻ", "Tag name";
    ConfirmDeleteTag => "Xóa thẻ này khỏi mọi bản ghi?", "Remove this tag from every record?";
    TeamName => "Tên nhóm", "Team name";
    DataOwner => "Nhóm sở hữu dữ liệu (quản trị viên trong nhóm thấy mọi bản ghi)", "Data owner (its admins see every record)";
    AssignmentRule => "Quy tắc phân công", "Assignment rule";
    Members => "Thành viên:", "Members:";
    ConfirmDeleteTeam => "Xóa nhóm này?", "Delete this team?";
    Role => "Vai trò", "Role";
    Active => "Hoạt động", "Active";
    Activate => "Kích hoạt lại", "Reactivate";
    Deactivate => "Vô hiệu hóa", "Deactivate";
    AddUser => "Thêm người dùng", "Add a user";
    FirstPassword => "Mật khẩu ban đầu", "First password";
    KeyName => "Tên khóa (để nhận ra)", "Key name (to recognise it)";
    CreateKey => "Tạo khóa", "Create key";
    KeyShownOnce => "Hãy sao chép khóa này ngay: nó chỉ hiện một lần.", "Copy this key now: it is shown only once.";
    Prefix => "Tiền tố", "Prefix";
    LastUsed => "Dùng lần cuối", "Last used";
    Revoke => "Thu hồi", "Revoke";
    Revoked => "Đã thu hồi", "Revoked";
    ConfirmRevoke => "Thu hồi khóa này? Các hệ thống đang dùng nó sẽ bị từ chối.", "Revoke this key? Systems using it will be refused.";
    ImportOpen => "Nhập từ Excel", "Import";
    ImportTitle => "Nhập từ Excel", "Import";
    ImportBack => "Về danh sách", "Back to the list";
    ImportStepFile => "1. Tệp", "1. File";
    ImportTemplate => "Tải tệp mẫu (.xlsx)", "Download the template (.xlsx)";
    ImportUpload => "Tải lên", "Upload";
    ImportStepMapping => "2. Ghép cột", "2. Column mapping";
    ImportSheet => "Trang tính", "Sheet";
    ImportColumn => "Cột trong tệp", "Column in the file";
    ImportField => "Trường", "Field";
    ImportIgnore => "(bỏ qua)", "(ignore)";
    ImportStepOptions => "3. Tùy chọn", "3. Options";
    ImportDuplicates => "Khi trùng", "On a duplicate";
    ImportModeSkip => "Bỏ qua", "Skip";
    ImportModeCreate => "Vẫn tạo mới", "Create anyway";
    ImportModeOverwrite => "Ghi đè", "Overwrite";
    ImportModeMerge => "Gộp", "Merge";
    ImportCriteria => "Coi là trùng khi trùng", "Duplicate when matching on";
    ImportByPhone => "Số điện thoại", "Phone";
    ImportByEmail => "Email", "Email";
    ImportTags => "Gắn thẻ (cách nhau bằng dấu phẩy)", "Tags (comma separated)";
    ImportRowFrom => "Từ dòng", "From row";
    ImportRowTo => "Đến dòng", "To row";
    ImportPreview => "Xem trước", "Preview";
    ImportStepPreview => "4. Xem trước", "4. Preview";
    ImportTotal => "Tổng", "Total";
    ImportCreated => "Tạo mới", "Created";
    ImportUpdated => "Ghi đè", "Updated";
    ImportMerged => "Gộp", "Merged";
    ImportSkipped => "Bỏ qua", "Skipped";
    ImportFailed => "Lỗi", "Failed";
    ImportRow => "Dòng", "Row";
    ImportOutcome => "Kết quả", "Outcome";
    ImportReasons => "Lý do", "Reasons";
    ImportRun => "Nhập", "Run the import";
    ImportStepRun => "5. Nhập", "5. Import";
    ImportReport => "Tải báo cáo (.xlsx)", "Download the report (.xlsx)";
    ImportUndone => "Đã hoàn tác (xóa / khôi phục)", "Undone (removed / restored)";
}

pub fn kind_plural(lang: Lang, k: RecordKind) -> &'static str {
    match (lang, k) {
        (Lang::Vi, RecordKind::Prospect) => "KH thô",
        (Lang::Vi, RecordKind::Lead) => "Lead",
        (Lang::Vi, RecordKind::Contact) => "Liên hệ",
        (Lang::Vi, RecordKind::Account) => "Công ty",
        (Lang::Vi, RecordKind::Opportunity) => "Cơ hội",
        (Lang::En, RecordKind::Prospect) => "Prospects",
        (Lang::En, RecordKind::Lead) => "Leads",
        (Lang::En, RecordKind::Contact) => "Contacts",
        (Lang::En, RecordKind::Account) => "Accounts",
        (Lang::En, RecordKind::Opportunity) => "Opportunities",
    }
}

pub fn kind_singular(lang: Lang, k: RecordKind) -> &'static str {
    match (lang, k) {
        (Lang::Vi, RecordKind::Prospect) => "KH thô",
        (Lang::Vi, RecordKind::Lead) => "lead",
        (Lang::Vi, RecordKind::Contact) => "liên hệ",
        (Lang::Vi, RecordKind::Account) => "công ty",
        (Lang::Vi, RecordKind::Opportunity) => "cơ hội",
        (Lang::En, RecordKind::Prospect) => "prospect",
        (Lang::En, RecordKind::Lead) => "lead",
        (Lang::En, RecordKind::Contact) => "contact",
        (Lang::En, RecordKind::Account) => "account",
        (Lang::En, RecordKind::Opportunity) => "opportunity",
    }
}

pub fn settings_section(lang: Lang, s: SettingsSection) -> &'static str {
    t(
        lang,
        match s {
            SettingsSection::Statuses => Text::Statuses,
            SettingsSection::Picklists => Text::Picklists,
            SettingsSection::CustomFields => Text::CustomFields,
            SettingsSection::Tags => Text::Tags,
            SettingsSection::Teams => Text::Teams,
            SettingsSection::DuplicateRules => Text::DuplicateRules,
            SettingsSection::Users => Text::Users,
            SettingsSection::ApiKeys => Text::ApiKeys,
        },
    )
}

pub fn picklist_name(lang: Lang, n: PicklistName) -> &'static str {
    t(
        lang,
        match n {
            PicklistName::Source => Text::Source,
            PicklistName::Industry => Text::Industry,
            PicklistName::OrgSize => Text::OrgSize,
            PicklistName::CustomerGroup => Text::CustomerGroup,
            PicklistName::ContactStatus => Text::ContactStatus,
            PicklistName::ContactSource => Text::ContactSource,
            PicklistName::LostReason => Text::LostReason,
        },
    )
}

pub fn field_type_name(lang: Lang, ft: FieldType) -> &'static str {
    match (lang, ft) {
        (Lang::Vi, FieldType::Text) => "Văn bản",
        (Lang::Vi, FieldType::Number) => "Số",
        (Lang::Vi, FieldType::Date) => "Ngày",
        (Lang::Vi, FieldType::Bool) => "Có/Không",
        (Lang::Vi, FieldType::Select) => "Chọn một",
        (Lang::Vi, FieldType::MultiSelect) => "Chọn nhiều",
        (Lang::En, FieldType::Text) => "Text",
        (Lang::En, FieldType::Number) => "Number",
        (Lang::En, FieldType::Date) => "Date",
        (Lang::En, FieldType::Bool) => "Yes/No",
        (Lang::En, FieldType::Select) => "Select",
        (Lang::En, FieldType::MultiSelect) => "Multi-select",
    }
}

pub fn assignment_rule(lang: Lang, r: AssignmentRule) -> &'static str {
    match (lang, r) {
        (Lang::Vi, AssignmentRule::None) => "Không tự phân công",
        (Lang::Vi, AssignmentRule::RoundRobin) => "Lần lượt (round robin)",
        (Lang::Vi, AssignmentRule::Random) => "Ngẫu nhiên",
        (Lang::En, AssignmentRule::None) => "No automatic assignment",
        (Lang::En, AssignmentRule::RoundRobin) => "Round robin",
        (Lang::En, AssignmentRule::Random) => "Random",
    }
}

pub fn role_name(lang: Lang, r: Role) -> &'static str {
    match (lang, r) {
        (Lang::Vi, Role::Owner) => "Chủ sở hữu",
        (Lang::Vi, Role::Admin) => "Quản trị viên",
        (Lang::Vi, Role::Member) => "Thành viên",
        (Lang::En, Role::Owner) => "Owner",
        (Lang::En, Role::Admin) => "Admin",
        (Lang::En, Role::Member) => "Member",
    }
}

/// A system timeline entry's event.
pub fn activity_event(lang: Lang, event: &str) -> String {
    let s = match (lang, event) {
        (Lang::Vi, "created") => "Đã tạo bản ghi",
        (Lang::Vi, "updated") => "Đã cập nhật",
        (Lang::Vi, "status_changed") => "Đổi trạng thái",
        (Lang::Vi, "owner_changed") => "Đổi người phụ trách",
        (Lang::Vi, "deleted") => "Đã xóa",
        (Lang::Vi, "restored") => "Đã khôi phục",
        (Lang::En, "created") => "Record created",
        (Lang::En, "updated") => "Updated",
        (Lang::En, "status_changed") => "Status changed",
        (Lang::En, "owner_changed") => "Owner changed",
        (Lang::En, "deleted") => "Deleted",
        (Lang::En, "restored") => "Restored",
        _ => return event.replace('_', " "),
    };
    s.to_owned()
}

/// An API error for a toast or a form: what the user can do about it.
pub fn api_error(lang: Lang, e: &ApiError) -> String {
    let vi = lang == Lang::Vi;
    let fixed = |v: &'static str, en: &'static str| if vi { v } else { en }.to_owned();
    match e {
        ApiError::Network(_) => fixed("Không kết nối được máy chủ.", "Cannot reach the server."),
        ApiError::Unexpected { status, .. } => {
            format!(
                "{} (HTTP {status})",
                if vi {
                    "Máy chủ trả lời lỗi"
                } else {
                    "The server answered with an error"
                }
            )
        }
        ApiError::Problem(p) => {
            let known = match p.code {
                ErrorCode::InvalidCredentials => {
                    Some(("Sai email hoặc mật khẩu.", "Wrong email or password."))
                }
                ErrorCode::Forbidden => Some((
                    "Vai trò của bạn không được làm việc này.",
                    "Your role does not allow this.",
                )),
                ErrorCode::NotFound => Some((
                    "Không tìm thấy (hoặc bạn không được xem).",
                    "Not found (or not visible to you).",
                )),
                ErrorCode::PreconditionFailed => Some((
                    "Bản ghi đã được người khác thay đổi — hãy tải lại.",
                    "Changed by someone else — reload.",
                )),
                ErrorCode::RateLimited => Some((
                    "Quá nhiều lần thử, hãy đợi một lát.",
                    "Too many attempts; wait a moment.",
                )),
                ErrorCode::ValidationFailed if p.errors.is_empty() => None,
                ErrorCode::ValidationFailed => {
                    Some(("Một số trường không hợp lệ.", "Some fields are invalid."))
                }
                ErrorCode::Internal | ErrorCode::Unavailable => Some((
                    "Máy chủ đang gặp sự cố, hãy thử lại.",
                    "The server has a problem; try again.",
                )),
                _ => None,
            };
            match known {
                Some((v, en)) => fixed(v, en),
                None => p.detail.clone().unwrap_or_else(|| p.title.clone()),
            }
        }
    }
}

/// An error of one field, by its code; the API's own message for codes not listed.
pub fn field_error(lang: Lang, e: &FieldError) -> String {
    let s = match (lang, e.code.as_str()) {
        (Lang::Vi, "required") => "Bắt buộc nhập.",
        (Lang::En, "required") => "Required.",
        (Lang::Vi, "invalid_phone") => "Số điện thoại không hợp lệ.",
        (Lang::En, "invalid_phone") => "Not a valid phone number.",
        (Lang::Vi, "invalid_email") => "Email không hợp lệ.",
        (Lang::En, "invalid_email") => "Not a valid email address.",
        (Lang::Vi, "duplicate_value") => "Bị trùng với một dòng khác.",
        (Lang::En, "duplicate_value") => "Duplicates another row.",
        (Lang::Vi, "too_long") => "Quá dài.",
        (Lang::En, "too_long") => "Too long.",
        (Lang::Vi, "too_short") => "Quá ngắn.",
        (Lang::En, "too_short") => "Too short.",
        (Lang::Vi, "invalid_date") => "Ngày không hợp lệ (dd/mm/yyyy).",
        (Lang::En, "invalid_date") => "Not a valid date.",
        (Lang::Vi, "invalid_option") => "Giá trị không có trong danh sách.",
        (Lang::En, "invalid_option") => "Not one of the choices.",
        (Lang::Vi, "invalid_key") => "Mã chỉ gồm chữ thường, số và dấu _, bắt đầu bằng chữ.",
        (Lang::En, "invalid_key") => "Lower-case letters, digits and _, starting with a letter.",
        (Lang::Vi, "conflict") => "Đã tồn tại.",
        (Lang::En, "conflict") => "Already exists.",
        _ => return e.message.clone(),
    };
    s.to_owned()
}

/// A toast's text.
pub fn toast_text(lang: Lang, text: &ToastText) -> String {
    match text {
        ToastText::Text(x) => t(lang, *x).to_owned(),
        ToastText::TextWith(x, name) => format!("{} {name}", t(lang, *x)),
        ToastText::Error(e) => api_error(lang, e),
    }
}

/// A duplicate criterion (`phone`, `email`, `name`, `national_id`, `address`, `custom.<key>`).
pub fn criterion_label(lang: Lang, c: &str) -> String {
    let s = match (lang, c) {
        (Lang::Vi, "phone") => "số điện thoại",
        (Lang::En, "phone") => "phone",
        (Lang::Vi, "email") => "email",
        (Lang::En, "email") => "email",
        (Lang::Vi, "name") => "tên",
        (Lang::En, "name") => "name",
        (Lang::Vi, "national_id") => "số CMND/CCCD",
        (Lang::En, "national_id") => "ID number",
        (Lang::Vi, "address") => "địa chỉ",
        (Lang::En, "address") => "address",
        _ => return c.to_owned(),
    };
    s.to_owned()
}
