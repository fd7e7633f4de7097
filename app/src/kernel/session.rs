//! The session rules of SPEC §2.3 that the browser and the server both apply.

/// A session ends after 20 minutes without a request (the default and the maximum of
/// `PORTAL_SESSION_IDLE_SECS`); the page warns before (WCAG 2.2.1).
pub const IDLE_TIMEOUT_SECS: i64 = 20 * 60;
