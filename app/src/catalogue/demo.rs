//! Demo data for `portal seed-demo` and the run command: two authorities, realistic services
//! with their forms.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::entities::{authority, service};
use crate::error::AppError;
use crate::services::schema::FormSchema;
use crate::services::types::{Audience, Fee, FeeDue, Money, TrustLevel};

const AUTHORITIES: &[(&str, &str)] = &[
    ("stadt-musterstadt", "Stadt Musterstadt – Bürgeramt"),
    (
        "kreis-beispielkreis",
        "Landkreis Beispielkreis – Ordnungsamt",
    ),
];

struct DemoService {
    authority: &'static str,
    slug: &'static str,
    name: &'static str,
    summary: &'static str,
    description: &'static str,
    category: &'static str,
    keywords: &'static str,
    min_trust: TrustLevel,
    fee: Option<i64>,
    fee_due: FeeDue,
    form: &'static str,
}

const SERVICES: &[DemoService] = &[
    DemoService {
        authority: "stadt-musterstadt",
        slug: "bewohnerparkausweis",
        name: "Bewohnerparkausweis beantragen",
        summary: "Parkausweis für Anwohnerinnen und Anwohner in Bewohnerparkzonen.",
        description: "Mit dem Bewohnerparkausweis parken Sie in Ihrer Bewohnerparkzone ohne Parkschein. Er gilt ein Jahr für ein Fahrzeug, das auf Sie zugelassen ist oder das Sie dauerhaft nutzen.",
        category: "Verkehr und Mobilität",
        keywords: "parken auto kfz parkausweis anwohner anwohnerparken",
        min_trust: TrustLevel::Low,
        fee: Some(3060),
        fee_due: FeeDue::AfterReview,
        form: r#"{"sections": [
            {"title": "Fahrzeug", "intro": "Angaben zu dem Fahrzeug, für das der Ausweis gelten soll.", "fields": [
                {"id": "kennzeichen", "label": "Amtliches Kennzeichen", "help": "Wie auf dem Nummernschild, zum Beispiel M-AB 1234.",
                 "kind": {"type": "text", "rule": "license_plate"}, "required": true},
                {"id": "halter", "label": "Ist das Fahrzeug auf Sie zugelassen?", "kind": {"type": "yes_no"}, "required": true},
                {"id": "nutzung", "label": "Warum nutzen Sie das Fahrzeug dauerhaft?", "help": "Zum Beispiel Firmenwagen oder Fahrzeug der Eltern.",
                 "kind": {"type": "multiline", "max_len": 1000}, "required": true, "visible_if": {"field": "halter", "equals": "nein"}},
                {"id": "vollmacht", "label": "Nutzungsbestätigung des Halters", "kind": {"type": "file"}, "required": true,
                 "visible_if": {"field": "halter", "equals": "nein"}}
            ]},
            {"title": "Wohnsitz", "fields": [
                {"id": "wohnung", "label": "Anschrift in der Bewohnerparkzone", "kind": {"type": "address"}, "required": true, "prefill": "address"},
                {"id": "beginn", "label": "Gültig ab", "kind": {"type": "date", "not_in_past": true}, "required": true},
                {"id": "fahrzeugschein", "label": "Fahrzeugschein (Zulassungsbescheinigung Teil I)", "kind": {"type": "file"}, "required": true}
            ]}
        ]}"#,
    },
    DemoService {
        authority: "stadt-musterstadt",
        slug: "meldebescheinigung",
        name: "Meldebescheinigung anfordern",
        summary: "Bescheinigung über Ihre aktuelle Anschrift, z. B. für Behörden oder den Arbeitgeber.",
        description: "Die einfache Meldebescheinigung nennt Ihren Namen und Ihre Anschrift. Sie erhalten sie als PDF in Ihr Postfach.",
        category: "Meldewesen",
        keywords: "wohnsitz anschrift meldebestätigung meldebescheinigung",
        min_trust: TrustLevel::Low,
        fee: Some(500),
        fee_due: FeeDue::AfterReview,
        form: r#"{"sections": [
            {"title": "Angaben", "fields": [
                {"id": "vorname", "label": "Vorname", "kind": {"type": "text"}, "required": true, "prefill": "first_name"},
                {"id": "nachname", "label": "Nachname", "kind": {"type": "text"}, "required": true, "prefill": "last_name"},
                {"id": "geburtsdatum", "label": "Geburtsdatum", "kind": {"type": "date", "not_in_future": true}, "required": true, "prefill": "date_of_birth"},
                {"id": "zweck", "label": "Wofür brauchen Sie die Bescheinigung?", "kind": {"type": "choice", "options": ["Arbeitgeber", "Behörde", "Sonstiges"]}, "required": true},
                {"id": "zweck_text", "label": "Anderer Zweck", "kind": {"type": "text"}, "required": true, "visible_if": {"field": "zweck", "equals": "Sonstiges"}},
                {"id": "anzahl", "label": "Anzahl der Ausfertigungen", "kind": {"type": "number", "min": 1, "max": 5}, "required": true}
            ]}
        ]}"#,
    },
    DemoService {
        authority: "stadt-musterstadt",
        slug: "hundesteuer",
        name: "Hund zur Hundesteuer anmelden",
        summary: "Anmeldung eines Hundes zur Hundesteuer mit Steuermarke.",
        description: "Melden Sie Ihren Hund innerhalb von zwei Wochen nach Anschaffung oder Zuzug an. Die Steuermarke schicken wir Ihnen per Post.",
        category: "Steuern und Abgaben",
        keywords: "hund steuer steuermarke tier hundesteuer",
        min_trust: TrustLevel::Low,
        fee: None,
        fee_due: FeeDue::AtSubmission,
        form: r#"{"sections": [
            {"title": "Ihr Hund", "fields": [
                {"id": "hundename", "label": "Name des Hundes", "kind": {"type": "text", "max_len": 60}, "required": true},
                {"id": "rasse", "label": "Rasse", "help": "Bei Mischlingen die erkennbaren Rassen.", "kind": {"type": "text", "max_len": 100}, "required": true},
                {"id": "wurfdatum", "label": "Geburtsdatum des Hundes", "kind": {"type": "date", "not_in_future": true}},
                {"id": "haltung_seit", "label": "Hund gehalten seit", "kind": {"type": "date", "not_in_future": true}, "required": true}
            ]},
            {"title": "Halterin oder Halter", "fields": [
                {"id": "vorname", "label": "Vorname", "kind": {"type": "text"}, "required": true, "prefill": "first_name"},
                {"id": "nachname", "label": "Nachname", "kind": {"type": "text"}, "required": true, "prefill": "last_name"},
                {"id": "anschrift", "label": "Anschrift", "kind": {"type": "address"}, "required": true, "prefill": "address"},
                {"id": "versicherung", "label": "Nachweis der Hundehaftpflichtversicherung", "kind": {"type": "file"}}
            ]}
        ]}"#,
    },
    DemoService {
        authority: "kreis-beispielkreis",
        slug: "fuehrungszeugnis",
        name: "Führungszeugnis beantragen",
        summary: "Antrag auf ein Führungszeugnis für private oder behördliche Zwecke.",
        description: "Das Führungszeugnis stellt das Bundesamt für Justiz aus. Für den Online-Antrag muss Ihre Identität mit dem Online-Ausweis nachgewiesen sein.",
        category: "Ordnung und Sicherheit",
        keywords: "zeugnis polizeiliches führungszeugnis",
        min_trust: TrustLevel::Substantial,
        fee: Some(1300),
        fee_due: FeeDue::AtSubmission,
        form: r#"{"sections": [
            {"title": "Art des Führungszeugnisses", "fields": [
                {"id": "art", "label": "Welches Führungszeugnis brauchen Sie?", "kind": {"type": "choice", "options": ["Privatführungszeugnis", "Behördenführungszeugnis", "Erweitertes Führungszeugnis"]}, "required": true},
                {"id": "behoerde", "label": "Empfangende Behörde", "kind": {"type": "text"}, "required": true, "visible_if": {"field": "art", "equals": "Behördenführungszeugnis"}}
            ]}
        ]}"#,
    },
    DemoService {
        authority: "kreis-beispielkreis",
        slug: "kontaktformular",
        name: "Allgemeines Kontaktformular",
        summary: "Ihre Frage oder Ihr Anliegen an das Ordnungsamt.",
        description: "Schreiben Sie uns, wenn kein anderer Online-Dienst passt. Die Antwort erhalten Sie in Ihr Postfach.",
        category: "Allgemeines",
        keywords: "kontakt frage anliegen nachricht",
        min_trust: TrustLevel::Low,
        fee: None,
        fee_due: FeeDue::AtSubmission,
        form: r#"{"sections": [
            {"title": "Ihr Anliegen", "fields": [
                {"id": "betreff", "label": "Betreff", "kind": {"type": "text", "max_len": 120}, "required": true},
                {"id": "nachricht", "label": "Ihre Nachricht", "kind": {"type": "multiline", "max_len": 5000}, "required": true},
                {"id": "rueckruf", "label": "Möchten Sie zurückgerufen werden?", "kind": {"type": "yes_no"}, "required": true},
                {"id": "telefon", "label": "Telefonnummer für den Rückruf", "kind": {"type": "text", "rule": "phone"}, "required": true, "prefill": "phone",
                 "visible_if": {"field": "rueckruf", "equals": "ja"}},
                {"id": "anlage", "label": "Anlage", "kind": {"type": "file"}}
            ]}
        ]}"#,
    },
];

