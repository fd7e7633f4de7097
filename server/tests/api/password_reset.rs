use app::error::AppError;

use crate::on_both_databases;
use crate::support::*;

const PW: &str = "Grundsteuer#7";
const NEW: &str = "Hundemarke!42";

on_both_databases!(
    a_reset_link_sets_a_new_password_once_and_ends_all_sessions,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("reset");
        app.register_active(&email, PW).await;
        app.login(&email, PW).await.unwrap();
        assert!(app.current_email().await.is_some());

        let other = client_for(&app.base);
        call_with(
            &other,
            &app.base,
            "request_password_reset",
            &[("email", &email)],
        )
        .await
        .unwrap();
        let mail = wait_for_mail(&email, "Neues Passwort").await;
        let token = token_from(&mail.text);
        call_with(
            &other,
            &app.base,
            "reset_password",
            &[
                ("token", &token),
                ("password", NEW),
                ("password_repeat", NEW),
            ],
        )
        .await
        .unwrap();

        assert_eq!(
            app.current_email().await,
            None,
            "the old session must be gone"
        );
        assert!(app.login(&email, PW).await.is_err());
        app.login(&email, NEW).await.unwrap();
        wait_for_mail(&email, "Passwort wurde geändert").await;

        let reused = call_with(
            &other,
            &app.base,
            "reset_password",
            &[
                ("token", &token),
                ("password", "Noch#Eins77"),
                ("password_repeat", "Noch#Eins77"),
            ],
        )
        .await
        .unwrap_err();
        assert!(matches!(reused, AppError::Conflict(_)), "{reused:?}");
    }
);

on_both_databases!(
    a_reset_for_an_unknown_address_answers_the_same_and_mails_nobody,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let known = unique_email("known");
        app.register_active(&known, PW).await;
        let unknown = unique_email("unknown");
        let a = app
            .call("request_password_reset", &[("email", &known)])
            .await
            .unwrap();
        let b = app
            .call("request_password_reset", &[("email", &unknown)])
            .await
            .unwrap();
        assert_eq!(a.status(), b.status());
        assert_eq!(a.text().await.unwrap(), b.text().await.unwrap());
        wait_for_mail(&known, "Neues Passwort").await;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert!(mails_to(&unknown).await.is_empty());
    }
);

on_both_databases!(
    a_reset_lifts_a_lock_and_expired_links_are_refused,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("unlock");
        app.register_active(&email, PW).await;
        app.sql(&format!("INSERT INTO login_throttle (key, failures, last_failure_at, locked_until) VALUES ('account:{email}|ip:127.0.0.1', 10, 0, 99999999999)")).await;
        assert!(matches!(
            app.login(&email, PW).await.unwrap_err(),
            AppError::TooManyRequests { .. }
        ));
        app.call("request_password_reset", &[("email", &email)])
            .await
            .unwrap();
        let token = token_from(&wait_for_mail(&email, "Neues Passwort").await.text);
        app.call(
            "reset_password",
            &[
                ("token", &token),
                ("password", NEW),
                ("password_repeat", NEW),
            ],
        )
        .await
        .unwrap();
        app.login(&email, NEW).await.unwrap();

        app.call("request_password_reset", &[("email", &email)])
            .await
            .unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let token = token_from(&wait_for_mail(&email, "Neues Passwort").await.text);
        app.sql("UPDATE email_tokens SET expires_at = 1").await;
        let e = app
            .call(
                "reset_password",
                &[
                    ("token", &token),
                    ("password", "Noch#Eins77"),
                    ("password_repeat", "Noch#Eins77"),
                ],
            )
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{e:?}");
    }
);
