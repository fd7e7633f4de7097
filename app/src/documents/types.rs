use serde::{Deserialize, Serialize};

/// A document as its owner sees it in lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentView {
    pub id: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub uploaded: String,
}

impl DocumentView {
    pub fn download_href(&self) -> String {
        format!("{DOWNLOAD_PATH}/{}", self.id)
    }

    /// "Fahrzeugschein.pdf (PDF, 120 KB)"
    pub fn describe(&self) -> String {
        let kind = match self.content_type.as_str() {
            "application/pdf" => "PDF",
            "image/jpeg" => "JPEG",
            "image/png" => "PNG",
            other => other,
        };
        format!(
            "{} ({kind}, {})",
            self.file_name,
            human_size(self.size_bytes)
        )
    }
}

pub const UPLOAD_PATH: &str = "/dokumente/hochladen";
pub const DOWNLOAD_PATH: &str = "/dokumente";

/// Why an upload was refused; travels back to the form as `?upload=<code>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadProblem {
    Empty,
    WrongType,
    TooLarge,
    ApplicationFull,
    /// The account's document safe would grow past its quota.
    SafeFull,
    Failed,
}

impl UploadProblem {
    pub const ALL: [UploadProblem; 6] = [
        Self::Empty,
        Self::WrongType,
        Self::TooLarge,
        Self::ApplicationFull,
        Self::SafeFull,
        Self::Failed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Empty => "leer",
            Self::WrongType => "dateityp",
            Self::TooLarge => "zu-gross",
            Self::ApplicationFull => "antrag-voll",
            Self::SafeFull => "safe-voll",
            Self::Failed => "fehler",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The German sentence, naming the limit that applies.
    pub fn message(self, limits: UploadLimits) -> String {
        match self {
            Self::Empty => tr!("upload.empty"),
            Self::WrongType => tr!("upload.wrong_type"),
            Self::TooLarge => tr!("upload.too_large", max = limits.file_mb),
            Self::ApplicationFull => tr!("upload.application_full", max = limits.application_mb),
            Self::SafeFull => tr!("upload.safe_full", max = limits.safe_mb),
            Self::Failed => tr!("upload.failed"),
        }
    }
}

/// "120 KB", "3,4 MB"
pub fn human_size(bytes: i64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", (bytes + 1023) / 1024)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0)).replace('.', ",")
    }
}

/// Upload limits as the forms show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadLimits {
    pub file_mb: u64,
    pub application_mb: u64,
    /// The account's document safe in all (`PORTAL_SAFE_QUOTA_MB`).
    pub safe_mb: u64,
}
