//! Demo data for `portal seed-demo` and the run command: two authorities, a few services.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::entities::{authority, service};
use crate::error::AppError;

const AUTHORITIES: &[(&str, &str)] = &[
    ("stadt-musterstadt", "Stadt Musterstadt – Bürgeramt"),
    ("kreis-beispielkreis", "Landkreis Beispielkreis – Ordnungsamt"),
];

/// (authority slug, service slug, name, summary, category, keywords)
const SERVICES: &[(&str, &str, &str, &str, &str, &str)] = &[
    ("stadt-musterstadt", "bewohnerparkausweis", "Bewohnerparkausweis beantragen", "Parkausweis für Anwohnerinnen und Anwohner in Bewohnerparkzonen.", "Verkehr und Mobilität", "parken auto kfz parkausweis anwohner"),
    ("stadt-musterstadt", "meldebescheinigung", "Meldebescheinigung anfordern", "Bescheinigung über Ihre aktuelle Anschrift, z. B. für Behörden oder den Arbeitgeber.", "Meldewesen", "wohnsitz anschrift meldebestätigung"),
    ("stadt-musterstadt", "hundesteuer", "Hund zur Hundesteuer anmelden", "Anmeldung eines Hundes zur Hundesteuer mit Steuermarke.", "Steuern und Abgaben", "hund steuer steuermarke tier"),
    ("kreis-beispielkreis", "fuehrungszeugnis", "Führungszeugnis beantragen", "Antrag auf ein Führungszeugnis für private oder behördliche Zwecke.", "Ordnung und Sicherheit", "zeugnis polizeiliches führungszeugnis"),
    ("kreis-beispielkreis", "kontaktformular", "Allgemeines Kontaktformular", "Ihre Frage oder Ihr Anliegen an das Ordnungsamt.", "Allgemeines", "kontakt frage anliegen nachricht"),
];

/// Inserts what is missing; running it twice changes nothing.
pub async fn seed(db: &impl ConnectionTrait) -> Result<(), AppError> {
    for (slug, name) in AUTHORITIES {
        if authority::Entity::find().filter(authority::Column::Slug.eq(*slug)).one(db).await?.is_none() {
            authority::ActiveModel { slug: Set(slug.to_string()), name: Set(name.to_string()), ..Default::default() }
                .insert(db)
                .await?;
        }
    }
    for (auth, slug, name, summary, category, keywords) in SERVICES {
        if service::Entity::find().filter(service::Column::Slug.eq(*slug)).one(db).await?.is_some() {
            continue;
        }
        let a = authority::Entity::find()
            .filter(authority::Column::Slug.eq(*auth))
            .one(db)
            .await?
            .ok_or_else(|| AppError::internal("demo authority missing"))?;
        service::ActiveModel {
            authority_id: Set(a.id),
            slug: Set(slug.to_string()),
            name: Set(name.to_string()),
            summary: Set(summary.to_string()),
            category: Set(category.to_string()),
            keywords: Set(keywords.to_string()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
