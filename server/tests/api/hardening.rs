//! The security review's findings (issue 11), one test each: every one fails on the code
//! before its fix.

use app::error::AppError;

use crate::applications::{PDF, PW, citizen, seeded};
use crate::on_both_databases;
use crate::support::*;

fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .expect("a redirect")
        .to_str()
        .unwrap()
        .to_owned()
}

fn sets_cookie(res: &reqwest::Response, name: &str) -> bool {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.starts_with(&format!("{name}=")))
}

// Item 13: input that reaches a `Location` header cannot split it (or panic the handler).
on_both_databases!(
    a_redirect_built_from_input_carries_no_line_break,
    |b| async move {
        let app = seeded(b, &[]).await;
        let anonymous = client_for(&app.base);
        let res = anonymous
            .get(format!(
                "{}/postfach/A%0D%0ASet-Cookie:%20evil=1/pdf",
                app.base
            ))
            .send()
            .await
            .expect("an answer, not a dropped connection");
        assert!(res.status().is_redirection(), "{}", res.status());
        assert!(!sets_cookie(&res, "evil"));
        let to = location(&res);
        assert!(to.starts_with("/anmelden?weiter="), "{to}");
        assert!(!to.contains('\r') && !to.contains('\n'), "{to:?}");

        let (client, _) = citizen(&app, "umbruch").await;
        let form = reqwest::multipart::Form::new()
            .text("zurueck", "/mein-bereich\r\nSet-Cookie: evil=1")
            .part(
                "datei",
                reqwest::multipart::Part::bytes(PDF.to_vec()).file_name("nachweis.pdf"),
            );
        let res = client
            .post(format!("{}/dokumente/hochladen", app.base))
            .header("origin", &app.base)
            .multipart(form)
            .send()
            .await
            .expect("an answer, not a dropped connection");
        assert!(res.status().is_redirection(), "{}", res.status());
        assert!(!sets_cookie(&res, "evil"));
        let to = location(&res);
        assert!(to.starts_with("/mein-bereich"), "{to}");
        assert!(to.contains("dokument="), "the upload went through: {to}");
    }
);

// Item 15: registering again for an unconfirmed address changes neither its password nor its
// name; the owner gets a new link and activates with the password chosen first.
on_both_databases!(
    a_second_registration_keeps_the_first_pending_one,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("zweimal");
        app.register(&email, PW).await;
        wait_for_mail(&email, "Bitte bestätigen").await;
        let intruder = client_for(&app.base);
        call_with(
            &intruder,
            &app.base,
            "register",
            &[
                ("first_name", "Mallory"),
                ("last_name", "Fremd"),
                ("email", &email),
                ("password", "Anderes#Kennwort9"),
                ("password_repeat", "Anderes#Kennwort9"),
                ("consent", "on"),
            ],
        )
        .await
        .expect("the same answer as for any registration");
        let mail = wait_for_mail_after(&email, "Bitte bestätigen", 1).await;
        assert!(mail.text.contains("Erika"), "{}", mail.text);
        assert!(!mail.text.contains("Mallory"), "{}", mail.text);
        app.call("activate_account", &[("token", &token_from(&mail.text))])
            .await
            .unwrap();
        assert!(app.login(&email, "Anderes#Kennwort9").await.is_err());
        app.login(&email, PW).await.unwrap();
        let me: serde_json::Value = app
            .call("current_account", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(me["first_name"], "Erika", "{me}");
    }
);

