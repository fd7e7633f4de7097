//! Services on the server: a published form, publishing a new version, the authority's name.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::schema::FormSchema;
use crate::entities::{authority, service, service_form};
use crate::error::AppError;

pub async fn form(
    db: &impl ConnectionTrait,
    service_id: i64,
    version: i32,
) -> Result<FormSchema, AppError> {
    let row = service_form::Entity::find()
        .filter(service_form::Column::ServiceId.eq(service_id))
        .filter(service_form::Column::Version.eq(version))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    FormSchema::parse_json(&row.schema).map_err(AppError::internal)
}

/// Stores a new version of a service's form and publishes it; cases keep theirs.
pub async fn publish_form(
    db: &impl ConnectionTrait,
    service_id: i64,
    schema: &FormSchema,
) -> Result<i32, AppError> {
    schema.check().map_err(AppError::internal)?;
    let latest = service_form::Entity::find()
        .filter(service_form::Column::ServiceId.eq(service_id))
        .order_by_desc(service_form::Column::Version)
        .one(db)
        .await?
        .map_or(0, |f| f.version);
    let version = latest + 1;
    service_form::ActiveModel {
        service_id: Set(service_id),
        version: Set(version),
        schema: Set(serde_json::to_string(schema).map_err(AppError::internal)?),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    service::Entity::update_many()
        .col_expr(
            service::Column::FormVersion,
            sea_orm::sea_query::Expr::value(version),
        )
        .filter(service::Column::Id.eq(service_id))
        .exec(db)
        .await?;
    Ok(version)
}

/// The name of the authority that offers services (page headings, PDFs).
pub async fn authority_name(
    db: &impl ConnectionTrait,
    authority_id: i64,
) -> Result<String, AppError> {
    authority::Entity::find_by_id(authority_id)
        .one(db)
        .await?
        .map(|a| a.name)
        .ok_or_else(|| AppError::internal(format!("no authority {authority_id}")))
}