/// Inserts what is missing; running it twice changes nothing.
pub async fn seed(db: &impl ConnectionTrait) -> Result<(), AppError> {
    for (slug, name) in AUTHORITIES {
        if authority::Entity::find()
            .filter(authority::Column::Slug.eq(*slug))
            .one(db)
            .await?
            .is_none()
        {
            authority::ActiveModel {
                slug: Set(slug.to_string()),
                name: Set(name.to_string()),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    for d in SERVICES {
        let existing = service::Entity::find()
            .filter(service::Column::Slug.eq(d.slug))
            .one(db)
            .await?;
        let s = match existing {
            Some(s) => s,
            None => {
                let a = authority::Entity::find()
                    .filter(authority::Column::Slug.eq(d.authority))
                    .one(db)
                    .await?
                    .ok_or_else(|| AppError::internal("demo authority missing"))?;
                let fee = match d.fee {
                    Some(cents) => Fee::Fixed(Money::try_from(cents).map_err(AppError::internal)?),
                    None => Fee::None,
                };
                service::ActiveModel {
                    authority_id: Set(a.id),
                    slug: Set(d.slug.to_owned()),
                    name: Set(d.name.to_owned()),
                    summary: Set(d.summary.to_owned()),
                    category: Set(d.category.to_owned()),
                    keywords: Set(d.keywords.to_owned()),
                    description: Set(d.description.to_owned()),
                    audience: Set(Audience::Citizens),
                    min_trust: Set(d.min_trust),
                    fee_kind: Set(fee.kind()),
                    fee_cents: Set(fee.cents()),
                    fee_due: Set(d.fee_due),
                    form_version: Set(0),
                    ..Default::default()
                }
                .insert(db)
                .await?
            }
        };
        if s.form_version == 0 {
            let schema = FormSchema::parse_json(d.form)
                .map_err(|e| AppError::internal(format!("demo form {}: {e}", d.slug)))?;
            crate::services::ssr::publish_form(db, s.id, &schema).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_demo_form_is_a_valid_schema() {
        for d in super::SERVICES {
            crate::services::schema::FormSchema::parse_json(d.form)
                .unwrap_or_else(|e| panic!("{}: {e}", d.slug));
        }
    }
}