// Item 8: a file name cannot disguise its type: the extension comes from the detected content
// and format characters (here a right-to-left override) are gone.
on_both_databases!(a_disguised_file_name_saves_as_what_it_is, |b| async move {
    let app = seeded(b, &[]).await;
    let (client, _) = citizen(&app, "tarnung").await;
    let to = crate::applications::upload(
        &app,
        &client,
        None,
        None,
        "Nachweis\u{202E}fdp.cmd",
        PDF.to_vec(),
    )
    .await;
    let id = crate::applications::query_value(&to, "dokument").expect("uploaded");
    let res = client
        .get(format!("{}/dokumente/{id}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), reqwest::StatusCode::OK);
    let disposition = res.headers()["content-disposition"].to_str().unwrap();
    assert!(
        disposition.contains("filename=\"Nachweisfdp.pdf\""),
        "{disposition}"
    );
    assert!(!disposition.to_lowercase().contains("cmd"), "{disposition}");
});

/// Sends `n` logins for `email` at once, each from its own browser; how many were verified
/// (answered "wrong password") and how many were refused unverified (429).
async fn parallel_logins(app: &TestApp, email: &str, password: &str, n: usize) -> (usize, usize) {
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..n {
        let (base, email, password) = (app.base.clone(), email.to_owned(), password.to_owned());
        set.spawn(async move {
            let client = client_for(&base);
            call_with(
                &client,
                &base,
                "login",
                &[("email", &email), ("password", &password)],
            )
            .await
        });
    }
    tally(set).await
}

async fn tally(
    mut set: tokio::task::JoinSet<Result<reqwest::Response, AppError>>,
) -> (usize, usize) {
    let (mut verified, mut refused) = (0, 0);
    while let Some(r) = set.join_next().await {
        match r.unwrap() {
            Err(AppError::Validation(_)) => verified += 1,
            // Refused unverified: throttled, or the challenge is used up.
            Err(AppError::TooManyRequests { .. } | AppError::Conflict(_)) => refused += 1,
            other => panic!("unexpected answer {other:?}"),
        }
    }
    (verified, refused)
}

// Item 1: an attempt is counted before it is verified, so parallel guesses cannot all pass the
// check while they wait for the hasher.
on_both_databases!(
    parallel_wrong_passwords_get_no_more_guesses_than_serial_ones,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("parallel");
        app.register_active(&email, PW).await;
        let (verified, refused) = parallel_logins(&app, &email, "Falsch#123", 50).await;
        // Three are free; a burst spanning a second boundary may let one or two more in.
        assert!(
            (1..=app::accounts::throttle::ACCOUNT.free as usize + 2).contains(&verified),
            "{verified} of 50 guesses were checked"
        );
        assert_eq!(verified + refused, 50);
        // The delay holds, even for the right password. It runs from the last failure and is
        // one second after three; the burst's hashing may outlast that on a slow machine, so
        // the count is moved on to a 16 s delay from now.
        app.sql(&format!(
            "UPDATE login_throttle SET failures = {}, last_failure_at = {} WHERE key = '{}'",
            app::accounts::throttle::ACCOUNT.free + 4,
            unix_now(),
            app::accounts::throttle::account_client_key(&email, [127, 0, 0, 1].into())
        ))
        .await;
        let e = app.login(&email, PW).await.unwrap_err();
        assert!(matches!(e, AppError::TooManyRequests { .. }), "{e:?}");
    }
);

on_both_databases!(
    parallel_wrong_codes_get_no_more_checks_than_the_challenge_allows,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("parallel-totp");
        app.register_active(&email, PW).await;
        app.login(&email, PW).await.unwrap();
        app.call("start_totp_setup", &[("totp_password", PW)])
            .await
            .unwrap();
        let setup: serde_json::Value = app
            .call("totp_setup", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let key = app::auth::second_factor::totp::TotpKey::from_base32(
            &app::secret::Secret::new(setup["secret_grouped"].as_str().unwrap().replace(' ', "")),
            &email,
        )
        .unwrap();
        let now = || {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs() as i64
        };
        app.call("confirm_totp_setup", &[("code", &key.code_at(now()))])
            .await
            .unwrap();
        app.call("logout", &[]).await.unwrap();
        app.login(&email, PW).await.unwrap();
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..50 {
            let (client, base) = (app.client.clone(), app.base.clone());
            set.spawn(async move {
                call_with(
                    &client,
                    &base,
                    "verify_second_factor",
                    &[("code", "000001")],
                )
                .await
            });
        }
        let (checked, refused) = tally(set).await;
        assert_eq!(checked + refused, 50);
        // The account's delay and the challenge's five attempts both hold.
        assert!(
            (1..=5).contains(&checked),
            "{checked} of 50 codes were checked"
        );
        // The challenge is over: even the right code does not log in now.
        let e = call_with(
            &app.client,
            &app.base,
            "verify_second_factor",
            &[("code", &key.code_at(now() + 30))],
        )
        .await
        .unwrap_err();
        assert!(
            matches!(
                e,
                AppError::Conflict(_) | AppError::NotFound | AppError::TooManyRequests { .. }
            ),
            "{e:?}"
        );
        assert_eq!(app.current_email().await, None);
    }
);

// Item 14: a request must name the portal's host; a page asked for under another name is sent
// to the portal's address, anything else is refused.
on_both_databases!(
    requests_for_another_host_are_redirected_or_refused,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let client = client_for(&app.base);
        let res = client
            .get(format!("{}/anmelden?weiter=/postfach", app.base))
            .header("host", "evil.example")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), reqwest::StatusCode::PERMANENT_REDIRECT);
        assert_eq!(
            location(&res),
            format!("{}/anmelden?weiter=/postfach", app.base)
        );
        let res = client
            .post(format!("{}/api/login", app.base))
            .header("host", "evil.example")
            .header("origin", "http://evil.example")
            .form(&[("email", "a@example.de"), ("password", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), reqwest::StatusCode::MISDIRECTED_REQUEST);
        // Probes may use any name.
        let res = client
            .get(format!("{}/health", app.base))
            .header("host", "10.0.0.5")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), reqwest::StatusCode::OK);
        // The portal's own name passes.
        assert_eq!(
            client
                .get(format!("{}/anmelden", app.base))
                .send()
                .await
                .unwrap()
                .status(),
            reqwest::StatusCode::OK
        );
    }
);

