use serde::{Deserialize, Serialize};

use crate::cases::types::{CaseDetail, CaseStatus, Sort};

/// Which cases of one's services the Postkorb shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum InboxView {
    /// Nobody has taken them yet.
    #[default]
    Unassigned,
    Mine,
    All,
}

impl InboxView {
    pub const ALL: [InboxView; 3] = [InboxView::Unassigned, InboxView::Mine, InboxView::All];

    pub fn as_str(self) -> &'static str {
        match self {
            InboxView::Unassigned => "offen",
            InboxView::Mine => "meine",
            InboxView::All => "alle",
        }
    }

    pub fn parse(s: &str) -> InboxView {
        Self::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .unwrap_or_default()
    }

    pub fn label(self) -> String {
        let key = format!("casework.view.{}", self.as_str());
        tr!(&key)
    }
}

/// The Postkorb's filter, sort and page, as the GET form and the URL carry it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxFilter {
    pub view: InboxView,
    pub q: String,
    pub status: String,
    pub service: String,
    pub from: String,
    pub to: String,
    /// Only cases with something new from the applicant.
    pub awaiting_only: bool,
    pub overdue_only: bool,
    pub sort: Sort,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxRow {
    pub number: String,
    pub title: String,
    pub service_name: String,
    pub status: CaseStatus,
    pub applicant: String,
    pub submitted: String,
    pub last_activity: String,
    /// Who has taken the case.
    pub assignee: Option<String>,
    pub due: String,
    pub overdue: bool,
    /// A new application or a new answer from the applicant.
    pub awaiting: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxList {
    pub items: Vec<InboxRow>,
    pub next: Option<String>,
    /// The services of the Postkorb, for the filter.
    pub services: Vec<String>,
    pub date_error: Option<String>,
}

/// A caseworker colleague a case can be handed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Colleague {
    /// The colleague's public id (never the database row).
    pub id: String,
    pub name: String,
}

/// A case as the back office sees it: the applicant's view plus who works it and what the
/// viewer may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkCase {
    pub case: CaseDetail,
    pub applicant: String,
    pub assignee: Option<String>,
    /// The viewer has taken the case: they may change it.
    pub mine: bool,
    /// The viewer is responsible for the service (may take the case).
    pub responsible: bool,
    /// The viewer is an authority admin (may reassign).
    pub admin: bool,
    pub next_statuses: Vec<CaseStatus>,
    pub documents_consent: bool,
    pub fee_kind: crate::services::types::FeeKind,
    pub due: String,
    pub overdue: bool,
    pub colleagues: Vec<Colleague>,
    pub audit: Vec<crate::audit::types::AuditLine>,
}
