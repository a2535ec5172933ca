//! The settings a new workspace starts with: statuses and picklists in Vietnamese and English,
//! fitted to Vietnamese sales teams. Admins change them afterwards.

use sea_orm::ConnectionTrait;
use sen_domain::kind::RecordKind;
use uuid::Uuid;

use super::picklists::{self, Choice};
use super::statuses::{self, NewStatus};
use crate::error::StoreResult;

/// `(key, label_vi, label_en)`.
type Entry = (&'static str, &'static str, &'static str);

/// Each kind's statuses in order; the first is the default. Opportunity outcomes are below.
const STATUSES: [(RecordKind, &[Entry]); 5] = [
    (
        RecordKind::Prospect,
        &[
            ("new", "Mới", "New"),
            ("screening", "Đang sàng lọc", "Screening"),
            ("unreachable", "Không liên lạc được", "Unreachable"),
            ("not_interested", "Không quan tâm", "Not interested"),
            ("converted", "Đã chuyển thành lead", "Converted"),
        ],
    ),
    (
        RecordKind::Lead,
        &[
            ("new", "Mới", "New"),
            ("contacting", "Đang liên hệ", "Contacting"),
            ("nurturing", "Đang chăm sóc", "Nurturing"),
            ("qualified", "Đạt", "Qualified"),
            ("unqualified", "Không đạt", "Unqualified"),
            ("converted", "Đã chuyển đổi", "Converted"),
        ],
    ),
    (
        RecordKind::Contact,
        &[
            ("active", "Đang liên hệ", "Active"),
            ("inactive", "Ngừng liên hệ", "Inactive"),
            ("do_not_contact", "Không làm phiền", "Do not contact"),
        ],
    ),
    (
        RecordKind::Account,
        &[
            ("potential", "Tiềm năng", "Potential"),
            ("customer", "Đang giao dịch", "Customer"),
            ("inactive", "Ngừng giao dịch", "Inactive"),
        ],
    ),
    (
        RecordKind::Opportunity,
        &[
            ("prospecting", "Tiếp cận", "Prospecting"),
            ("needs_analysis", "Phân tích nhu cầu", "Needs analysis"),
            ("proposal", "Gửi báo giá", "Proposal"),
            ("negotiation", "Đàm phán", "Negotiation"),
            ("won", "Thắng", "Won"),
            ("lost", "Thua", "Lost"),
        ],
    ),
];

/// The outcome of a default opportunity stage.
fn outcome(key: &str) -> &'static str {
    match key {
        "won" => "won",
        "lost" => "lost",
        _ => "open",
    }
}

/// Each picklist's values in order.
const PICKLISTS: [(&str, &[Entry]); 7] = [
    (
        "source",
        &[
            ("website", "Website", "Website"),
            ("facebook", "Facebook", "Facebook"),
            ("zalo", "Zalo", "Zalo"),
            ("referral", "Giới thiệu", "Referral"),
            ("trade_show", "Hội chợ", "Trade show"),
            ("cold_call", "Gọi điện chào hàng", "Cold call"),
            ("email", "Email", "Email"),
            ("other", "Khác", "Other"),
        ],
    ),
    (
        "industry",
        &[
            ("retail", "Bán lẻ", "Retail"),
            ("manufacturing", "Sản xuất", "Manufacturing"),
            ("construction", "Xây dựng", "Construction"),
            ("real_estate", "Bất động sản", "Real estate"),
            ("it", "Công nghệ thông tin", "Information technology"),
            ("finance", "Tài chính – Ngân hàng", "Finance and banking"),
            ("education", "Giáo dục", "Education"),
            ("healthcare", "Y tế", "Healthcare"),
            (
                "logistics",
                "Vận tải – Logistics",
                "Transport and logistics",
            ),
            ("food_beverage", "Thực phẩm – Đồ uống", "Food and beverage"),
            (
                "hospitality",
                "Du lịch – Khách sạn",
                "Travel and hospitality",
            ),
            ("agriculture", "Nông nghiệp", "Agriculture"),
            ("other", "Khác", "Other"),
        ],
    ),
    (
        "org_size",
        &[
            ("micro", "Dưới 10 người", "Under 10 people"),
            ("small", "10–49 người", "10–49 people"),
            ("medium", "50–199 người", "50–199 people"),
            ("large", "200–999 người", "200–999 people"),
            ("enterprise", "Từ 1000 người", "1000 people or more"),
        ],
    ),
    (
        "customer_group",
        &[
            ("retail", "Khách lẻ", "Retail customer"),
            ("wholesale", "Khách sỉ", "Wholesale customer"),
            ("reseller", "Đại lý", "Reseller"),
            ("partner", "Đối tác", "Partner"),
            ("vip", "Khách VIP", "VIP"),
        ],
    ),
    (
        "contact_status",
        &[
            ("not_contacted", "Chưa liên hệ", "Not contacted"),
            ("contacted", "Đã liên hệ", "Contacted"),
            ("following_up", "Đang theo dõi", "Following up"),
            ("no_response", "Không phản hồi", "No response"),
            ("do_not_contact", "Không làm phiền", "Do not contact"),
        ],
    ),
    (
        "contact_source",
        &[
            ("website", "Website", "Website"),
            ("facebook", "Facebook", "Facebook"),
            ("zalo", "Zalo", "Zalo"),
            ("referral", "Giới thiệu", "Referral"),
            ("trade_show", "Hội chợ", "Trade show"),
            ("hotline", "Tổng đài", "Hotline"),
            ("email", "Email", "Email"),
            ("other", "Khác", "Other"),
        ],
    ),
    (
        "lost_reason",
        &[
            ("price", "Giá cao", "Price too high"),
            ("competitor", "Chọn đối thủ", "Chose a competitor"),
            ("no_budget", "Không có ngân sách", "No budget"),
            ("no_need", "Không còn nhu cầu", "No longer needed"),
            ("timing", "Chưa đúng thời điểm", "Bad timing"),
            ("product_fit", "Sản phẩm không phù hợp", "Product not a fit"),
            ("no_response", "Khách không phản hồi", "No response"),
            ("other", "Khác", "Other"),
        ],
    ),
];

/// The names of the workspace picklists, in display order.
pub fn picklist_names() -> impl Iterator<Item = &'static str> {
    PICKLISTS.iter().map(|(name, _)| *name)
}

/// Gives workspace `ws` the default statuses of every kind and values of every picklist.
/// Runs inside the sign-up transaction.
pub async fn seed(db: &impl ConnectionTrait, ws: Uuid) -> StoreResult<()> {
    for (kind, entries) in STATUSES {
        let items: Vec<NewStatus> = entries
            .iter()
            .enumerate()
            .map(|(i, (key, vi, en))| NewStatus {
                key: (*key).to_owned(),
                label_vi: (*vi).to_owned(),
                label_en: (*en).to_owned(),
                is_default: i == 0,
                outcome: (kind == RecordKind::Opportunity).then(|| outcome(key).to_owned()),
            })
            .collect();
        statuses::replace(db, ws, kind, &items).await?;
    }
    for (name, entries) in PICKLISTS {
        let values: Vec<Choice> = entries
            .iter()
            .map(|(key, vi, en)| Choice {
                key: (*key).to_owned(),
                label_vi: (*vi).to_owned(),
                label_en: (*en).to_owned(),
            })
            .collect();
        picklists::replace(db, ws, name, &values).await?;
    }
    Ok(())
}
