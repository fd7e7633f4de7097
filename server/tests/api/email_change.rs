//! "E-Mail-Adresse ändern": confirmed by a link to the new address, with a notice to the old.

use app::error::AppError;

use crate::on_both_databases;
use crate::support::*;

const PW: &str = "Grundsteuer#7";

on_both_databases!(
    the_new_address_counts_only_after_its_link_is_used,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let (old, new) = (unique_email("old"), unique_email("new"));
        app.register_active(&old, PW).await;
        assert_eq!(
            app.call(
                "request_email_change",
                &[
                    ("new_email", &new),
                    ("new_email_repeat", &new),
                    ("email_password", PW)
                ]
            )
            .await
            .unwrap_err(),
            AppError::Unauthenticated
        );
        app.login(&old, PW).await.unwrap();

        let e = app
            .call(
                "request_email_change",
                &[
                    ("new_email", &new),
                    ("new_email_repeat", &new),
                    ("email_password", "Falsch#1"),
                ],
            )
            .await
            .unwrap_err();
        assert!(field_error(&e, "email_password").is_some(), "{e:?}");
        let e = app
            .call(
                "request_email_change",
                &[
                    ("new_email", &new),
                    ("new_email_repeat", "x@example.de"),
                    ("email_password", PW),
                ],
            )
            .await
            .unwrap_err();
        assert!(field_error(&e, "new_email_repeat").is_some(), "{e:?}");

        app.call(
            "request_email_change",
            &[
                ("new_email", &new),
                ("new_email_repeat", &new.to_uppercase()),
                ("email_password", PW),
            ],
        )
        .await
        .unwrap();
        wait_for_mail(&old, "Änderung Ihrer E-Mail-Adresse").await;
        let token = token_from(&wait_for_mail(&new, "neue E-Mail-Adresse").await.text);
        // Until the link is used, the old address is the login.
        assert!(app.login(&new, PW).await.is_err());
        app.login(&old, PW).await.unwrap();

        let anonymous = client_for(&app.base);
        call_with(
            &anonymous,
            &app.base,
            "confirm_email_change",
            &[("token", &token)],
        )
        .await
        .unwrap();
        app.login(&new, PW).await.unwrap();
        assert!(app.login(&old, PW).await.is_err());
        let again = call_with(
            &anonymous,
            &app.base,
            "confirm_email_change",
            &[("token", &token)],
        )
        .await
        .unwrap_err();
        assert!(matches!(again, AppError::Conflict(_)), "{again:?}");
    }
);

on_both_databases!(
    an_address_of_another_account_gets_the_same_answer_and_is_never_taken,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let (erika, max) = (unique_email("erika"), unique_email("max"));
        app.register_active(&erika, PW).await;
        app.register_active(&max, PW).await;
        app.login(&erika, PW).await.unwrap();
        app.call(
            "request_email_change",
            &[
                ("new_email", &max),
                ("new_email_repeat", &max),
                ("email_password", PW),
            ],
        )
        .await
        .unwrap();
        wait_for_mail(&max, "für ein anderes Konto").await;
        assert!(
            mails_to(&max)
                .await
                .iter()
                .all(|m| !m.subject.contains("neue E-Mail-Adresse")),
            "no confirmation link to a taken address"
        );
        app.login(&erika, PW).await.unwrap();
        app.login(&max, PW).await.unwrap();
    }
);
