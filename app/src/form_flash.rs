//! The error of a form sent without JavaScript, kept on the server (SPEC §8).
//!
//! leptos sends such a form back to its page with the error in the URL (`__err`: the
//! serialised `AppError`, the values typed in included). Shown as it comes, that lets anyone
//! put their own text under our domain's error summary with a crafted link, and it carries
//! names and addresses into browser history and proxy logs. So the server keeps the error
//! instead (`server::form_errors`): the URL's `__err` only says "kept" ([`MARKER`]), a
//! short-lived cookie names the stored error, and the page is rendered from it. The browser
//! reads the same error from the page ([`ELEMENT_ID`]) when it hydrates.

use crate::error::AppError;

/// What `__err` decodes to when the error is kept on the server.
pub const MARKER: &[u8] = b"kept";
/// The cookie naming the kept error (with `__Host-` on https).
pub const COOKIE: &str = "portal_form";
/// How long a kept error can be shown again (a reload, the back button).
pub const KEPT_SECS: i64 = 10 * 60;
/// The page element that hands the kept error to the browser's hydration.
pub const ELEMENT_ID: &str = "portal-form-error";

/// The kept error of the page being rendered, as JSON: a request extension the middleware
/// sets once it has checked the cookie.
#[derive(Debug, Clone)]
pub struct KeptError(pub String);

/// The error an `__err` parameter stands for. Only the kept one is believed; anything else
/// in a URL is somebody's text, and shows as the closed transport error.
pub fn from_url(bytes: &[u8]) -> AppError {
    (bytes == MARKER)
        .then(kept_json)
        .flatten()
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or(AppError::Transport)
}

#[cfg(feature = "ssr")]
fn kept_json() -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    parts.extensions.get::<KeptError>().map(|k| k.0.clone())
}

#[cfg(not(feature = "ssr"))]
fn kept_json() -> Option<String> {
    web_sys::window()?
        .document()?
        .get_element_by_id(ELEMENT_ID)?
        .text_content()
}

/// JSON safe inside a `<script>` element: no `<` can close it.
pub fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// Stores a form's error (JSON) and returns the token its cookie carries.
#[cfg(feature = "ssr")]
pub async fn keep(
    db: &impl sea_orm::ConnectionTrait,
    error: String,
) -> Result<crate::secret::Secret, AppError> {
    use crate::entities::kept_form_error;
    use sea_orm::{EntityTrait, Set};
    let token = crate::token::new_token();
    kept_form_error::Entity::insert(kept_form_error::ActiveModel {
        token_hash: Set(crate::token::token_hash(token.expose())),
        error: Set(error),
        expires_at: Set(crate::clock::now() + KEPT_SECS),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(token)
}

/// The error a cookie's token names, while it may be shown.
#[cfg(feature = "ssr")]
pub async fn find(
    db: &impl sea_orm::ConnectionTrait,
    token: &str,
) -> Result<Option<String>, AppError> {
    use crate::entities::kept_form_error;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    Ok(kept_form_error::Entity::find()
        .filter(kept_form_error::Column::TokenHash.eq(crate::token::token_hash(token)))
        .filter(kept_form_error::Column::ExpiresAt.gt(crate::clock::now()))
        .one(db)
        .await?
        .map(|row| row.error))
}

/// Forgets kept errors past their time (background job).
#[cfg(feature = "ssr")]
pub async fn purge_expired(db: &impl sea_orm::ConnectionTrait) -> Result<(), AppError> {
    use crate::entities::kept_form_error;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    kept_form_error::Entity::delete_many()
        .filter(kept_form_error::Column::ExpiresAt.lte(crate::clock::now()))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_a_url_is_never_shown() {
        let forged = serde_json::to_vec(&AppError::Conflict("Rufen Sie 0900 an".into())).unwrap();
        assert_eq!(from_url(&forged), AppError::Transport);
        // Without a kept error for this request, the marker shows nothing of its own either.
        assert_eq!(from_url(MARKER), AppError::Transport);
    }

    #[test]
    fn kept_json_cannot_close_its_script_element() {
        let json = serde_json::to_string("</script><script>alert(1)</script>").unwrap();
        let safe = script_safe(&json);
        assert!(!safe.contains('<'));
        assert_eq!(
            serde_json::from_str::<String>(&safe).unwrap(),
            "</script><script>alert(1)</script>"
        );
    }
}
