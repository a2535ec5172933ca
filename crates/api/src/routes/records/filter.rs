//! The list query string and the rich filter, turned into the store's filter (tag names
//! resolved, search text turned into needles, cities folded).

use chrono::{DateTime, Utc};
use sen_api_types::record::{RecordFilter, RecordSearch};
use sen_domain::value::search_key;
use sen_store::ConnectionTrait;
use sen_store::repo::records::Filter;
use sen_store::repo::tags;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::context::Ctx;
use crate::error::{ApiError, ApiResult};

/// The list's query string. Lists of values are comma-separated.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Search text: name (any order, accents ignored), phone in any format, email, company.
    pub q: Option<String>,
    /// Status keys, comma-separated (any).
    pub status: Option<String>,
    /// Tag names, comma-separated (any).
    pub tag: Option<String>,
    /// Tag names, comma-separated (all).
    pub tags_all: Option<String>,
    /// Owner ids, comma-separated.
    pub owner_id: Option<String>,
    /// Owned by a member of this team.
    pub team_id: Option<Uuid>,
    /// Source keys, comma-separated.
    pub source: Option<String>,
    /// Industry keys, comma-separated.
    pub industry: Option<String>,
    /// Cities, comma-separated (accents ignored).
    pub city: Option<String>,
    /// Created at or after (RFC 3339).
    pub created_from: Option<DateTime<Utc>>,
    /// Created before (RFC 3339).
    pub created_to: Option<DateTime<Utc>>,
    /// Changed at or after (RFC 3339).
    pub updated_from: Option<DateTime<Utc>>,
    /// Changed before (RFC 3339).
    pub updated_to: Option<DateTime<Utc>>,
    /// Has at least one phone (true) or none (false).
    pub has_phone: Option<bool>,
    /// Has at least one email (true) or none (false).
    pub has_email: Option<bool>,
    /// Sort column, `-` for descending (default `-created_at`).
    pub sort: Option<String>,
    /// Page size 1–200 (default 50).
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

fn split(v: Option<String>) -> Vec<String> {
    v.map(|s| {
        s.split(',')
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect()
    })
    .unwrap_or_default()
}

impl ListQuery {
    /// The same request as a search body.
    pub fn into_search(self) -> RecordSearch {
        let owner_ids = split(self.owner_id)
            .iter()
            .filter_map(|s| s.parse().ok())
            .collect();
        RecordSearch {
            filter: RecordFilter {
                q: self.q,
                status: split(self.status),
                tags_any: split(self.tag),
                tags_all: split(self.tags_all),
                owner_ids,
                team_id: self.team_id,
                source: split(self.source),
                industry: split(self.industry),
                city: split(self.city),
                created_from: self.created_from,
                created_to: self.created_to,
                updated_from: self.updated_from,
                updated_to: self.updated_to,
                custom: serde_json::Map::new(),
                has_phone: self.has_phone,
                has_email: self.has_email,
            },
            sort: self.sort,
            limit: self.limit,
            cursor: self.cursor,
        }
    }
}

/// The store's filter for an API filter.
pub async fn to_store_filter(
    db: &impl ConnectionTrait,
    ctx: &Ctx,
    f: &RecordFilter,
) -> ApiResult<Filter> {
    let mut out = Filter {
        statuses: f.status.clone(),
        owner_ids: f.owner_ids.clone(),
        team_id: f.team_id,
        sources: f.source.clone(),
        industries: f.industry.clone(),
        cities: f.city.iter().map(|c| search_key(c)).collect(),
        created_from: f.created_from,
        created_to: f.created_to,
        updated_from: f.updated_from,
        updated_to: f.updated_to,
        custom: f
            .custom
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        has_phone: f.has_phone,
        has_email: f.has_email,
        ..Filter::default()
    };
    if let Some(q) = &f.q {
        out.search_for(q, ctx.country);
    }
    for (k, v) in &f.custom {
        if !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            || v.is_object()
            || v.is_array()
        {
            return Err(ApiError::field(
                &format!("filter.custom.{k}"),
                "invalid_filter",
                "filter a custom field by a single value",
            ));
        }
    }
    let resolve = |names: &[String]| {
        let names = names.to_vec();
        async move {
            let mut ids = Vec::new();
            let mut missing = false;
            for name in names {
                match tags::by_name(db, ctx.ws(), &name).await? {
                    Some(t) => ids.push(t.id),
                    None => missing = true,
                }
            }
            Ok::<_, ApiError>((ids, missing))
        }
    };
    if !f.tags_any.is_empty() {
        let (ids, _) = resolve(&f.tags_any).await?;
        out.nothing |= ids.is_empty();
        out.tags_any = ids;
    }
    if !f.tags_all.is_empty() {
        let (ids, missing) = resolve(&f.tags_all).await?;
        out.nothing |= missing;
        out.tags_all = ids;
    }
    Ok(out)
}
