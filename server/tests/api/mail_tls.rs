//! Mail to a relay over TLS (issue 11, item 16): `smtps://` and STARTTLS required, against a
//! local TLS SMTP capture (`scripts/tls-smtp-capture.mjs`) whose certificate our own test CA
//! signed. The relay's certificate is checked: without that CA nothing goes out, and a relay
//! that offers no STARTTLS gets no mail in the clear.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use app::mail::transport::Transport;

/// A CA and a certificate for `localhost` signed by it, as PEM files in `dir`.
fn certificates(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca.self_signed(&ca_key).unwrap();
    let key = KeyPair::generate().unwrap();
    let cert = CertificateParams::new(vec!["localhost".to_owned()])
        .unwrap()
        .signed_by(&key, &ca, &ca_key)
        .unwrap();
    let write = |name: &str, pem: String| {
        let path = dir.join(name);
        std::fs::write(&path, pem).unwrap();
        path
    };
    (
        write("ca.pem", ca.pem()),
        write("relay.pem", cert.pem()),
        write("relay-key.pem", key.serialize_pem()),
    )
}

/// The capture, stopped by its process id when dropped.
struct Capture {
    child: Child,
    port: u16,
    mails: PathBuf,
}

impl Drop for Capture {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn capture(mode: &str, cert: &Path, key: &Path, dir: &Path) -> Capture {
    let mails = dir.join(format!("mails-{mode}"));
    std::fs::create_dir_all(&mails).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut child = Command::new("node")
        .arg(root.join("scripts/tls-smtp-capture.mjs"))
        .args(["--mode", mode])
        .arg("--cert")
        .arg(cert)
        .arg("--key")
        .arg(key)
        .arg("--dir")
        .arg(&mails)
        .current_dir(root)
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs the TLS capture");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .trim()
        .strip_prefix("listening ")
        .unwrap_or_else(|| panic!("capture did not start: {line:?}"))
        .parse()
        .unwrap();
    Capture { child, port, mails }
}

fn transport(smtp_url: &str, ca_file: Option<&Path>) -> Transport {
    let mut vars = vec![("SMTP_URL".to_owned(), smtp_url.to_owned())];
    if let Some(ca) = ca_file {
        vars.push(("SMTP_CA_FILE".to_owned(), ca.display().to_string()));
    }
    let config = app::config::Config::from_vars(vars.into_iter().collect()).unwrap();
    Transport::from_config(&config).unwrap()
}

fn mail(to: &str) -> app::entities::mail_outbox::Model {
    app::entities::mail_outbox::Model {
        id: 1,
        recipient: to.to_owned(),
        subject: "Ihr Passwort wurde geändert".to_owned(),
        body: "Guten Tag,\n\nüber TLS.".to_owned(),
        created_at: 0,
        attempts: 0,
        next_attempt_at: 0,
        locked_until: None,
        sent_at: None,
        last_error: None,
    }
}

fn received(c: &Capture) -> Vec<String> {
    std::fs::read_dir(&c.mails)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect()
}

const FROM: &str = "Serviceportal <noreply@serviceportal.example>";

#[test]
fn mails_go_out_over_tls_and_starttls_to_a_relay_with_a_trusted_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let (ca, cert, key) = certificates(dir.path());
    crate::support::runtime().block_on(async {
        for (mode, url) in [
            ("tls", "smtps://localhost:{port}"),
            ("starttls", "smtp://localhost:{port}?tls=required"),
        ] {
            let relay = capture(mode, &cert, &key, dir.path());
            let url = url.replace("{port}", &relay.port.to_string());
            // Signed by a CA neither the system nor the configuration trusts: refused.
            let e = transport(&url, None)
                .send(FROM, &mail("erika@example.de"))
                .await
                .unwrap_err();
            assert!(e.to_lowercase().contains("certificate"), "{mode}: {e}");
            assert!(received(&relay).is_empty(), "{mode}");
            // With the authority's CA configured, it goes out encrypted.
            transport(&url, Some(&ca))
                .send(FROM, &mail("erika@example.de"))
                .await
                .unwrap_or_else(|e| panic!("{mode}: {e}"));
            let got = received(&relay);
            assert_eq!(got.len(), 1, "{mode}");
            assert!(got[0].contains("erika@example.de"), "{mode}: {}", got[0]);
        }
    });
}

#[test]
fn starttls_required_sends_nothing_to_a_relay_without_it() {
    // maildev (the plain capture of the other tests) offers no STARTTLS.
    let smtp = std::env::var("TEST_SMTP_URL").unwrap();
    let url = format!("{smtp}?tls=required");
    let to = crate::support::unique_email("klartext");
    crate::support::runtime().block_on(async {
        let e = transport(&url, None)
            .send(FROM, &mail(&to))
            .await
            .unwrap_err();
        assert!(!e.is_empty());
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(crate::support::mails_to(&to).await.is_empty());
    });
}
