//! Where mails go: an SMTP relay, or `.eml` files in the outbox folder for local use.

use std::path::PathBuf;

use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::{Config, SmtpEndpoint, SmtpSecurity};
use crate::entities::mail_outbox;

#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// `.eml` files; `log_links` only under `PORTAL_LOG_MAIL_LINKS` (development).
    Files {
        dir: PathBuf,
        log_links: bool,
    },
}

impl Transport {
    /// Fails on an unreadable `SMTP_CA_FILE` or a TLS set-up the library refuses, so that a
    /// misconfigured portal does not start rather than keep mails it cannot send safely.
    pub fn from_config(config: &Config) -> Result<Self, String> {
        let Some(ep) = &config.smtp else {
            return Ok(Transport::Files {
                dir: config.outbox_dir(),
                log_links: config.log_mail_links,
            });
        };
        let mut builder =
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(ep.host.clone()).port(ep.port);
        if ep.security != SmtpSecurity::Plain {
            let tls = tls_parameters(ep)?;
            builder = builder.tls(match ep.security {
                SmtpSecurity::Tls => Tls::Wrapper(tls),
                _ => Tls::Required(tls),
            });
        }
        if let Some((user, password)) = &ep.credentials {
            builder =
                builder.credentials(Credentials::new(user.clone(), password.expose().to_owned()));
        }
        Ok(Transport::Smtp(builder.build()))
    }

    pub async fn send(&self, from: &str, mail: &mail_outbox::Model) -> Result<(), String> {
        let from: Mailbox = from.parse().map_err(|e| format!("sender: {e}"))?;
        let to: Mailbox = mail
            .recipient
            .parse()
            .map_err(|e| format!("recipient: {e}"))?;
        let message = Message::builder()
            .from(from)
            .to(to)
            .subject(&mail.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.clone())
            .map_err(|e| e.to_string())?;
        match self {
            Transport::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Transport::Files { dir, log_links } => {
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(|e| e.to_string())?;
                let path = dir.join(format!("{:06}.eml", mail.id));
                tokio::fs::write(&path, message.formatted())
                    .await
                    .map_err(|e| e.to_string())?;
                // A link in a mail is a credential (reset, invitation, login): logged only
                // where the operator asked for it, on a development machine.
                let link = logged_link(&mail.body, *log_links);
                tracing::info!(to = %mail.recipient, subject = %mail.subject, file = %path.display(), link, "mail written to the outbox folder");
                Ok(())
            }
        }
    }
}

/// The relay's certificate must be valid for its host name and signed by a CA of the
/// system's store or of `SMTP_CA_FILE`.
fn tls_parameters(ep: &SmtpEndpoint) -> Result<TlsParameters, String> {
    let mut tls = TlsParameters::builder(ep.host.clone());
    if let Some(path) = &ep.ca_file {
        let pem =
            std::fs::read(path).map_err(|e| format!("SMTP_CA_FILE {}: {e}", path.display()))?;
        let cert = Certificate::from_pem(&pem)
            .map_err(|e| format!("SMTP_CA_FILE {}: {e}", path.display()))?;
        tls = tls.add_root_certificate(cert);
    }
    tls.build_rustls().map_err(|e| e.to_string())
}

/// What the log says of a mail's link: nothing, unless the operator asked for it.
fn logged_link(body: &str, log_links: bool) -> &str {
    log_links
        .then(|| body.lines().find(|l| l.starts_with("http")))
        .flatten()
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_link_reaches_the_log_only_when_asked_for() {
        let body = "Guten Tag,\nhttp://portal/passwort-neu?token=geheim\nGruß";
        assert_eq!(super::logged_link(body, false), "");
        assert_eq!(
            super::logged_link(body, true),
            "http://portal/passwort-neu?token=geheim"
        );
    }
}
