//! The second factor: TOTP with replay protection and recovery codes, the e-mail link that only
//! a button confirms, the shared throttle, and who may touch which account's factor.

use app::auth::second_factor::totp::TotpKey;
use app::error::AppError;
use app::secret::Secret;

use crate::on_both_databases;
use crate::support::*;

const PW: &str = "Grundsteuer#7";

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Registers, logs in and sets up the authenticator app; returns the key and the recovery codes.
async fn with_totp(app: &TestApp, email: &str) -> (TotpKey, Vec<String>) {
    app.register_active(email, PW).await;
    app.login(email, PW).await.unwrap();
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
    let secret = setup["secret_grouped"].as_str().unwrap().replace(' ', "");
    assert!(setup["qr_svg"].as_str().unwrap().contains("<svg"));
    let key = TotpKey::from_base32(&Secret::new(secret), email).unwrap();
    app.call("confirm_totp_setup", &[("code", &key.code_at(now()))])
        .await
        .unwrap();
    let codes: Vec<String> = app
        .call("take_recovery_codes", &[])
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (key, codes)
}

/// The session token a response sets.
fn session_cookie(res: &reqwest::Response) -> String {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("portal_session="))
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned()
}

async fn code(app: &TestApp, code: &str) -> Result<reqwest::Response, AppError> {
    app.call("verify_second_factor", &[("code", code)]).await
}

async fn logout(app: &TestApp) {
    app.call("logout", &[]).await.unwrap();
    assert_eq!(app.current_email().await, None);
}

