//! Test harness: the real portal on a free port, against a fresh database per test (a SQLite
//! file, or a new PostgreSQL database), sending mail to a real SMTP capture (maildev, started
//! by scripts/test.sh; its address comes in TEST_SMTP_URL and TEST_MAILDEV_URL).

use std::collections::BTreeMap;
use std::time::Duration;

use app::error::AppError;
use app::state::AppState;
use reqwest::{StatusCode, header};
use sea_orm::ConnectionTrait;
use serde::Deserialize;

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

fn required_env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: run the integration tests through scripts/test.sh, which starts maildev and names PostgreSQL")
    })
}

/// A fresh, empty database for one test.
pub async fn fresh_database(backend: Backend) -> (String, Option<tempfile::TempDir>) {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            let url = format!(
                "sqlite://{}?mode=rwc",
                dir.path().join("portal.db").display()
            );
            (url, Some(dir))
        }
        Backend::Postgres => {
            let server = required_env("TEST_POSTGRES_URL");
            let name = format!("portal_test_{}", uuid::Uuid::new_v4().simple());
            let admin = sea_orm::Database::connect(format!("{server}/postgres"))
                .await
                .expect("PostgreSQL reachable");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            admin.close().await.unwrap();
            (format!("{server}/{name}"), None)
        }
    }
}

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub state: AppState,
    _dir: Option<tempfile::TempDir>,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, &[]).await
    }

    /// A portal with further configuration, e.g. `("PORTAL_SECOND_FACTOR", "required")`.
    pub async fn spawn_with(backend: Backend, extra: &[(&str, &str)]) -> TestApp {
        let (url, dir) = fresh_database(backend).await;
        Self::start(url, dir, extra).await
    }

    /// A further instance on the same database (for shared-session tests).
    pub async fn spawn_on(database_url: String, dir: Option<tempfile::TempDir>) -> TestApp {
        Self::start(database_url, dir, &[]).await
    }

    /// A further instance on the same database with other configuration (an operator's
    /// change, seen by accounts made before it).
    pub async fn spawn_on_with(database_url: String, extra: &[(&str, &str)]) -> TestApp {
        Self::start(database_url, None, extra).await
    }

    async fn start(
        database_url: String,
        dir: Option<tempfile::TempDir>,
        extra: &[(&str, &str)],
    ) -> TestApp {
        let _ = tracing_subscriber::fmt()
            .with_test_writer()
            .with_env_filter("warn")
            .try_init();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let data_dir = tempfile::tempdir().unwrap().keep();
        let vars: BTreeMap<String, String> = [
            ("DATABASE_URL", database_url),
            ("SMTP_URL", required_env("TEST_SMTP_URL")),
            ("PORTAL_BASE_URL", format!("http://{addr}")),
            ("LEPTOS_SITE_ADDR", addr.to_string()),
            ("PORTAL_DATA_DIR", data_dir.display().to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .chain(extra.iter().map(|(k, v)| {
            let port = addr.port().to_string();
            (k.to_string(), v.replace("{port}", &port))
        }))
        .collect();
        let config = app::config::Config::from_vars(vars).unwrap();
        let state = server::build_state(config).await.unwrap();
        tokio::spawn(server::serve(
            state.clone(),
            listener,
            std::future::pending(),
        ));
        // The client calls the portal by the name it gives itself, as a browser would: the
        // host guard refuses any other.
        let base = state
            .config
            .base_url
            .as_str()
            .trim_end_matches('/')
            .to_string();
        TestApp {
            client: client_for(&base),
            base,
            state,
            _dir: dir,
        }
    }

    pub fn database_url(&self) -> String {
        self.state.config.database_url.clone()
    }

    /// Calls a server function as the hydrated browser does (JSON answer, no redirect).
    pub async fn call(
        &self,
        name: &str,
        form: &[(&str, &str)],
    ) -> Result<reqwest::Response, AppError> {
        call_with(&self.client, &self.base, name, form).await
    }

    /// Loads a page as a browser navigation does.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .header(header::ACCEPT, "text/html")
            .send()
            .await
            .unwrap()
    }

    pub async fn sql(&self, statement: &str) {
        self.state.db.execute_unprepared(statement).await.unwrap();
    }

    pub async fn register(&self, email: &str, password: &str) {
        self.call(
            "register",
            &[
                ("first_name", "Erika"),
                ("last_name", "Mustermann"),
                ("email", email),
                ("password", password),
                ("password_repeat", password),
                ("consent", "on"),
            ],
        )
        .await
        .expect("registration accepted");
    }

    /// Registers, activates through the mailed link, and returns nothing: the account is active.
    pub async fn register_active(&self, email: &str, password: &str) {
        let earlier = mails_to(email).await.len();
        self.register(email, password).await;
        let token = token_from(
            &wait_for_mail_after(email, "Bitte bestätigen", earlier)
                .await
                .text,
        );
        self.call("activate_account", &[("token", &token)])
            .await
            .expect("activation works");
    }

    pub async fn login(&self, email: &str, password: &str) -> Result<reqwest::Response, AppError> {
        self.call("login", &[("email", email), ("password", password)])
            .await
    }

    pub async fn current_email(&self) -> Option<String> {
        current_email_with(&self.client, &self.base).await
    }
}

