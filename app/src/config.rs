//! Configuration from the environment (server only). Unknown `PORTAL_*` variables and invalid
//! values fail at start-up with a message naming the variable.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;

use crate::kernel::password::PasswordPolicy;

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub smtp: Option<SmtpEndpoint>,
    pub base_url: url::Url,
    pub site_addr: SocketAddr,
    pub data_dir: PathBuf,
    pub password_policy: PasswordPolicy,
    pub mail_from: String,
    /// How many reverse proxies of our own stand in front (`PORTAL_TRUST_PROXY`: `true` is
    /// one); the client address is read from `X-Forwarded-For` behind them. 0: the socket's.
    pub trusted_proxies: u8,
    /// Inactivity timeout; SPEC §2.3 sets 20 minutes. Shorter only for tests and demos.
    pub session_idle_secs: i64,
    /// `PORTAL_SECOND_FACTOR=required`: every account must set up a second factor.
    pub second_factor_required: bool,
    /// `PORTAL_EMAIL_FACTOR=off` leaves only the authenticator app (NIST does not count e-mail).
    pub email_factor_allowed: bool,
    /// Largest upload (`PORTAL_UPLOAD_MAX_MB`, default 10) and all documents of one
    /// application together (`PORTAL_APPLICATION_MAX_MB`, default 30).
    pub upload_max_bytes: u64,
    pub application_max_bytes: u64,
    /// `PORTAL_SAFE_QUOTA_MB`: all documents in one account's safe together.
    pub safe_quota_bytes: u64,
    /// `PORTAL_STORAGE_KEY`: 64 hex digits, the master key of the data at rest (documents,
    /// TOTP seeds); required on an https portal. Without it (development) a key is made once
    /// and kept in `{data_dir}/storage.key`.
    pub storage_key_hex: Option<crate::secret::Secret>,
    /// Days a trashed case is kept (`PORTAL_TRASH_DAYS`, 30) and days a case is kept after
    /// its last activity (`PORTAL_RETENTION_DAYS`, 730).
    pub trash_days: i64,
    pub retention_days: i64,
    /// Days a sent mail's row (recipient, subject; its body is blanked once sent) is kept.
    pub sent_mail_days: i64,
    /// `PORTAL_SECURITY_LOG_DAYS`: how long the security event log keeps an entry.
    pub security_log_days: i64,
    /// `PORTAL_LOG_MAIL_LINKS=true`, for local development without SMTP only: the link of each
    /// mail written to the outbox folder is logged. Off by default: links are credentials.
    pub log_mail_links: bool,
}

/// The relay the outbox sends through (`SMTP_URL`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpEndpoint {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    /// `user:password@` of the URL, for a relay that wants a login (only over TLS).
    pub credentials: Option<(String, crate::secret::Secret)>,
    /// `SMTP_CA_FILE`: a PEM file of certificate authorities the relay's certificate may also
    /// be signed by (an authority's own CA), besides the system's.
    pub ca_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// `smtp://host`: plain, for a relay on the same machine or network segment.
    Plain,
    /// `smtp://host?tls=required`: STARTTLS, and no mail goes out if the relay does not offer it.
    StartTls,
    /// `smtps://host`: TLS from the first byte (port 465).
    Tls,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("configuration error in {variable}: {problem}")]
pub struct ConfigError {
    pub variable: String,
    pub problem: String,
}

fn err(variable: &str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        variable: variable.to_owned(),
        problem: problem.into(),
    }
}

