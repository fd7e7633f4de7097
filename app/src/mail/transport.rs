//! Where mails go: an SMTP relay, or `.eml` files in the outbox folder for local use.

use std::path::PathBuf;

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::Config;
use crate::entities::mail_outbox;

#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

impl Transport {
    pub fn from_config(config: &Config) -> Self {
        match &config.smtp {
            Some(ep) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(ep.host.clone())
                    .port(ep.port)
                    .build(),
            ),
            None => Transport::Files(config.outbox_dir()),
        }
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
            Transport::Files(dir) => {
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(|e| e.to_string())?;
                let path = dir.join(format!("{:06}.eml", mail.id));
                tokio::fs::write(&path, message.formatted())
                    .await
                    .map_err(|e| e.to_string())?;
                // Local development only (no SMTP_URL): the link is needed to go on.
                let link = mail
                    .body
                    .lines()
                    .find(|l| l.starts_with("http"))
                    .unwrap_or("");
                tracing::info!(to = %mail.recipient, subject = %mail.subject, file = %path.display(), link, "mail written to the outbox folder");
                Ok(())
            }
        }
    }
}
