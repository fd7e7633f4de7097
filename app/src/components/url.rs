//! Addresses: the pages that components link to, and percent-encoding for the query strings
//! our pages build (filter links, return paths).

/// Where a session that must set up its second factor first is sent.
pub const SECOND_FACTOR_SETUP: &str = "/zwei-faktor-einrichten";

/// Encodes everything but RFC 3986's unreserved characters.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A path fit for a `Location` header: whatever a header cannot carry — controls such as
/// CR/LF, spaces, non-ASCII — is percent-encoded, so no input splits the header (or makes
/// the header constructor panic). Existing `%xx` escapes stay.
pub fn location(path: &str) -> String {
    path.bytes()
        .map(|b| {
            if b.is_ascii_graphic() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Redirects a server function's form post to `path` (see [`location`]).
#[cfg(feature = "ssr")]
pub fn redirect(path: &str) {
    leptos_axum::redirect(&location(path));
}

/// A `303 See Other` to `path` for a plain handler (see [`location`]).
#[cfg(feature = "ssr")]
pub fn see_other(path: &str) -> axum::response::Response {
    use axum::response::IntoResponse;
    axum::response::Redirect::to(&location(path)).into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_location_carries_no_header_breaking_bytes() {
        let l = super::location("/postfach/A\r\nSet-Cookie: x=1/ä?b=%20");
        assert_eq!(l, "/postfach/A%0D%0ASet-Cookie:%20x=1/%C3%A4?b=%20");
        assert!(l.bytes().all(|b| b.is_ascii_graphic()));
    }

    #[test]
    fn reserved_and_non_ascii_characters_are_encoded() {
        assert_eq!(super::encode("Straße & Co/1"), "Stra%C3%9Fe%20%26%20Co%2F1");
        assert_eq!(super::encode("a-b_c.d~e"), "a-b_c.d~e");
    }
}
