//! Authenticator-app codes (TOTP, RFC 6238): SHA-1, 6 digits, 30-second steps — what every
//! authenticator app understands. Verification is pure (time and last used step come in), so
//! the replay rule and the RFC test vectors can be tested without a clock or a database.

use totp_rs::{Algorithm, Secret as TotpSecret, TOTP};

use crate::secret::Secret;

pub const STEP_SECS: i64 = 30;
const ISSUER: &str = "Serviceportal";

/// A TOTP key of one account.
pub struct TotpKey(TOTP);

impl TotpKey {
    /// A new random key: 160 bits, the length RFC 4226 recommends.
    pub fn generate_secret() -> Secret {
        use rand::RngCore;
        let mut bytes = [0u8; 20];
        rand::rng().fill_bytes(&mut bytes);
        Secret::new(TotpSecret::Raw(bytes.to_vec()).to_encoded().to_string())
    }

    /// The key from its stored base32 form; `label` is what the app shows (the e-mail address).
    pub fn from_base32(secret: &Secret, label: &str) -> Option<TotpKey> {
        let bytes = TotpSecret::Encoded(secret.expose().to_owned())
            .to_bytes()
            .ok()?;
        Self::new(Algorithm::SHA1, 6, bytes, label)
    }

    fn new(algorithm: Algorithm, digits: usize, bytes: Vec<u8>, label: &str) -> Option<TotpKey> {
        // The otpauth label may not contain a colon; an e-mail address never does.
        TOTP::new(
            algorithm,
            digits,
            1,
            STEP_SECS as u64,
            bytes,
            Some(ISSUER.to_owned()),
            label.replace(':', ""),
        )
        .ok()
        .map(TotpKey)
    }

    pub fn code_at(&self, unix_secs: i64) -> String {
        self.0.generate(unix_secs.max(0) as u64)
    }

    /// The step of `code` if it belongs to the current or an adjacent step (clock drift) and
    /// that step is later than the last one used: a code is accepted only once.
    pub fn verify(&self, code: &str, unix_secs: i64, last_used_step: Option<i64>) -> Option<i64> {
        let code = code.trim();
        if code.len() != self.0.digits || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let current = unix_secs.div_euclid(STEP_SECS);
        [current - 1, current, current + 1]
            .into_iter()
            .filter(|step| last_used_step.is_none_or(|last| *step > last))
            .find(|step| {
                let expected = self.code_at(step * STEP_SECS);
                // Constant time, so the comparison does not tell how many digits were right.
                expected
                    .bytes()
                    .zip(code.bytes())
                    .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                    == 0
            })
    }

    /// The `otpauth://` URI that the QR code carries.
    pub fn otpauth_url(&self) -> String {
        self.0.get_url()
    }

    /// The URI as an SVG QR code (no scripts, fine for the page's CSP).
    pub fn qr_svg(&self) -> String {
        use qrcode::render::svg;
        let code =
            qrcode::QrCode::with_error_correction_level(self.otpauth_url(), qrcode::EcLevel::M)
                .expect("an otpauth URI fits a QR code");
        code.render::<svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build()
    }
}

/// The base32 secret in groups of four, easier to type into an app by hand.
pub fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238, Appendix B: 8-digit codes for the ASCII key "1234567890…".
    #[test]
    fn rfc_6238_test_vectors() {
        let sha1 = TotpKey::new(Algorithm::SHA1, 8, b"12345678901234567890".to_vec(), "t").unwrap();
        let sha256 = TotpKey::new(
            Algorithm::SHA256,
            8,
            b"12345678901234567890123456789012".to_vec(),
            "t",
        )
        .unwrap();
        let sha512 = TotpKey::new(
            Algorithm::SHA512,
            8,
            b"1234567890123456789012345678901234567890123456789012345678901234".to_vec(),
            "t",
        )
        .unwrap();
        let vectors: [(i64, &str, &str, &str); 6] = [
            (59, "94287082", "46119246", "90693936"),
            (1111111109, "07081804", "68084774", "25091201"),
            (1111111111, "14050471", "67062674", "99943326"),
            (1234567890, "89005924", "91819424", "93441116"),
            (2000000000, "69279037", "90698825", "38618901"),
            (20000000000, "65353130", "77737706", "47863826"),
        ];
        for (t, a, b, c) in vectors {
            assert_eq!(sha1.code_at(t), a, "SHA1 at {t}");
            assert_eq!(sha256.code_at(t), b, "SHA256 at {t}");
            assert_eq!(sha512.code_at(t), c, "SHA512 at {t}");
        }
    }

    fn key() -> TotpKey {
        TotpKey::from_base32(&TotpKey::generate_secret(), "erika@example.de").unwrap()
    }

    #[test]
    fn accepts_the_current_and_adjacent_steps_only() {
        let k = key();
        let t = 1_800_000_015;
        let step = t / STEP_SECS;
        assert_eq!(k.verify(&k.code_at(t), t, None), Some(step));
        assert_eq!(k.verify(&k.code_at(t - 30), t, None), Some(step - 1));
        assert_eq!(k.verify(&k.code_at(t + 30), t, None), Some(step + 1));
        assert_eq!(k.verify(&k.code_at(t - 60), t, None), None);
        assert_eq!(k.verify(&k.code_at(t + 60), t, None), None);
        assert_eq!(k.verify("12345", t, None), None);
        assert_eq!(k.verify("abcdef", t, None), None);
    }

    #[test]
    fn a_used_code_is_refused_and_so_is_an_older_one() {
        let k = key();
        let t = 1_800_000_015;
        let used = k.verify(&k.code_at(t), t, None).unwrap();
        assert_eq!(k.verify(&k.code_at(t), t, Some(used)), None, "replay");
        assert_eq!(
            k.verify(&k.code_at(t - 30), t, Some(used)),
            None,
            "older step"
        );
        assert_eq!(
            k.verify(&k.code_at(t + 30), t + 30, Some(used)),
            Some(used + 1),
            "the next step works"
        );
    }

    #[test]
    fn the_qr_code_carries_the_otpauth_uri() {
        let k = key();
        assert!(
            k.otpauth_url()
                .starts_with("otpauth://totp/Serviceportal:erika%40example.de?secret="),
            "{}",
            k.otpauth_url()
        );
        assert!(k.qr_svg().starts_with("<?xml") || k.qr_svg().contains("<svg"));
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
    }
}