const KNOWN: &[&str] = &[
    "PORTAL_BASE_URL",
    "PORTAL_DATA_DIR",
    "PORTAL_PASSWORD_POLICY",
    "PORTAL_MAIL_FROM",
    "PORTAL_TRUST_PROXY",
    "PORTAL_LOG",
    "PORTAL_SESSION_IDLE_SECS",
    "PORTAL_SECOND_FACTOR",
    "PORTAL_EMAIL_FACTOR",
    "PORTAL_SENT_MAIL_DAYS",
    "PORTAL_SECURITY_LOG_DAYS",
    "PORTAL_LOG_MAIL_LINKS",
    "PORTAL_UPLOAD_MAX_MB",
    "PORTAL_APPLICATION_MAX_MB",
    "PORTAL_SAFE_QUOTA_MB",
    "PORTAL_STORAGE_KEY",
    "PORTAL_TRASH_DAYS",
    "PORTAL_RETENTION_DAYS",
];

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_vars(std::env::vars().collect())
    }

    /// Reads the portal's variables from `vars`; the rest of the environment is ignored.
    pub fn from_vars(vars: BTreeMap<String, String>) -> Result<Self, ConfigError> {
        if let Some(unknown) = vars
            .keys()
            .find(|k| k.starts_with("PORTAL_") && !KNOWN.contains(&k.as_str()))
        {
            return Err(err(
                unknown,
                format!("unknown variable; known are {}", KNOWN.join(", ")),
            ));
        }
        let get = |k: &str| vars.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());

        let data_dir = PathBuf::from(get("PORTAL_DATA_DIR").unwrap_or(".data"));
        let database_url = match get("DATABASE_URL") {
            Some(u)
                if u.starts_with("sqlite:")
                    || u.starts_with("postgres://")
                    || u.starts_with("postgresql://") =>
            {
                u.to_owned()
            }
            Some(_) => {
                return Err(err(
                    "DATABASE_URL",
                    "must start with sqlite: or postgres://",
                ));
            }
            None => format!("sqlite://{}?mode=rwc", data_dir.join("portal.db").display()),
        };
        let smtp = get("SMTP_URL")
            .map(|url| parse_smtp(url, get("SMTP_CA_FILE")))
            .transpose()?;
        let site_addr: SocketAddr = get("LEPTOS_SITE_ADDR")
            .unwrap_or("127.0.0.1:3000")
            .parse()
            .map_err(|_| {
                err(
                    "LEPTOS_SITE_ADDR",
                    "expected host:port, e.g. 127.0.0.1:3000",
                )
            })?;
        let base_url = get("PORTAL_BASE_URL")
            .map(str::to_owned)
            .unwrap_or_else(|| format!("http://{site_addr}"));
        let base_url = url::Url::parse(&base_url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
            .ok_or_else(|| err("PORTAL_BASE_URL", "expected an absolute http(s) URL"))?;
        let password_policy = match get("PORTAL_PASSWORD_POLICY") {
            None => PasswordPolicy::Portal,
            Some(name) => PasswordPolicy::from_name(name)
                .ok_or_else(|| err("PORTAL_PASSWORD_POLICY", "expected portal or nist"))?,
        };
        let trusted_proxies = match get("PORTAL_TRUST_PROXY") {
            None | Some("false") => 0,
            Some("true") => 1,
            Some(n) => n.parse::<u8>().ok().filter(|n| *n <= 5).ok_or_else(|| {
                err(
                    "PORTAL_TRUST_PROXY",
                    "expected false, true or the number of proxies (0 to 5)",
                )
            })?,
        };
        let mail_from = get("PORTAL_MAIL_FROM")
            .unwrap_or("Serviceportal <noreply@serviceportal.example>")
            .to_owned();
        if mail_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(err(
                "PORTAL_MAIL_FROM",
                "not a valid mailbox, e.g. Portal <noreply@example.de>",
            ));
        }
        let session_idle_secs = match get("PORTAL_SESSION_IDLE_SECS") {
            None => crate::kernel::session::IDLE_TIMEOUT_SECS,
            Some(v) => v
                .parse::<i64>()
                .ok()
                .filter(|s| (20..=crate::kernel::session::IDLE_TIMEOUT_SECS).contains(s))
                .ok_or_else(|| {
                    err(
                        "PORTAL_SESSION_IDLE_SECS",
                        "expected seconds from 20 to 1200",
                    )
                })?,
        };
        let second_factor_required = match get("PORTAL_SECOND_FACTOR") {
            None | Some("optional") => false,
            Some("required") => true,
            Some(_) => return Err(err("PORTAL_SECOND_FACTOR", "expected optional or required")),
        };
        let email_factor_allowed = match get("PORTAL_EMAIL_FACTOR") {
            None | Some("on") => true,
            Some("off") => false,
            Some(_) => return Err(err("PORTAL_EMAIL_FACTOR", "expected on or off")),
        };
        let number = |k: &str,
                      default: i64,
                      range: std::ops::RangeInclusive<i64>|
         -> Result<i64, ConfigError> {
            match get(k) {
                None => Ok(default),
                Some(v) => v
                    .parse::<i64>()
                    .ok()
                    .filter(|n| range.contains(n))
                    .ok_or_else(|| {
                        err(
                            k,
                            format!(
                                "expected a whole number from {} to {}",
                                range.start(),
                                range.end()
                            ),
                        )
                    }),
            }
        };
        let mb = 1024 * 1024;
        let upload_max_bytes = number("PORTAL_UPLOAD_MAX_MB", 10, 1..=500)? as u64 * mb;
        let application_max_bytes = number("PORTAL_APPLICATION_MAX_MB", 30, 1..=2000)? as u64 * mb;
        let safe_quota_bytes = number("PORTAL_SAFE_QUOTA_MB", 200, 1..=100_000)? as u64 * mb;
        let storage_key_hex =
            get("PORTAL_STORAGE_KEY").map(|k| crate::secret::Secret::new(k.to_owned()));
        if let Some(k) = storage_key_hex.as_ref().map(|k| k.expose())
            && (k.len() != 64 || !k.chars().all(|c| c.is_ascii_hexdigit()))
        {
            return Err(err(
                "PORTAL_STORAGE_KEY",
                "expected 64 hex digits (32 bytes), e.g. from `openssl rand -hex 32`",
            ));
        }
        // The key file generated beside the data is for development: on a portal that serves
        // citizens the master key comes from the operator's secret store.
        if storage_key_hex.is_none() && base_url.scheme() == "https" {
            return Err(err(
                "PORTAL_STORAGE_KEY",
                "required on an https portal (64 hex digits from your secret store, e.g. \
                 `openssl rand -hex 32`); the generated key file is for development only",
            ));
        }
        let trash_days = number("PORTAL_TRASH_DAYS", 30, 1..=3650)?;
        let retention_days = number("PORTAL_RETENTION_DAYS", 730, 1..=36500)?;
        let sent_mail_days = number("PORTAL_SENT_MAIL_DAYS", 7, 1..=3650)?;
        let security_log_days = number("PORTAL_SECURITY_LOG_DAYS", 180, 7..=3650)?;
        let log_mail_links = match get("PORTAL_LOG_MAIL_LINKS") {
            None | Some("false") => false,
            Some("true") => true,
            Some(_) => return Err(err("PORTAL_LOG_MAIL_LINKS", "expected true or false")),
        };
        Ok(Config {
            upload_max_bytes,
            application_max_bytes,
            safe_quota_bytes,
            storage_key_hex,
            trash_days,
            retention_days,
            sent_mail_days,
            security_log_days,
            log_mail_links,
            database_url,
            smtp,
            base_url,
            site_addr,
            data_dir,
            password_policy,
            mail_from,
            trusted_proxies,
            session_idle_secs,
            second_factor_required,
            email_factor_allowed,
        })
    }

    /// Secure cookies with the `__Host-` prefix need HTTPS; plain http is for local development.
    pub fn is_https(&self) -> bool {
        self.base_url.scheme() == "https"
    }

    /// An absolute link for mails: `path` must start with `/`.
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.base_url.as_str().trim_end_matches('/'), path)
    }

    pub fn outbox_dir(&self) -> PathBuf {
        self.data_dir.join("outbox")
    }
}

