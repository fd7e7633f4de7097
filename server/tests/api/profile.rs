//! "Mein Bereich": password change, sessions and account deletion act on the own account only.

use app::error::AppError;

use crate::on_both_databases;
use crate::support::*;

const PW: &str = "Grundsteuer#7";
const NEW: &str = "Hundemarke!42";

async fn sessions(client: &reqwest::Client, base: &str) -> Vec<serde_json::Value> {
    call_with(client, base, "list_sessions", &[])
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

on_both_databases!(
    everything_in_mein_bereich_refuses_anonymous_callers,
    |b| async move {
        let app = TestApp::spawn(b).await;
        for (f, form) in [
            ("list_sessions", vec![]),
            ("end_session", vec![("id", "0123456789abcdef")]),
            ("end_other_sessions", vec![]),
            (
                "change_password",
                vec![
                    ("current_password", PW),
                    ("new_password", NEW),
                    ("new_password_repeat", NEW),
                ],
            ),
            ("delete_account", vec![("password", PW)]),
        ] {
            assert_eq!(
                app.call(f, &form).await.unwrap_err(),
                AppError::Unauthenticated,
                "{f}"
            );
        }
    }
);

on_both_databases!(
    sessions_are_listed_and_ended_only_for_the_own_account,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let (erika, max) = (unique_email("erika"), unique_email("max"));
        app.register_active(&erika, PW).await;
        app.register_active(&max, PW).await;
        app.login(&erika, PW).await.unwrap();
        let erika_phone = client_for(&app.base);
        call_with(
            &erika_phone,
            &app.base,
            "login",
            &[("email", &erika), ("password", PW)],
        )
        .await
        .unwrap();
        let max_client = client_for(&app.base);
        call_with(
            &max_client,
            &app.base,
            "login",
            &[("email", &max), ("password", PW)],
        )
        .await
        .unwrap();

        let list = sessions(&app.client, &app.base).await;
        assert_eq!(list.len(), 2, "{list:?}");
        assert_eq!(list.iter().filter(|s| s["current"] == true).count(), 1);
        let phone_id = list.iter().find(|s| s["current"] == false).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();

        // Max sees only his own session and cannot end Erika's.
        assert_eq!(sessions(&max_client, &app.base).await.len(), 1);
        let e = call_with(&max_client, &app.base, "end_session", &[("id", &phone_id)])
            .await
            .unwrap_err();
        assert_eq!(e, AppError::NotFound);
        assert_eq!(
            current_email_with(&erika_phone, &app.base).await.as_deref(),
            Some(erika.as_str())
        );

        // Erika ends her phone's session from the laptop.
        app.call("end_session", &[("id", &phone_id)]).await.unwrap();
        assert_eq!(current_email_with(&erika_phone, &app.base).await, None);
        assert_eq!(app.current_email().await.as_deref(), Some(erika.as_str()));

        call_with(
            &erika_phone,
            &app.base,
            "login",
            &[("email", &erika), ("password", PW)],
        )
        .await
        .unwrap();
        app.call("end_other_sessions", &[]).await.unwrap();
        assert_eq!(current_email_with(&erika_phone, &app.base).await, None);
        assert_eq!(app.current_email().await.as_deref(), Some(erika.as_str()));
        assert_eq!(
            current_email_with(&max_client, &app.base).await.as_deref(),
            Some(max.as_str())
        );
    }
);

on_both_databases!(
    a_password_change_needs_the_current_password_and_ends_other_sessions,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("change");
        app.register_active(&email, PW).await;
        app.login(&email, PW).await.unwrap();
        let other = client_for(&app.base);
        call_with(
            &other,
            &app.base,
            "login",
            &[("email", &email), ("password", PW)],
        )
        .await
        .unwrap();

        let e = app
            .call(
                "change_password",
                &[
                    ("current_password", "Falsch#123"),
                    ("new_password", NEW),
                    ("new_password_repeat", NEW),
                ],
            )
            .await
            .unwrap_err();
        assert!(field_error(&e, "current_password").is_some(), "{e:?}");
        let e = app
            .call(
                "change_password",
                &[
                    ("current_password", PW),
                    ("new_password", "password1"),
                    ("new_password_repeat", "password1"),
                ],
            )
            .await
            .unwrap_err();
        assert!(field_error(&e, "new_password").is_some(), "{e:?}");

        let res = app
            .call(
                "change_password",
                &[
                    ("current_password", PW),
                    ("new_password", NEW),
                    ("new_password_repeat", NEW),
                ],
            )
            .await
            .unwrap();
        assert!(
            res.headers().get("set-cookie").is_some(),
            "the session id must be rotated"
        );
        assert_eq!(app.current_email().await.as_deref(), Some(email.as_str()));
        assert_eq!(current_email_with(&other, &app.base).await, None);
        assert!(app.login(&email, PW).await.is_err());
        app.login(&email, NEW).await.unwrap();
        wait_for_mail(&email, "Passwort wurde geändert").await;
    }
);

on_both_databases!(
    deleting_the_account_removes_it_and_frees_the_address,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let (email, other) = (unique_email("delete"), unique_email("stays"));
        app.register_active(&email, PW).await;
        app.register_active(&other, PW).await;
        app.login(&email, PW).await.unwrap();
        let e = app
            .call("delete_account", &[("password", "Falsch#123")])
            .await
            .unwrap_err();
        assert!(field_error(&e, "password").is_some(), "{e:?}");
        assert_eq!(app.current_email().await.as_deref(), Some(email.as_str()));

        app.call("delete_account", &[("password", PW)])
            .await
            .unwrap();
        assert_eq!(app.current_email().await, None);
        assert!(app.login(&email, PW).await.is_err());
        let count = |table: &'static str| {
            let db = app.state.db.clone();
            let email = email.clone();
            async move {
                use sea_orm::{ConnectionTrait, Statement};
                let sql = match table {
                    "accounts" => {
                        format!("SELECT COUNT(*) AS n FROM accounts WHERE email = '{email}'")
                    }
                    _ => {
                        format!("SELECT COUNT(*) AS n FROM mail_outbox WHERE recipient = '{email}'")
                    }
                };
                let row = db
                    .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
                    .await
                    .unwrap()
                    .unwrap();
                row.try_get::<i64>("", "n").unwrap()
            }
        };
        assert_eq!(count("accounts").await, 0);
        assert_eq!(count("mail_outbox").await, 0);
        // The other account is untouched, and the address can register again.
        app.login(&other, PW).await.unwrap();
        app.register_active(&email, NEW).await;
        app.login(&email, NEW).await.unwrap();
    }
);
