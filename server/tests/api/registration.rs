use app::error::AppError;

use crate::on_both_databases;
use crate::support::*;

const PW: &str = "Grundsteuer#7";

on_both_databases!(
    registration_mails_an_activation_link_that_enables_login,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("reg");
        app.register(&email, PW).await;
        // Not usable before the address is confirmed.
        let e = app.login(&email, PW).await.unwrap_err();
        assert!(field_error(&e, "email").is_some(), "{e:?}");
        let mail = wait_for_mail(&email, "Bitte bestätigen").await;
        assert!(
            mail.text
                .contains(&format!("{}/aktivieren?token=", app.base))
        );
        // A GET of the link changes nothing (mail scanners prefetch links).
        let token = token_from(&mail.text);
        assert_status(
            &app.get(&format!("/aktivieren?token={token}")).await,
            reqwest::StatusCode::OK,
        );
        assert!(app.login(&email, PW).await.is_err());
        app.call("activate_account", &[("token", &token)])
            .await
            .unwrap();
        app.login(&email, PW).await.unwrap();
        assert_eq!(app.current_email().await.as_deref(), Some(email.as_str()));
    }
);

on_both_databases!(
    an_activation_link_works_once_and_not_after_24_hours,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let (used, expired) = (unique_email("once"), unique_email("late"));
        app.register(&used, PW).await;
        let token = token_from(&wait_for_mail(&used, "Bitte bestätigen").await.text);
        app.call("activate_account", &[("token", &token)])
            .await
            .unwrap();
        let again = app
            .call("activate_account", &[("token", &token)])
            .await
            .unwrap_err();
        assert!(matches!(again, AppError::Conflict(_)), "{again:?}");

        app.register(&expired, PW).await;
        let token = token_from(&wait_for_mail(&expired, "Bitte bestätigen").await.text);
        app.sql("UPDATE email_tokens SET expires_at = expires_at - 86401")
            .await;
        let late = app
            .call("activate_account", &[("token", &token)])
            .await
            .unwrap_err();
        assert!(matches!(late, AppError::Conflict(_)), "{late:?}");
        assert!(app.login(&expired, PW).await.is_err());
    }
);

on_both_databases!(
    a_known_address_gets_the_same_answer_and_its_owner_a_mail,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("known");
        app.register_active(&email, PW).await;
        let first = app
            .call(
                "register",
                &[
                    ("first_name", "Max"),
                    ("last_name", "Muster"),
                    ("email", &email),
                    ("password", "Anderes#Pw9"),
                    ("password_repeat", "Anderes#Pw9"),
                    ("consent", "on"),
                ],
            )
            .await
            .unwrap();
        let new = unique_email("new");
        let second = app
            .call(
                "register",
                &[
                    ("first_name", "Max"),
                    ("last_name", "Muster"),
                    ("email", &new),
                    ("password", "Anderes#Pw9"),
                    ("password_repeat", "Anderes#Pw9"),
                    ("consent", "on"),
                ],
            )
            .await
            .unwrap();
        assert_eq!(first.status(), second.status());
        assert_eq!(
            first.headers().get("location"),
            second.headers().get("location")
        );
        assert_eq!(first.text().await.unwrap(), second.text().await.unwrap());
        wait_for_mail(&email, "Registrierung mit Ihrer E-Mail-Adresse").await;
        // The existing account is unchanged: the old password still works.
        app.login(&email, PW).await.unwrap();
    }
);

on_both_databases!(
    unconfirmed_registrations_are_deleted_after_24_hours,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("purge");
        app.register(&email, PW).await;
        wait_for_mail(&email, "Bitte bestätigen").await;
        app.sql("UPDATE accounts SET created_at = created_at - 86401")
            .await;
        app::jobs::run_once(&app.state).await.unwrap();
        let n: i64 = {
            use sea_orm::{EntityTrait, PaginatorTrait};
            app::entities::account::Entity::find()
                .count(&app.state.db)
                .await
                .unwrap() as i64
        };
        assert_eq!(n, 0);
    }
);

on_both_databases!(
    the_server_enforces_every_registration_rule,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let e = app
            .call(
                "register",
                &[
                    ("first_name", ""),
                    ("last_name", "X"),
                    ("email", "jürgen@example.de"),
                    ("password", "abc"),
                    ("password_repeat", "abd"),
                ],
            )
            .await
            .unwrap_err();
        for field in [
            "first_name",
            "email",
            "password",
            "password_repeat",
            "consent",
        ] {
            assert!(field_error(&e, field).is_some(), "{field}: {e:?}");
        }
        assert_eq!(
            field_error(&e, "email").unwrap(),
            "Die E-Mail-Adresse darf keine Umlaute oder anderen Sonderzeichen wie ä, ö, ü oder ß enthalten."
        );
        // The common-password list is checked on the server.
        let email = unique_email("common");
        let e = app
            .call(
                "register",
                &[
                    ("first_name", "A"),
                    ("last_name", "B"),
                    ("email", &email),
                    ("password", "Password123"),
                    ("password_repeat", "Password123"),
                    ("consent", "on"),
                ],
            )
            .await
            .unwrap_err();
        assert!(
            field_error(&e, "password").unwrap().contains("zu bekannt"),
            "{e:?}"
        );
    }
);
