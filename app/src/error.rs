//! The one error type the browser ever sees. Its cases are closed and their texts are ours:
//! a database or I/O error is logged on the server with a request id and reaches the client
//! only as `Internal { request_id }`.

use serde::{Deserialize, Serialize};

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    Unauthenticated,
    Forbidden,
    /// The portal requires a second factor and the session's account has none yet.
    SecondFactorRequired,
    NotFound,
    /// A request that cannot be done in the current state; the text is a user-facing sentence.
    Conflict(String),
    Validation(FieldErrors),
    TooManyRequests {
        retry_after_secs: u64,
    },
    /// The request body is larger than the server accepts.
    TooLarge,
    Internal {
        request_id: String,
    },
    /// The request did not reach the server or its answer could not be read.
    Transport,
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            AppError::Unauthenticated => tr!("error.unauthenticated"),
            AppError::Forbidden => tr!("error.forbidden"),
            AppError::SecondFactorRequired => tr!("error.second_factor_required"),
            AppError::NotFound => tr!("error.not_found"),
            AppError::Conflict(sentence) => sentence.clone(),
            AppError::Validation(_) => tr!("error.validation"),
            AppError::TooManyRequests { retry_after_secs } if *retry_after_secs > 90 => {
                tr!(
                    "error.locked_minutes",
                    minutes = retry_after_secs.div_ceil(60)
                )
            }
            AppError::TooManyRequests { retry_after_secs } => {
                tr!("error.wait_seconds", secs = retry_after_secs)
            }
            AppError::TooLarge => tr!("error.too_large"),
            AppError::Internal { request_id } => tr!("error.internal", request_id = request_id),
            AppError::Transport => tr!("error.transport"),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for AppError {}

impl AppError {
    /// The HTTP status that says what went wrong, so that monitoring can tell a user's typo
    /// (4xx) from a fault of ours (500).
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden | AppError::SecondFactorRequired => 403,
            AppError::NotFound => 404,
            AppError::Conflict(_) => 409,
            AppError::TooLarge => 413,
            AppError::Validation(_) => 422,
            AppError::TooManyRequests { .. } => 429,
            AppError::Internal { .. } => 500,
            // The server could not read the request (malformed or cut-off arguments).
            AppError::Transport => 400,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        tracing::warn!(error = %value, "server function transport error");
        let _ = value;
        AppError::Transport
    }

    /// A server function's error answer is JSON; an `__err` from a page's URL names the
    /// error the server kept (`crate::form_flash`), and nothing else from a URL is believed.
    fn de(data: leptos::server_fn::Bytes) -> Self {
        if data.as_ref() == crate::form_flash::MARKER {
            return crate::form_flash::from_url(&data);
        }
        serde_json::from_slice(&data).unwrap_or_else(|e| {
            Self::from_server_fn_error(ServerFnErrorErr::Deserialization(e.to_string()))
        })
    }
}

/// Messages per form field, plus the non-secret values the user entered so that a form
/// submitted without JavaScript is shown again filled in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors {
    pub errors: Vec<FieldError>,
    pub values: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldErrors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// Records a value to show again; never call this with a password.
    pub fn keep(&mut self, field: &str, value: &str) {
        self.values.push((field.to_owned(), value.to_owned()));
    }

    pub fn message_for(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    }

    pub fn value_for(&self, field: &str) -> Option<String> {
        self.values
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, v)| v.clone())
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// `Err(Validation)` when any field failed, so callers can write `errors.into_result()?`.
    pub fn into_result(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self))
        }
    }
}

#[cfg(feature = "ssr")]
mod server {
    use super::AppError;

    /// A short id that ties the user's error message to the log line with the real cause.
    pub fn new_request_id() -> String {
        use rand::Rng;
        format!("{:08x}", rand::rng().random::<u32>())
    }

    impl AppError {
        /// Logs `cause` and returns the opaque `Internal` case.
        pub fn internal(cause: impl std::fmt::Display) -> Self {
            let request_id = new_request_id();
            tracing::error!(%request_id, error = %cause, "internal error");
            AppError::Internal { request_id }
        }
    }

    impl axum::response::IntoResponse for AppError {
        /// For plain handlers (downloads, PDF): the status the error means and its German text.
        fn into_response(self) -> axum::response::Response {
            let status = http::StatusCode::from_u16(self.status())
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
            (status, self.to_string()).into_response()
        }
    }

    impl From<sea_orm::DbErr> for AppError {
        fn from(e: sea_orm::DbErr) -> Self {
            AppError::internal(e)
        }
    }

    impl From<sea_orm::TransactionError<AppError>> for AppError {
        fn from(e: sea_orm::TransactionError<AppError>) -> Self {
            match e {
                sea_orm::TransactionError::Connection(db) => db.into(),
                sea_orm::TransactionError::Transaction(app) => app,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_lock_is_reported_in_minutes() {
        let text = AppError::TooManyRequests {
            retry_after_secs: 900,
        }
        .to_string();
        assert!(text.contains("15 Minuten"), "{text}");
        let text = AppError::TooManyRequests {
            retry_after_secs: 8,
        }
        .to_string();
        assert!(text.contains("8 Sekunden"), "{text}");
    }

    #[test]
    fn only_our_own_faults_answer_500() {
        let user_errors = [
            AppError::Unauthenticated,
            AppError::Forbidden,
            AppError::SecondFactorRequired,
            AppError::NotFound,
            AppError::Conflict("x".into()),
            AppError::Validation(FieldErrors::default()),
            AppError::TooManyRequests {
                retry_after_secs: 1,
            },
            AppError::TooLarge,
            AppError::Transport,
        ];
        for e in user_errors {
            assert!(
                (400..500).contains(&e.status()),
                "{e:?} answers {}",
                e.status()
            );
        }
        assert_eq!(
            AppError::Internal {
                request_id: "1".into()
            }
            .status(),
            500
        );
        assert_eq!(AppError::Validation(FieldErrors::default()).status(), 422);
    }

    #[test]
    fn field_errors_without_messages_are_ok() {
        assert_eq!(FieldErrors::default().into_result(), Ok(()));
        let mut f = FieldErrors::default();
        f.add("email", "x");
        assert!(matches!(f.into_result(), Err(AppError::Validation(_))));
    }
}
