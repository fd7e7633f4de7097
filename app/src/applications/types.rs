use serde::{Deserialize, Serialize};

use crate::documents::types::{DocumentView, UploadLimits};
use crate::services::schema::{Answers, FormSchema};
use crate::services::types::ServiceFacts;

/// A service page (`/dienste/{slug}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceDetail {
    pub service: ServiceFacts,
    pub access: Access,
}

/// What the visitor can do on a service page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Access {
    /// Not logged in: log in or register first.
    Anonymous,
    /// Logged in, but the account's trust level is below the service's.
    TrustTooLow,
    /// May start; drafts already begun for this service are offered.
    Allowed { drafts: Vec<DraftSummary> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSummary {
    pub id: String,
    pub service_name: String,
    pub updated: String,
    pub resume_href: String,
}

/// A draft as the step pages need it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftView {
    pub id: String,
    pub service_name: String,
    pub service_slug: String,
    pub schema: FormSchema,
    pub answers: Answers,
    pub consent: bool,
    /// The applicant agrees to receive documents from the authority through the portal.
    pub documents_consent: bool,
    /// The applicant's document safe, to pick from.
    pub documents: Vec<DocumentView>,
    pub limits: UploadLimits,
}

impl DraftView {
    pub fn document(&self, id: &str) -> Option<&DocumentView> {
        self.documents.iter().find(|d| d.id == id)
    }
}

/// The confirmation after submitting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submitted {
    pub number: String,
    pub service_name: String,
    pub authority: String,
    pub submitted_at: String,
}

/// The steps of an application, in order: the form's pages, documents (if the form has file
/// fields), consent, summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A form page, 0-based.
    Page(usize),
    Documents,
    Consent,
    Summary,
}

impl Step {
    pub fn parse(s: &str) -> Option<Step> {
        match s {
            "dokumente" => Some(Step::Documents),
            "einwilligung" => Some(Step::Consent),
            "uebersicht" => Some(Step::Summary),
            _ => s
                .strip_prefix("seite-")
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| *n >= 1)
                .map(|n| Step::Page(n - 1)),
        }
    }

    pub fn slug(self) -> String {
        match self {
            Step::Page(i) => format!("seite-{}", i + 1),
            Step::Documents => "dokumente".into(),
            Step::Consent => "einwilligung".into(),
            Step::Summary => "uebersicht".into(),
        }
    }

    pub fn href(self, draft: &str) -> String {
        format!("/antrag/{draft}/{}", self.slug())
    }

    pub fn all(schema: &FormSchema) -> Vec<Step> {
        let mut steps: Vec<Step> = (0..schema.sections.len()).map(Step::Page).collect();
        if schema.has_files() {
            steps.push(Step::Documents);
        }
        steps.extend([Step::Consent, Step::Summary]);
        steps
    }

    pub fn next(self, schema: &FormSchema) -> Step {
        let all = Step::all(schema);
        let i = all.iter().position(|s| *s == self).unwrap_or(0);
        all.get(i + 1).copied().unwrap_or(Step::Summary)
    }

    pub fn previous(self, schema: &FormSchema) -> Option<Step> {
        let all = Step::all(schema);
        let i = all.iter().position(|s| *s == self)?;
        i.checked_sub(1).map(|p| all[p])
    }

    /// "Schritt 2 von 5"
    pub fn progress(self, schema: &FormSchema) -> (usize, usize) {
        let all = Step::all(schema);
        (
            all.iter().position(|s| *s == self).unwrap_or(0) + 1,
            all.len(),
        )
    }

    pub fn title(self, schema: &FormSchema) -> String {
        match self {
            Step::Page(i) => schema
                .sections
                .get(i)
                .map(|s| s.title.clone())
                .unwrap_or_default(),
            Step::Documents => tr!("application.documents_title"),
            Step::Consent => tr!("application.consent_title"),
            Step::Summary => tr!("application.summary_title"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_round_trip_and_follow_each_other() {
        for s in [
            "seite-1",
            "seite-3",
            "dokumente",
            "einwilligung",
            "uebersicht",
        ] {
            assert_eq!(Step::parse(s).map(Step::slug).as_deref(), Some(s));
        }
        assert_eq!(Step::parse("seite-0"), None);
        assert_eq!(Step::parse("../x"), None);
        let schema = FormSchema::parse_json(
            r#"{"sections": [{"title": "A", "fields": []}, {"title": "B", "fields": []}]}"#,
        )
        .unwrap();
        assert_eq!(
            Step::Page(1).next(&schema),
            Step::Consent,
            "no file fields: no documents step"
        );
        assert_eq!(Step::Consent.previous(&schema), Some(Step::Page(1)));
        assert_eq!(Step::Summary.progress(&schema), (4, 4));
    }
}