/// A browser-like client: keeps cookies, follows no redirects. Each request names the
/// portal page it comes from (`Origin`), as a browser does.
pub fn client_for(_base: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub async fn call_with(
    client: &reqwest::Client,
    base: &str,
    name: &str,
    form: &[(&str, &str)],
) -> Result<reqwest::Response, AppError> {
    let res = client
        .post(format!("{base}/api/{name}"))
        .header(header::ORIGIN, base)
        .header(header::ACCEPT, "application/json")
        .form(form)
        .send()
        .await
        .unwrap();
    if res.status().is_success() {
        Ok(res)
    } else {
        let status = res.status();
        let body = res.text().await.unwrap();
        Err(serde_json::from_str(&body)
            .unwrap_or_else(|_| panic!("{name}: unexpected answer {status}: {body}")))
    }
}

pub async fn current_email_with(client: &reqwest::Client, base: &str) -> Option<String> {
    let res = call_with(client, base, "current_account", &[])
        .await
        .unwrap();
    let v: serde_json::Value = res.json().await.unwrap();
    v.get("email").and_then(|e| e.as_str()).map(str::to_owned)
}

pub fn unique_email(prefix: &str) -> String {
    format!("{prefix}-{}@example.de", uuid::Uuid::new_v4().simple())
}

#[derive(Debug, Deserialize)]
pub struct Mail {
    pub subject: String,
    pub text: String,
    pub to: Vec<Recipient>,
}

#[derive(Debug, Deserialize)]
pub struct Recipient {
    pub address: String,
}

pub async fn mails_to(to: &str) -> Vec<Mail> {
    let all: Vec<Mail> = reqwest::get(format!("{}/api/email", required_env("TEST_MAILDEV_URL")))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    all.into_iter()
        .filter(|m| m.to.iter().any(|r| r.address.eq_ignore_ascii_case(to)))
        .collect()
}

/// The newest mail to `to` whose subject contains `subject`, waiting up to 15 s for it.
pub async fn wait_for_mail(to: &str, subject: &str) -> Mail {
    for _ in 0..150 {
        if let Some(m) = mails_to(to)
            .await
            .into_iter()
            .rev()
            .find(|m| m.subject.contains(subject))
        {
            return m;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no mail to {to} with subject containing {subject:?}")
}

/// Like `wait_for_mail`, but only mails after the first `earlier` ones to `to` count.
pub async fn wait_for_mail_after(to: &str, subject: &str, earlier: usize) -> Mail {
    for _ in 0..150 {
        let mut mails = mails_to(to).await;
        let newer = mails.split_off(earlier.min(mails.len()));
        if let Some(m) = newer
            .into_iter()
            .rev()
            .find(|m| m.subject.contains(subject))
        {
            return m;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no new mail to {to} with subject containing {subject:?}")
}

pub fn token_from(text: &str) -> String {
    let re = regex_lite::Regex::new(r"token=([A-Za-z0-9_-]+)").unwrap();
    re.captures(text).expect("a link with a token")[1].to_owned()
}

pub fn field_error(e: &AppError, field: &str) -> Option<String> {
    match e {
        AppError::Validation(f) => f.message_for(field),
        _ => None,
    }
}

pub fn assert_status(res: &reqwest::Response, status: StatusCode) {
    assert_eq!(res.status(), status, "{}", res.url());
}

/// Fails a test that hangs, instead of stalling the whole run.
pub async fn within_time(test: impl std::future::Future<Output = ()>) {
    tokio::time::timeout(Duration::from_secs(90), test)
        .await
        .expect("the test took longer than 90 s")
}

/// A runtime like the server's (`main.rs`): server rendering of the larger pages needs more
/// stack than tokio's default in unoptimised builds.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_stack_size(8 * 1024 * 1024)
        .enable_all()
        .build()
        .unwrap()
}

/// Runs a test body once against SQLite and once against PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[test]
            fn sqlite() {
                $crate::support::runtime()
                    .block_on($crate::support::within_time(($body)(Backend::Sqlite)))
            }
            #[test]
            fn postgres() {
                $crate::support::runtime()
                    .block_on($crate::support::within_time(($body)(Backend::Postgres)))
            }
        }
    };
}