on_both_databases!(
    totp_is_set_up_with_a_code_and_each_code_works_once,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("totp");
        app.register_active(&email, PW).await;
        app.login(&email, PW).await.unwrap();
        let wrong = app
            .call("start_totp_setup", &[("totp_password", "Falsch#123")])
            .await
            .unwrap_err();
        assert!(field_error(&wrong, "totp_password").is_some(), "{wrong:?}");
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
        let key = TotpKey::from_base32(
            &Secret::new(setup["secret_grouped"].as_str().unwrap().replace(' ', "")),
            &email,
        )
        .unwrap();
        // A code from five minutes ago does not confirm the setup.
        let stale = app
            .call("confirm_totp_setup", &[("code", &key.code_at(now() - 300))])
            .await
            .unwrap_err();
        assert!(field_error(&stale, "code").is_some(), "{stale:?}");
        let used = key.code_at(now());
        app.call("confirm_totp_setup", &[("code", &used)])
            .await
            .unwrap();
        wait_for_mail(&email, "zweiter Faktor").await;
        let codes: Vec<String> = app
            .call("take_recovery_codes", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(codes.len(), 10);
        let again: Vec<String> = app
            .call("take_recovery_codes", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(again.is_empty(), "recovery codes are shown once");

        // The password alone no longer logs in: it opens the second step.
        logout(&app).await;
        app.login(&email, PW).await.unwrap();
        assert_eq!(app.current_email().await, None);
        let step: serde_json::Value = app
            .call("login_challenge", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(step["method"], "Totp");
        // The code that confirmed the setup was used: refused.
        let replay = code(&app, &used).await.unwrap_err();
        assert!(field_error(&replay, "code").is_some(), "{replay:?}");
        assert_eq!(app.current_email().await, None);
        let next = key.code_at(now() + 30);
        code(&app, &next).await.unwrap();
        assert_eq!(app.current_email().await.as_deref(), Some(email.as_str()));

        // The same code again, in a new login: refused.
        logout(&app).await;
        app.login(&email, PW).await.unwrap();
        assert!(field_error(&code(&app, &next).await.unwrap_err(), "code").is_some());
        // A recovery code works once, typed loosely too.
        code(&app, &codes[0].to_lowercase().replace('-', " "))
            .await
            .unwrap();
        assert_eq!(app.current_email().await.as_deref(), Some(email.as_str()));
        logout(&app).await;
        app.login(&email, PW).await.unwrap();
        assert!(
            field_error(&code(&app, &codes[0]).await.unwrap_err(), "code").is_some(),
            "a used recovery code"
        );
        code(&app, &codes[1]).await.unwrap();
        let status: serde_json::Value = app
            .call("second_factor_status", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(status["method"], "Totp");
        assert_eq!(status["recovery_codes_left"], 8);
    }
);

on_both_databases!(
    wrong_codes_count_toward_the_login_throttle,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("totp-throttle");
        let (key, _) = with_totp(&app, &email).await;
        logout(&app).await;
        app.login(&email, PW).await.unwrap();
        for _ in 0..3 {
            assert!(field_error(&code(&app, "000001").await.unwrap_err(), "code").is_some());
        }
        // From here on each attempt must wait a growing delay, as after wrong passwords. The first
        // delay is one second, measured in whole seconds, so one more wrong code may still get in.
        let throttled = code(&app, "000001").await.unwrap_err();
        if !matches!(throttled, AppError::TooManyRequests { .. }) {
            assert!(field_error(&throttled, "code").is_some(), "{throttled:?}");
        }
        // The wrong codes were counted like wrong passwords: this browser completed a login
        // before, so on its known-device key.
        use app::entities::login_throttle;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let row = login_throttle::Entity::find()
            .filter(login_throttle::Column::Key.starts_with("device:"))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        assert!(row.failures >= 3, "{row:?}");
        // Two more wrong codes, the last one this second (set directly: on a slow machine the
        // requests themselves could outlast the short first delays): even the right code waits.
        app.sql(&format!(
            "UPDATE login_throttle SET failures = {}, last_failure_at = {} WHERE key = '{}'",
            row.failures + 2,
            now(),
            row.key
        ))
        .await;
        let e = code(&app, &key.code_at(now() + 30)).await.unwrap_err();
        assert!(matches!(e, AppError::TooManyRequests { .. }), "{e:?}");
        // A new password step does not reset the count either.
        let e = app.login(&email, PW).await.unwrap_err();
        assert!(matches!(e, AppError::TooManyRequests { .. }), "{e:?}");
    }
);

on_both_databases!(a_challenge_ends_after_five_wrong_codes, |b| async move {
    let app = TestApp::spawn(b).await;
    let email = unique_email("totp-attempts");
    with_totp(&app, &email).await;
    logout(&app).await;
    app.login(&email, PW).await.unwrap();
    // Lift the throttle between attempts: this test is about the challenge's own limit.
    for _ in 0..4 {
        assert!(field_error(&code(&app, "000001").await.unwrap_err(), "code").is_some());
        app.sql("DELETE FROM login_throttle").await;
    }
    assert!(matches!(
        code(&app, "000001").await.unwrap_err(),
        AppError::Conflict(_)
    ));
    assert!(matches!(
        app.call("login_challenge", &[]).await.unwrap_err(),
        AppError::Conflict(_)
    ));
});

on_both_databases!(
    the_mailed_link_confirms_only_by_button_and_logs_in_the_waiting_browser,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("link");
        app.register_active(&email, PW).await;
        app.login(&email, PW).await.unwrap();
        app.call("choose_email_factor", &[("email_factor_password", PW)])
            .await
            .unwrap();
        logout(&app).await;

        let earlier = mails_to(&email).await.len();
        app.login(&email, PW).await.unwrap();
        let step: serde_json::Value = app
            .call("login_challenge", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            (step["method"].as_str(), step["confirmed"].as_bool()),
            (Some("Email"), Some(false))
        );
        let mail = wait_for_mail_after(&email, "Anmeldelink", earlier).await;
        let token = token_from(&mail.text);

        // A GET of the link (as a mail scanner does) shows the button and confirms nothing.
        let scanner = client_for(&app.base);
        let page = scanner
            .get(format!("{}/anmelden/link?token={token}", app.base))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("Anmeldung bestätigen"));
        let step: serde_json::Value = app
            .call("login_challenge", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(step["confirmed"], false);
        assert!(matches!(
            app.call("complete_login", &[]).await.unwrap_err(),
            AppError::Conflict(_)
        ));

        // The button, pressed on another device: that device is not logged in, the waiting one is.
        call_with(
            &scanner,
            &app.base,
            "confirm_login_link",
            &[("token", &token)],
        )
        .await
        .unwrap();
        assert_eq!(current_email_with(&scanner, &app.base).await, None);
        assert!(matches!(
            call_with(&scanner, &app.base, "complete_login", &[])
                .await
                .unwrap_err(),
            AppError::Conflict(_)
        ));
        app.call("complete_login", &[]).await.unwrap();
        assert_eq!(app.current_email().await.as_deref(), Some(email.as_str()));
        // Used once: a second press is refused.
        assert!(matches!(
            call_with(
                &scanner,
                &app.base,
                "confirm_login_link",
                &[("token", &token)]
            )
            .await
            .unwrap_err(),
            AppError::Conflict(_)
        ));

        // An expired link is refused.
        logout(&app).await;
        let earlier = mails_to(&email).await.len();
        app.login(&email, PW).await.unwrap();
        let token = token_from(
            &wait_for_mail_after(&email, "Anmeldelink", earlier)
                .await
                .text,
        );
        app.sql("UPDATE login_challenges SET expires_at = 0").await;
        assert!(matches!(
            call_with(
                &scanner,
                &app.base,
                "confirm_login_link",
                &[("token", &token)]
            )
            .await
            .unwrap_err(),
            AppError::Conflict(_)
        ));
        assert!(matches!(
            app.call("complete_login", &[]).await.unwrap_err(),
            AppError::Conflict(_)
        ));
    }
);

on_both_databases!(
    second_factor_functions_refuse_anonymous_callers_and_other_accounts,
    |b| async move {
        let app = TestApp::spawn(b).await;
        for (f, form) in [
            ("second_factor_status", vec![]),
            ("start_totp_setup", vec![("totp_password", PW)]),
            ("totp_setup", vec![]),
            ("confirm_totp_setup", vec![("code", "123456")]),
            ("take_recovery_codes", vec![]),
            ("regenerate_recovery_codes", vec![("codes_password", PW)]),
            ("choose_email_factor", vec![("email_factor_password", PW)]),
            ("switch_off_second_factor", vec![("off_password", PW)]),
        ] {
            assert_eq!(
                app.call(f, &form).await.unwrap_err(),
                AppError::Unauthenticated,
                "{f}"
            );
        }
        // Without the cookie of a password step there is nothing to answer.
        assert!(matches!(
            code(&app, "123456").await.unwrap_err(),
            AppError::Conflict(_)
        ));
        assert!(matches!(
            app.call("complete_login", &[]).await.unwrap_err(),
            AppError::Conflict(_)
        ));

        // Erika starts a setup; Max, logged in, sees neither her secret nor her codes.
        let erika = unique_email("erika-2fa");
        app.register_active(&erika, PW).await;
        app.login(&erika, PW).await.unwrap();
        app.call("start_totp_setup", &[("totp_password", PW)])
            .await
            .unwrap();
        let max_email = unique_email("max-2fa");
        app.register_active(&max_email, PW).await;
        let max = client_for(&app.base);
        call_with(
            &max,
            &app.base,
            "login",
            &[("email", &max_email), ("password", PW)],
        )
        .await
        .unwrap();
        assert!(matches!(
            call_with(&max, &app.base, "totp_setup", &[])
                .await
                .unwrap_err(),
            AppError::Conflict(_)
        ));
        let codes: Vec<String> = call_with(&max, &app.base, "take_recovery_codes", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(codes.is_empty());
        let status: serde_json::Value = call_with(&max, &app.base, "second_factor_status", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(status["method"], "None");
    }
);

on_both_databases!(
    switching_off_needs_the_password_and_is_refused_when_required,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("off");
        with_totp(&app, &email).await;
        let e = app
            .call(
                "switch_off_second_factor",
                &[("off_password", "Falsch#123")],
            )
            .await
            .unwrap_err();
        assert!(field_error(&e, "off_password").is_some(), "{e:?}");
        app.call("switch_off_second_factor", &[("off_password", PW)])
            .await
            .unwrap();
        logout(&app).await;
        app.login(&email, PW).await.unwrap();
        assert_eq!(
            app.current_email().await.as_deref(),
            Some(email.as_str()),
            "no second step any more"
        );

        let strict = TestApp::spawn_with(
            b,
            &[
                ("PORTAL_SECOND_FACTOR", "required"),
                ("PORTAL_EMAIL_FACTOR", "off"),
            ],
        )
        .await;
        let email = unique_email("strict");
        with_totp(&strict, &email).await;
        assert!(matches!(
            strict
                .call("switch_off_second_factor", &[("off_password", PW)])
                .await
                .unwrap_err(),
            AppError::Conflict(_)
        ));
        assert_eq!(
            strict
                .call("choose_email_factor", &[("email_factor_password", PW)])
                .await
                .unwrap_err(),
            AppError::Forbidden
        );
    }
);

on_both_databases!(
    deleting_the_account_deletes_its_second_factor,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("delete-2fa");
        with_totp(&app, &email).await;
        // A password step waiting in another browser.
        call_with(
            &client_for(&app.base),
            &app.base,
            "login",
            &[("email", &email), ("password", PW)],
        )
        .await
        .unwrap();
        app.call("delete_account", &[("password", PW)])
            .await
            .unwrap();
        use sea_orm::{ConnectionTrait, Statement};
        for table in ["totp_factors", "recovery_codes", "login_challenges"] {
            let row = app
                .state
                .db
                .query_one_raw(Statement::from_string(
                    app.state.db.get_database_backend(),
                    format!("SELECT COUNT(*) AS n FROM {table}"),
                ))
                .await
                .unwrap()
                .unwrap();
            let n: i64 = row.try_get("", "n").unwrap();
            assert_eq!(n, 0, "{table}");
        }
    }
);

on_both_databases!(
    where_a_second_factor_is_required_a_login_without_one_can_only_set_one_up,
    |b| async move {
        let app = TestApp::spawn_with(b, &[("PORTAL_SECOND_FACTOR", "required")]).await;
        let email = unique_email("required");
        app.register_active(&email, PW).await;
        let login = app.login(&email, PW).await.unwrap();
        let first_token = session_cookie(&login);
        // A second login elsewhere, also limited to the setup.
        let elsewhere = client_for(&app.base);
        call_with(
            &elsewhere,
            &app.base,
            "login",
            &[("email", &email), ("password", PW)],
        )
        .await
        .unwrap();
        assert_eq!(
            current_email_with(&elsewhere, &app.base).await.as_deref(),
            Some(email.as_str())
        );
        let me: serde_json::Value = app
            .call("current_account", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(me["must_set_up_second_factor"], true);
        for (f, form) in [
            ("my_data", vec![]),
            ("list_sessions", vec![]),
            ("end_other_sessions", vec![]),
            ("delete_account", vec![("password", PW)]),
        ] {
            assert_eq!(
                app.call(f, &form).await.unwrap_err(),
                AppError::SecondFactorRequired,
                "{f}"
            );
        }
        for path in ["/mein-bereich", "/mein-bereich/export"] {
            let page = app.get(path).await;
            assert!(page.status().is_redirection(), "{path}: {}", page.status());
            assert_eq!(
                page.headers()["location"],
                "/zwei-faktor-einrichten",
                "{path}"
            );
        }
        assert_eq!(
            app.get("/zwei-faktor-einrichten").await.status(),
            reqwest::StatusCode::OK
        );

        // Setting one up frees the session.
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
        let key = TotpKey::from_base32(
            &Secret::new(setup["secret_grouped"].as_str().unwrap().replace(' ', "")),
            &email,
        )
        .unwrap();
        let confirmed = app
            .call("confirm_totp_setup", &[("code", &key.code_at(now()))])
            .await
            .unwrap();
        // The freed session has a new token; the old one and the other setup-only session
        // are gone, as neither proved the new factor.
        assert_ne!(session_cookie(&confirmed), first_token);
        let replay = reqwest::Client::new()
            .post(format!("{}/api/current_account", app.base))
            .header("origin", &app.base)
            .header("cookie", format!("portal_session={first_token}"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            replay.text().await.unwrap(),
            "null",
            "the old token is dead"
        );
        assert_eq!(current_email_with(&elsewhere, &app.base).await, None);
        app.call("my_data", &[]).await.unwrap();
        let me: serde_json::Value = app
            .call("current_account", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(me["must_set_up_second_factor"], false);
    }
);