fn parse_smtp(value: &str, ca_file: Option<&str>) -> Result<SmtpEndpoint, ConfigError> {
    const EXPECTED: &str = "expected smtp://host:port, smtp://host:port?tls=required (STARTTLS) \
                            or smtps://host:port, with user:password@ before the host if needed";
    let u = url::Url::parse(value).map_err(|_| err("SMTP_URL", EXPECTED))?;
    let tls_query = u
        .query_pairs()
        .find(|(k, _)| k == "tls")
        .map(|(_, v)| v.into_owned());
    let (security, default_port) = match (u.scheme(), tls_query.as_deref()) {
        ("smtp", None) => (SmtpSecurity::Plain, 25),
        ("smtp", Some("required")) => (SmtpSecurity::StartTls, 587),
        ("smtps", None) => (SmtpSecurity::Tls, 465),
        _ => return Err(err("SMTP_URL", EXPECTED)),
    };
    let host = u
        .host_str()
        .ok_or_else(|| err("SMTP_URL", "missing host"))?
        .to_owned();
    let credentials = if u.username().is_empty() {
        None
    } else {
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        };
        if security == SmtpSecurity::Plain {
            return Err(err(
                "SMTP_URL",
                "a password is only sent over TLS: use smtps:// or ?tls=required",
            ));
        }
        Some((
            decode(u.username()),
            crate::secret::Secret::new(decode(u.password().unwrap_or(""))),
        ))
    };
    Ok(SmtpEndpoint {
        host,
        port: u.port().unwrap_or(default_port),
        security,
        credentials,
        ca_file: ca_file.map(PathBuf::from),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_give_a_local_sqlite_portal() {
        let c = Config::from_vars(vars(&[])).unwrap();
        assert!(c.database_url.starts_with("sqlite://.data/portal.db"));
        assert_eq!(c.base_url.as_str(), "http://127.0.0.1:3000/");
        assert!(c.smtp.is_none());
        assert!(!c.is_https());
        assert!(!c.second_factor_required && c.email_factor_allowed);
        let strict = Config::from_vars(vars(&[
            ("PORTAL_SECOND_FACTOR", "required"),
            ("PORTAL_EMAIL_FACTOR", "off"),
        ]))
        .unwrap();
        assert!(strict.second_factor_required && !strict.email_factor_allowed);
    }

    #[test]
    fn an_unknown_portal_variable_is_named() {
        let e = Config::from_vars(vars(&[("PORTAL_BASEURL", "x")])).unwrap_err();
        assert_eq!(e.variable, "PORTAL_BASEURL");
    }

    #[test]
    fn invalid_values_name_their_variable() {
        for (k, v) in [
            ("DATABASE_URL", "mysql://x"),
            ("SMTP_URL", "http://x"),
            ("LEPTOS_SITE_ADDR", "localhost"),
            ("PORTAL_BASE_URL", "/relative"),
            ("PORTAL_PASSWORD_POLICY", "strong"),
            ("PORTAL_SESSION_IDLE_SECS", "3600"),
            ("PORTAL_SECOND_FACTOR", "always"),
            ("PORTAL_EMAIL_FACTOR", "false"),
            ("PORTAL_UPLOAD_MAX_MB", "0"),
            ("PORTAL_STORAGE_KEY", "abc"),
            ("PORTAL_TRASH_DAYS", "x"),
        ] {
            assert_eq!(Config::from_vars(vars(&[(k, v)])).unwrap_err().variable, k);
        }
    }

    #[test]
    fn smtp_url_gives_host_and_port() {
        let c = Config::from_vars(vars(&[("SMTP_URL", "smtp://127.0.0.1:1025")])).unwrap();
        assert_eq!(
            c.smtp,
            Some(SmtpEndpoint {
                host: "127.0.0.1".into(),
                port: 1025,
                security: SmtpSecurity::Plain,
                credentials: None,
                ca_file: None,
            })
        );
    }

    #[test]
    fn an_https_portal_needs_its_master_key_from_the_configuration() {
        let https = [("PORTAL_BASE_URL", "https://portal.example")];
        assert_eq!(
            Config::from_vars(vars(&https)).unwrap_err().variable,
            "PORTAL_STORAGE_KEY"
        );
        let key = "ab".repeat(32);
        let with_key = [https[0], ("PORTAL_STORAGE_KEY", key.as_str())];
        assert!(Config::from_vars(vars(&with_key)).is_ok());
        assert!(
            Config::from_vars(vars(&[])).is_ok(),
            "http: the development default"
        );
    }

    #[test]
    fn smtp_url_says_how_tls_is_used() {
        let smtp = |url: &str| {
            Config::from_vars(vars(&[("SMTP_URL", url), ("SMTP_CA_FILE", "/etc/ca.pem")]))
                .map(|c| c.smtp.unwrap())
        };
        let tls = smtp("smtps://portal:g%40heim@mail.example.de").unwrap();
        assert_eq!((tls.security, tls.port), (SmtpSecurity::Tls, 465));
        let (user, password) = tls.credentials.unwrap();
        assert_eq!((user.as_str(), password.expose()), ("portal", "g@heim"));
        assert_eq!(tls.ca_file, Some(PathBuf::from("/etc/ca.pem")));
        let starttls = smtp("smtp://mail.example.de?tls=required").unwrap();
        assert_eq!(
            (starttls.security, starttls.port),
            (SmtpSecurity::StartTls, 587)
        );
        // A password never travels in the clear, and a typo is no silent downgrade.
        assert!(smtp("smtp://portal:geheim@mail.example.de").is_err());
        assert!(smtp("smtp://mail.example.de?tls=opportunistic").is_err());
        assert!(smtp("http://mail.example.de").is_err());
    }
}
