use serde::{Deserialize, Serialize};

use crate::documents::types::DocumentView;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaseStatus {
    Received,
    InProgress,
    Question,
    Closed,
    Rejected,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 5] = [
        Self::Received,
        Self::InProgress,
        Self::Question,
        Self::Closed,
        Self::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::InProgress => "in_progress",
            Self::Question => "question",
            Self::Closed => "closed",
            Self::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// "eingegangen", "in Bearbeitung", …
    pub fn label(self) -> String {
        let key = format!("case.status.{}", self.as_str());
        tr!(&key)
    }

    /// The applicant may still reply.
    pub fn open_for_replies(self) -> bool {
        !matches!(self, Self::Closed | Self::Rejected)
    }

    /// The allowed status changes (SPEC §5): eingegangen → in Bearbeitung → Rückfrage ⇄ in
    /// Bearbeitung → abgeschlossen/abgelehnt; a finished case stays finished.
    pub fn may_become(self, next: CaseStatus) -> bool {
        use CaseStatus::*;
        matches!(
            (self, next),
            (Received, InProgress | Rejected)
                | (InProgress, Question | Closed | Rejected)
                | (Question, InProgress | Closed | Rejected)
        )
    }

    pub fn next_statuses(self) -> Vec<CaseStatus> {
        Self::ALL
            .into_iter()
            .filter(|n| self.may_become(*n))
            .collect()
    }
}

/// A row of the mailbox list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub number: String,
    pub title: String,
    pub service_name: String,
    pub status: CaseStatus,
    pub unread: u32,
    pub last_activity: String,
    pub submitted: String,
}

/// One message of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub from_applicant: bool,
    pub author: String,
    pub body: String,
    pub sent: String,
    /// Unread until this opening.
    pub was_unread: bool,
    pub attachments: Vec<DocumentView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub status: CaseStatus,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDocumentView {
    pub label: String,
    pub document: DocumentView,
}

/// A case page.
///
/// `fee` is a fee the caseworker set, in words (`30,60 €`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub number: String,
    pub title: String,
    pub service_name: String,
    pub authority: String,
    pub status: CaseStatus,
    pub submitted: String,
    pub trashed: bool,
    pub history: Vec<HistoryEntry>,
    pub messages: Vec<MessageView>,
    pub documents: Vec<CaseDocumentView>,
    /// The answers as (label, value) pairs per form section, as filed.
    pub answers: Vec<(String, Vec<(String, String)>)>,
    pub fee: Option<String>,
}

/// The mailbox list's filter, sort and page, as the GET form and the URL carry it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFilter {
    /// Words searched in titles, numbers and messages.
    pub q: String,
    /// A `CaseStatus::as_str`, or empty for all.
    pub status: String,
    /// A service name, or empty for all.
    pub service: String,
    pub unread_only: bool,
    /// `TT.MM.JJJJ` or ISO; empty for open-ended.
    pub from: String,
    pub to: String,
    pub sort: Sort,
    /// The keyset cursor of the page's first row (from the previous page's `next`).
    pub after: String,
    pub trash: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    Status,
    Service,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Newest, Sort::Oldest, Sort::Status, Sort::Service];

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Newest => "neueste",
            Sort::Oldest => "aelteste",
            Sort::Status => "status",
            Sort::Service => "dienst",
        }
    }

    pub fn parse(s: &str) -> Sort {
        Sort::ALL
            .into_iter()
            .find(|x| x.as_str() == s)
            .unwrap_or_default()
    }

    pub fn label(self) -> String {
        let key = format!("mailbox.sort.{}", self.as_str());
        tr!(&key)
    }
}

/// One page of the mailbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseList {
    pub items: Vec<CaseSummary>,
    /// The cursor for the next page, if there is one.
    pub next: Option<String>,
    /// The services the account has cases of, for the filter.
    pub services: Vec<String>,
    /// Unread messages over all cases (the `Eingang (N)` count).
    pub unread_total: u64,
    /// A date in the filter that could not be read.
    pub date_error: Option<String>,
    pub trash_days: i64,
    pub retention_days: i64,
}

#[cfg(test)]
mod tests {
    use super::CaseStatus::*;

    #[test]
    fn the_status_moves_forward_only_along_the_allowed_paths() {
        assert_eq!(Received.next_statuses(), vec![InProgress, Rejected]);
        assert_eq!(InProgress.next_statuses(), vec![Question, Closed, Rejected]);
        assert_eq!(Question.next_statuses(), vec![InProgress, Closed, Rejected]);
        assert!(Closed.next_statuses().is_empty() && Rejected.next_statuses().is_empty());
        assert!(
            !Received.may_become(Closed)
                && !Received.may_become(Question)
                && !InProgress.may_become(Received)
        );
    }
}
