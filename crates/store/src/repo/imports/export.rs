//! Reading the records an export writes: the caller's visible records matching the list
//! filter, in id order, a page at a time (memory stays bounded whatever the list's size).

use sea_orm::{
    ColumnTrait, ConnectionTrait, DerivePartialModel, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::entity::record::{Column, Entity, Model};
use crate::error::StoreResult;
use crate::repo::records::{self, Filter, Viewer, list_select};

/// The next `limit` records after `after`, with the columns an export writes only (see
/// [`Exported`]).
pub async fn export_page(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    kind: &str,
    filter: &Filter,
    after: Option<Uuid>,
    limit: u64,
) -> StoreResult<Vec<Model>> {
    let mut q = list_select(db.get_database_backend(), viewer, kind, filter);
    if let Some(a) = after {
        q = q.filter(Column::Id.gt(a));
    }
    let rows = q
        .order_by_asc(Column::Id)
        .limit(limit)
        .into_partial_model::<Exported>()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(Model::from).collect())
}

/// A record's columns that an export's cells are made of, and those every record shown
/// carries. Left out: the search and duplicate keys, links to other records, the trash, merge
/// and conversion marks, and the import a record came from — twenty of its 55 columns. Each
/// value read costs a copy and a lookup of its column whatever its size: a page of 2,000
/// records took 45 ms to read whole on SQLite at a million records, of which these columns
/// were more than a third.
#[derive(Debug, DerivePartialModel)]
#[sea_orm(entity = "Entity", from_query_result)]
struct Exported {
    id: Uuid,
    workspace_id: Uuid,
    kind: String,
    status: String,
    first_name: Option<String>,
    last_name: Option<String>,
    name: String,
    birthday: Option<sea_orm::prelude::Date>,
    gender: Option<String>,
    national_id: Option<String>,
    job_title: Option<String>,
    source: String,
    industry: String,
    company_name: Option<String>,
    notes: Option<String>,
    custom: sea_orm::prelude::Json,
    websites: sea_orm::prelude::Json,
    addresses: sea_orm::prelude::Json,
    city: String,
    org_size: Option<String>,
    contact_source: Option<String>,
    customer_group: Option<String>,
    contact_status: Option<String>,
    amount: Option<String>,
    currency: Option<String>,
    expected_close_date: Option<sea_orm::prelude::Date>,
    probability: Option<i32>,
    lost_reason: Option<String>,
    owner_id: Uuid,
    sharing_mode: String,
    created_by: Uuid,
    created_via: String,
    version: i64,
    created_at: sea_orm::prelude::DateTimeUtc,
    updated_at: sea_orm::prelude::DateTimeUtc,
}

impl From<Exported> for Model {
    /// The record as a list reads it, its unread columns as a new record has them.
    fn from(e: Exported) -> Model {
        let blank = records::blank_with_id(e.id, e.workspace_id, &e.kind, e.owner_id, e.created_at);
        Model {
            id: e.id,
            workspace_id: e.workspace_id,
            kind: e.kind,
            status: e.status,
            first_name: e.first_name,
            last_name: e.last_name,
            name: e.name,
            birthday: e.birthday,
            gender: e.gender,
            national_id: e.national_id,
            job_title: e.job_title,
            source: e.source,
            industry: e.industry,
            company_name: e.company_name,
            notes: e.notes,
            custom: e.custom,
            websites: e.websites,
            addresses: e.addresses,
            city: e.city,
            org_size: e.org_size,
            contact_source: e.contact_source,
            customer_group: e.customer_group,
            contact_status: e.contact_status,
            amount: e.amount,
            currency: e.currency,
            expected_close_date: e.expected_close_date,
            probability: e.probability,
            lost_reason: e.lost_reason,
            owner_id: e.owner_id,
            sharing_mode: e.sharing_mode,
            created_by: e.created_by,
            created_via: e.created_via,
            version: e.version,
            created_at: e.created_at,
            updated_at: e.updated_at,
            ..blank
        }
    }
}
