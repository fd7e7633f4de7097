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

#[cfg(test)]
mod tests {
    #[test]
    fn reserved_and_non_ascii_characters_are_encoded() {
        assert_eq!(super::encode("Straße & Co/1"), "Stra%C3%9Fe%20%26%20Co%2F1");
        assert_eq!(super::encode("a-b_c.d~e"), "a-b_c.d~e");
    }
}
