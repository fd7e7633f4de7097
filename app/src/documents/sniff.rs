//! The type of an uploaded file, from its first bytes; the name and the browser's
//! Content-Type are not trusted.

/// The accepted types: (MIME type, magic bytes).
const SIGNATURES: [(&str, &[u8]); 3] = [
    ("application/pdf", b"%PDF-"),
    ("image/png", b"\x89PNG\r\n\x1a\n"),
    ("image/jpeg", b"\xff\xd8\xff"),
];

/// Bytes needed to decide.
pub const SNIFF_LEN: usize = 8;

pub fn content_type(head: &[u8]) -> Option<&'static str> {
    SIGNATURES
        .iter()
        .find(|(_, magic)| head.starts_with(magic))
        .map(|(mime, _)| *mime)
}

/// The extension matching a detected type, for the stored file name.
pub fn extension(mime: &str) -> &'static str {
    match mime {
        "application/pdf" => "pdf",
        "image/png" => "png",
        _ => "jpg",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_content() {
        assert_eq!(content_type(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(content_type(b"\x89PNG\r\n\x1a\n\0\0"), Some("image/png"));
        assert_eq!(
            content_type(b"\xff\xd8\xff\xe0\0\x10JFIF"),
            Some("image/jpeg")
        );
        assert_eq!(content_type(b"MZ\x90\0 an exe called bild.pdf"), None);
        assert_eq!(content_type(b"<html>"), None);
        assert_eq!(content_type(b""), None);
    }
}