// Item 16: demo staff with a published password never reach an https portal.
on_both_databases!(demo_staff_are_refused_on_an_https_portal, |b| async move {
    let key = "5a".repeat(32);
    let app = TestApp::spawn_with(
        b,
        &[
            ("PORTAL_BASE_URL", "https://portal.example"),
            ("PORTAL_STORAGE_KEY", &key),
        ],
    )
    .await;
    app::catalogue::demo::seed(&app.state.db).await.unwrap();
    assert!(app::authorities::demo::seed(&app.state).await.is_err());
    use app::entities::staff;
    use sea_orm::{EntityTrait, PaginatorTrait};
    assert_eq!(staff::Entity::find().count(&app.state.db).await.unwrap(), 0);
});

// Item 10: with the e-mail link switched off, accounts that use it have no factor that counts:
// their sessions may only set up another one.
on_both_databases!(
    switching_the_email_factor_off_stops_accounts_that_use_it,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("linkaus");
        app.register_active(&email, PW).await;
        app.login(&email, PW).await.unwrap();
        app.call("choose_email_factor", &[("email_factor_password", PW)])
            .await
            .unwrap();
        app.call("my_data", &[]).await.unwrap();
        // The operator switches the e-mail link off (another instance on the same data).
        let off =
            TestApp::spawn_on_with(app.database_url(), &[("PORTAL_EMAIL_FACTOR", "off")]).await;
        let e = call_with(&app.client, &off.base, "my_data", &[])
            .await
            .unwrap_err();
        assert_eq!(e, AppError::SecondFactorRequired);
        let me: serde_json::Value = call_with(&app.client, &off.base, "current_account", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(me["must_set_up_second_factor"], true, "{me}");
        // Setting up the authenticator app frees the session.
        call_with(
            &app.client,
            &off.base,
            "start_totp_setup",
            &[("totp_password", PW)],
        )
        .await
        .unwrap();
        let setup: serde_json::Value = call_with(&app.client, &off.base, "totp_setup", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let key = app::auth::second_factor::totp::TotpKey::from_base32(
            &app::secret::Secret::new(setup["secret_grouped"].as_str().unwrap().replace(' ', "")),
            &email,
        )
        .unwrap();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        call_with(
            &app.client,
            &off.base,
            "confirm_totp_setup",
            &[("code", &key.code_at(now))],
        )
        .await
        .unwrap();
        call_with(&app.client, &off.base, "my_data", &[])
            .await
            .unwrap();
    }
);

// Item 5: a sent mail's body (with its live link) is blanked, and the row goes after the
// configured days.
on_both_databases!(
    a_sent_mail_keeps_no_link_and_its_record_expires,
    |b| async move {
        use app::entities::mail_outbox;
        use sea_orm::EntityTrait;
        let app = TestApp::spawn_with(b, &[("PORTAL_SENT_MAIL_DAYS", "3")]).await;
        let email = unique_email("leer");
        app.register(&email, PW).await;
        let mail = wait_for_mail(&email, "Bitte bestätigen").await;
        let token = token_from(&mail.text);
        // The worker records the sending right after the SMTP server took the mail.
        let mut row = None;
        for _ in 0..50 {
            row = mail_outbox::Entity::find()
                .all(&app.state.db)
                .await
                .unwrap()
                .into_iter()
                .find(|m| m.recipient == email && m.sent_at.is_some());
            if row.is_some() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let row = row.expect("the mail is recorded as sent");
        assert!(
            !row.body.contains(&token),
            "the sent body still holds the link"
        );
        assert!(row.body.is_empty(), "{}", row.body);
        // Younger than three days: kept; older: gone at the next clean-up.
        app::jobs::run_once(&app.state).await.unwrap();
        assert!(
            mail_outbox::Entity::find_by_id(row.id)
                .one(&app.state.db)
                .await
                .unwrap()
                .is_some()
        );
        app.sql(&format!(
            "UPDATE mail_outbox SET sent_at = sent_at - {} WHERE id = {}",
            3 * 24 * 3600 + 1,
            row.id
        ))
        .await;
        app::jobs::run_once(&app.state).await.unwrap();
        assert!(
            mail_outbox::Entity::find_by_id(row.id)
                .one(&app.state.db)
                .await
                .unwrap()
                .is_none()
        );
    }
);

/// A login from a browser behind the portal's proxy, which names the client's address.
async fn login_from(
    browser: &reqwest::Client,
    app: &TestApp,
    ip: &str,
    email: &str,
    password: &str,
) -> Result<reqwest::Response, AppError> {
    let res = browser
        .post(format!("{}/api/login", app.base))
        .header("origin", &app.base)
        .header("accept", "application/json")
        .header("x-forwarded-for", ip)
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap();
    if res.status().is_success() {
        return Ok(res);
    }
    let status = res.status();
    let body = res.text().await.unwrap();
    let e: AppError = serde_json::from_str(&body).unwrap_or_else(|_| panic!("{status}: {body}"));
    if matches!(e, AppError::TooManyRequests { .. }) {
        assert_eq!(status, reqwest::StatusCode::TOO_MANY_REQUESTS);
    }
    Err(e)
}

async fn lock_mails(email: &str) -> usize {
    mails_to(email)
        .await
        .iter()
        .filter(|m| m.subject.contains("gesperrt"))
        .count()
}

// Item 6: someone else's guessing locks only their client out; the owner keeps logging in on
// a device they used before and from anywhere else, and hears of the guessing once a day.
on_both_databases!(
    guessing_from_elsewhere_neither_locks_the_owner_out_nor_floods_their_inbox,
    |b| async move {
        use app::accounts::throttle::ACCOUNT;
        let app = TestApp::spawn_with(b, &[("PORTAL_TRUST_PROXY", "true")]).await;
        let email = unique_email("owner");
        app.register_active(&email, PW).await;
        let owner = client_for(&app.base);
        let res = login_from(&owner, &app, "198.51.100.7", &email, PW)
            .await
            .unwrap();
        assert!(sets_cookie(&res, "portal_device"), "a known device now");
        call_with(&owner, &app.base, "logout", &[]).await.unwrap();

        for attacker_ip in ["203.0.113.1", "203.0.113.2"] {
            let attacker = client_for(&app.base);
            for _ in 0..ACCOUNT.free {
                let e = login_from(&attacker, &app, attacker_ip, &email, "Falsch#123")
                    .await
                    .unwrap_err();
                assert!(field_error(&e, "email").is_some(), "{e:?}");
            }
            // Fast-forward this client to one failure before the lock (the growing delay
            // would take a minute), long enough ago that it may try again.
            app.sql(&format!(
                "UPDATE login_throttle SET failures = {}, last_failure_at = last_failure_at - 120 \
                 WHERE key = 'account:{email}|ip:{attacker_ip}'",
                ACCOUNT.lock_at - 1
            ))
            .await;
            login_from(&attacker, &app, attacker_ip, &email, "Falsch#123")
                .await
                .unwrap_err();
            let e = login_from(&attacker, &app, attacker_ip, &email, PW)
                .await
                .unwrap_err();
            assert!(
                matches!(e, AppError::TooManyRequests { retry_after_secs } if retry_after_secs > 800),
                "the guessing client is locked out, even with the right password: {e:?}"
            );
        }
        wait_for_mail(&email, "gesperrt").await;
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;
        assert_eq!(lock_mails(&email).await, 1, "two locks, one mail a day");

        // The owner's known device gets in, even from the first attacker's address (a shared
        // network) ...
        login_from(&owner, &app, "203.0.113.1", &email, PW)
            .await
            .expect("the known device is not locked out");
        assert_eq!(
            current_email_with(&owner, &app.base).await,
            Some(email.clone())
        );
        // ... and so does the owner on a new device elsewhere.
        let new_phone = client_for(&app.base);
        login_from(&new_phone, &app, "192.0.2.55", &email, PW)
            .await
            .expect("a new device elsewhere is not locked out");
        // A made-up device cookie is no way around the lock.
        let forged = client_for(&app.base);
        let e = forged
            .post(format!("{}/api/login", app.base))
            .header("origin", &app.base)
            .header("accept", "application/json")
            .header("x-forwarded-for", "203.0.113.2")
            .header("cookie", "portal_device=erfunden")
            .form(&[("email", email.as_str()), ("password", PW)])
            .send()
            .await
            .unwrap();
        assert_eq!(e.status(), reqwest::StatusCode::TOO_MANY_REQUESTS);
    }
);

// Item 17: the security event log — the owner sees their own logins and changes, nobody
// else's; it holds no secret and ends after the configured days.
on_both_databases!(
    the_owner_reads_their_security_log_and_only_theirs,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("protokoll");
        app.register_active(&email, PW).await;
        app.login(&email, "Falsch#123").await.unwrap_err();
        app.login(&email, PW).await.unwrap();
        let new_pw = "Hundemarke!42";
        app.call(
            "change_password",
            &[
                ("current_password", PW),
                ("new_password", new_pw),
                ("new_password_repeat", new_pw),
            ],
        )
        .await
        .unwrap();
        let log: serde_json::Value = app
            .call("security_log", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let what: Vec<&str> = log["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["what"].as_str().unwrap())
            .collect();
        assert_eq!(
            what,
            [
                "Passwort geändert",
                "Anmeldung",
                "Fehlgeschlagener Anmeldeversuch"
            ],
            "newest first"
        );
        assert!(
            log["lines"][0]["client"]
                .as_str()
                .unwrap()
                .contains("Netz 127.0.0.0/24"),
            "{log}"
        );
        // The page shows it too.
        let page = app.get("/mein-bereich").await.text().await.unwrap();
        assert!(
            page.contains("Sicherheitsprotokoll")
                && page.contains("Fehlgeschlagener Anmeldeversuch")
        );

        // Another account's log has none of it; anonymous has none at all.
        let (other, _) = citizen(&app, "anderer").await;
        let theirs = call_with(&other, &app.base, "security_log", &[])
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!theirs.contains("Passwort geändert"), "{theirs}");
        let anonymous = client_for(&app.base);
        assert_eq!(
            call_with(&anonymous, &app.base, "security_log", &[])
                .await
                .unwrap_err(),
            AppError::Unauthenticated
        );

        // No secret is kept: neither password appears in any row.
        use sea_orm::EntityTrait;
        let rows = app::entities::security_event::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap();
        assert!(rows.len() >= 3);
        let dump = format!("{rows:?}");
        assert!(!dump.contains(PW) && !dump.contains(new_pw));
        // Entries older than the configured days go.
        app.sql("UPDATE security_events SET at = 0").await;
        app::jobs::run_once(&app.state).await.unwrap();
        let log: serde_json::Value = app
            .call("security_log", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(log["lines"], serde_json::json!([]));
    }
);

/// A document file as the first version sealed it: AES-256-GCM under the master key itself,
/// a 7-byte random nonce prefix, one record here.
fn legacy_sealed(master: &[u8], plain: &[u8]) -> Vec<u8> {
    use aes_gcm::aead::{Aead, KeyInit, Payload};
    let cipher = aes_gcm::Aes256Gcm::new_from_slice(master).unwrap();
    let prefix = [3u8; 7];
    let mut nonce = [0u8; 12];
    nonce[..7].copy_from_slice(&prefix);
    nonce[11] = 1; // counter 0, last record
    let sealed = cipher
        .encrypt(
            aes_gcm::Nonce::from_slice(&nonce),
            Payload {
                msg: plain,
                aad: b"SPV1",
            },
        )
        .unwrap();
    [
        b"SPV1".as_slice(),
        &prefix,
        &(sealed.len() as u32).to_be_bytes(),
        &sealed,
    ]
    .concat()
}

// Item 12: data at rest of earlier versions is brought to the current format — document
// files re-sealed under their own keys and bound to their document, TOTP seeds sealed — and
// still opens.
on_both_databases!(
    documents_and_seeds_of_earlier_versions_are_resealed,
    |b| async move {
        use app::entities::{account, document, totp_factor};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let app = seeded(b, &[]).await;
        let (client, email) = citizen(&app, "altbestand").await;
        let back =
            crate::applications::upload(&app, &client, None, None, "Alt.pdf", PDF.to_vec()).await;
        let id = crate::applications::query_value(&back, "dokument").unwrap();
        let doc = document::Entity::find()
            .filter(document::Column::PublicId.eq(&id))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        // As the first version left them: the file sealed with the master key itself, the seed
        // in clear.
        let hex = std::fs::read_to_string(app.state.config.data_dir.join("storage.key")).unwrap();
        let master: Vec<u8> = (0..64)
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex.trim()[i..i + 2], 16).unwrap())
            .collect();
        let blobs = &app.state.documents.blobs;
        let mut w = blobs.create(&doc.storage_key).await.unwrap();
        tokio::io::AsyncWriteExt::write_all(&mut w, &legacy_sealed(&master, PDF))
            .await
            .unwrap();
        tokio::io::AsyncWriteExt::shutdown(&mut w).await.unwrap();
        drop(w);
        blobs.commit(&doc.storage_key).await.unwrap();
        let owner = account::Entity::find()
            .filter(account::Column::Email.eq(&email))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        app.sql(&format!(
            "INSERT INTO totp_factors (account_id, secret, created_at) \
             VALUES ({}, 'JBSWY3DPEHPK3PXP', 0)",
            owner.id
        ))
        .await;

        app::jobs::migrate_at_rest(&app.state).await.unwrap();

        let file = blobs.read(&doc.storage_key).await.unwrap();
        assert!(file.starts_with(b"SPV2"), "re-sealed in the current format");
        let res = client
            .get(format!("{}/dokumente/{id}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), reqwest::StatusCode::OK);
        assert_eq!(res.bytes().await.unwrap().as_ref(), PDF, "the same bytes");
        let row = totp_factor::Entity::find_by_id(owner.id)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        assert!(!row.secret.contains("JBSWY3DP"), "{}", row.secret);
        assert_eq!(
            app::auth::second_factor::seed::open(&app.state.documents.key, &row)
                .unwrap()
                .expose(),
            "JBSWY3DPEHPK3PXP"
        );
        // Running it again changes nothing.
        app::jobs::migrate_at_rest(&app.state).await.unwrap();
        assert_eq!(blobs.read(&doc.storage_key).await.unwrap(), file);
    }
);

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

// Item 9: anonymous requests that cost a password hash or a mail are limited per address
// (and per client): nobody can flood an inbox through the portal.
on_both_databases!(
    registration_and_reset_mails_are_limited_per_address,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let register = |email: String| {
            let client = client_for(&app.base);
            let base = app.base.clone();
            async move {
                call_with(
                    &client,
                    &base,
                    "register",
                    &[
                        ("first_name", "Erika"),
                        ("last_name", "Mustermann"),
                        ("email", &email),
                        ("password", PW),
                        ("password_repeat", PW),
                        ("consent", "on"),
                    ],
                )
                .await
            }
        };
        let flooded = unique_email("flut");
        for _ in 0..app::accounts::throttle::MAIL_ADDRESS.free {
            register(flooded.clone())
                .await
                .expect("the first ones pass");
        }
        // The growing delay starts from the last request; a few more requests are counted and
        // the last set to now, so that the delay (16 s) outlasts any slow machine's hashing
        // and no second boundary falls in between.
        app.sql(&format!(
            "UPDATE login_throttle SET failures = {}, last_failure_at = {} WHERE key LIKE 'register:mail:%'",
            app::accounts::throttle::MAIL_ADDRESS.free + 4,
            unix_now()
        ))
        .await;
        let e = register(flooded.clone()).await.unwrap_err();
        assert!(matches!(e, AppError::TooManyRequests { .. }), "{e:?}");
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert!(
            mails_to(&flooded).await.len() <= app::accounts::throttle::MAIL_ADDRESS.free as usize,
            "no more mails than requests let through"
        );
        // Another address from the same client is not held up.
        register(unique_email("andere")).await.unwrap();

        // The same for reset links.
        let owner = unique_email("reset-flut");
        app.register_active(&owner, PW).await;
        let reset = || {
            let (client, base, owner) = (client_for(&app.base), app.base.clone(), owner.clone());
            async move {
                call_with(
                    &client,
                    &base,
                    "request_password_reset",
                    &[("email", &owner)],
                )
                .await
            }
        };
        for _ in 0..app::accounts::throttle::MAIL_ADDRESS.free {
            reset().await.unwrap();
        }
        app.sql(&format!(
            "UPDATE login_throttle SET failures = {}, last_failure_at = {} WHERE key LIKE 'reset:mail:%'",
            app::accounts::throttle::MAIL_ADDRESS.free + 4,
            unix_now()
        ))
        .await;
        let res = client_for(&app.base)
            .post(format!("{}/api/request_password_reset", app.base))
            .header("origin", &app.base)
            .header("accept", "application/json")
            .form(&[("email", owner.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), reqwest::StatusCode::TOO_MANY_REQUESTS);
        assert!(res.headers().contains_key("retry-after"));
    }
);

// Item 9: a passkey login started writes a ceremony row; a client cannot fill the table.
on_both_databases!(
    passkey_login_starts_are_limited_per_client,
    |b| async move {
        // Passkeys need a host name.
        let app = TestApp::spawn_with(b, &[("PORTAL_BASE_URL", "http://localhost:{port}")]).await;
        let anonymous = client_for(&app.base);
        for _ in 0..3 {
            call_with(&anonymous, &app.base, "start_passkey_login", &[])
                .await
                .unwrap();
        }
        let counted = crate::applications::count(
            &app,
            "login_throttle WHERE key = 'passkey:ip:127.0.0.1' AND failures = 3",
        )
        .await;
        assert_eq!(counted, 1, "each start is counted");
        app.sql(&format!(
            "UPDATE login_throttle SET failures = {}, locked_until = {} WHERE key = 'passkey:ip:127.0.0.1'",
            app::accounts::throttle::PASSKEY_CLIENT.lock_at,
            unix_now() + 600
        ))
        .await;
        let ceremonies = crate::applications::count(&app, "webauthn_ceremonies").await;
        let e = call_with(&anonymous, &app.base, "start_passkey_login", &[])
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::TooManyRequests { .. }), "{e:?}");
        assert_eq!(
            crate::applications::count(&app, "webauthn_ceremonies").await,
            ceremonies,
            "no row for a refused start"
        );
    }
);

// Item 9: at most two live streams per session; a closed one frees its place.
on_both_databases!(a_session_keeps_at_most_two_live_streams, |b| async move {
    let app = TestApp::spawn(b).await;
    let (client, _) = citizen(&app, "streams").await;
    let open = || {
        client
            .get(format!("{}/postfach/ereignisse", app.base))
            .send()
    };
    let first = open().await.unwrap();
    let second = open().await.unwrap();
    assert_eq!(first.status(), reqwest::StatusCode::OK);
    assert_eq!(second.status(), reqwest::StatusCode::OK);
    let third = open().await.unwrap();
    assert_eq!(third.status(), reqwest::StatusCode::TOO_MANY_REQUESTS);
    drop(first);
    // The server notices the closed stream when it next writes to it (every 2 s at most,
    // the keep-alive at the latest).
    let mut reopened = None;
    for _ in 0..40 {
        let res = open().await.unwrap();
        if res.status() == reqwest::StatusCode::OK {
            reopened = Some(res);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    assert!(
        reopened.is_some(),
        "the closed stream's place is free again"
    );
    drop(second);
});

// Item 9: the document safe has a configurable quota, and says so.
on_both_databases!(the_document_safe_has_a_quota, |b| async move {
    let app = seeded(b, &[("PORTAL_SAFE_QUOTA_MB", "1")]).await;
    let (client, _) = citizen(&app, "quota").await;
    let big = [PDF, &vec![b' '; 600 * 1024]].concat();
    let back =
        crate::applications::upload(&app, &client, None, None, "Eins.pdf", big.clone()).await;
    assert!(
        crate::applications::query_value(&back, "dokument").is_some(),
        "{back}"
    );
    let back = crate::applications::upload(&app, &client, None, None, "Zwei.pdf", big).await;
    assert_eq!(
        crate::applications::query_value(&back, "upload").as_deref(),
        Some("safe-voll"),
        "{back}"
    );
    let page = client
        .get(format!("{}{back}", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Ihr Dokumentensafe ist voll"),
        "the page says why"
    );
});

// Item 9: the export streams, and only a few are built at once; the rest are told to wait.
on_both_databases!(exports_stream_and_only_a_few_run_at_once, |b| async move {
    let app = seeded(b, &[]).await;
    let (client, _) = citizen(&app, "export").await;
    // Large enough that an unread download stays open (more than the socket buffers),
    // and incompressible, so the ZIP is as large.
    let mut noise = Vec::with_capacity(8 * 1024 * 1024);
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    while noise.len() < 8 * 1024 * 1024 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        noise.extend_from_slice(&x.to_le_bytes());
    }
    for name in ["A.pdf", "B.pdf"] {
        let file = [PDF, noise.as_slice()].concat();
        let back = crate::applications::upload(&app, &client, None, None, name, file).await;
        assert!(
            crate::applications::query_value(&back, "dokument").is_some(),
            "{back}"
        );
    }
    // Unread downloads hold their connections, so each request opens another.
    let get = || {
        client
            .get(format!("{}/mein-bereich/export", app.base))
            .send()
    };
    let mut open = Vec::new();
    for _ in 0..app::profile::export::PARALLEL_EXPORTS {
        let res = get().await.unwrap();
        assert_eq!(res.status(), reqwest::StatusCode::OK);
        open.push(res);
    }
    let busy = get().await.unwrap();
    assert_eq!(busy.status(), reqwest::StatusCode::TOO_MANY_REQUESTS);
    assert!(busy.text().await.unwrap().contains("Datenexporte"));
    // A finished download frees its slot; read to the end, it is a whole archive.
    let bytes = open.pop().unwrap().bytes().await.unwrap();
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    assert!(zip.len() >= 4, "readme, JSON and both documents");
    let mut again = None;
    for _ in 0..40 {
        let res = get().await.unwrap();
        if res.status() == reqwest::StatusCode::OK {
            again = Some(res);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    assert!(again.is_some(), "the slot is free again");
});
