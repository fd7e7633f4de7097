//! Passkeys on the server: who may start which ceremony, that a ceremony is used once, and
//! that an answer that is no valid authenticator response is refused and throttled. The
//! browser ceremony itself (Chromium's virtual authenticator) is in end2end/passkeys.spec.ts.

use app::error::AppError;

use crate::on_both_databases;
use crate::support::*;

const PW: &str = "Grundsteuer#7";

/// WebAuthn needs a domain name: these portals call themselves `localhost` on their own port,
/// and the test client calls them by that name.
async fn localhost_portal(b: Backend) -> TestApp {
    TestApp::spawn_with(b, &[("PORTAL_BASE_URL", "http://localhost:{port}")]).await
}

fn options(v: &serde_json::Value) -> serde_json::Value {
    serde_json::from_str(v["options"].as_str().unwrap()).unwrap()
}

on_both_databases!(
    passkey_ceremonies_follow_their_access_rules,
    |b| async move {
        let app = localhost_portal(b).await;
        for (f, form) in [
            (
                "start_passkey_registration",
                vec![("passkey_name", "Laptop"), ("passkey_password", PW)],
            ),
            (
                "finish_passkey_registration",
                vec![
                    ("ceremony", "x"),
                    ("credential", "{}"),
                    ("passkey_name", "Laptop"),
                ],
            ),
            (
                "remove_passkey",
                vec![("passkey_id", "1"), ("remove_password", PW)],
            ),
        ] {
            assert_eq!(
                app.call(f, &form).await.unwrap_err(),
                AppError::Unauthenticated,
                "{f}"
            );
        }
        // Without a password step there is no second factor to confirm.
        assert!(matches!(
            app.call("start_passkey_factor", &[]).await.unwrap_err(),
            AppError::Conflict(_)
        ));

        let email = unique_email("passkey");
        app.register_active(&email, PW).await;
        app.login(&email, PW).await.unwrap();
        let e = app
            .call(
                "start_passkey_registration",
                &[
                    ("passkey_name", "Laptop"),
                    ("passkey_password", "Falsch#123"),
                ],
            )
            .await
            .unwrap_err();
        assert!(field_error(&e, "passkey_password").is_some(), "{e:?}");
        let e = app
            .call(
                "start_passkey_registration",
                &[("passkey_name", " "), ("passkey_password", PW)],
            )
            .await
            .unwrap_err();
        assert!(field_error(&e, "passkey_name").is_some(), "{e:?}");

        let start: serde_json::Value = app
            .call(
                "start_passkey_registration",
                &[("passkey_name", "Laptop"), ("passkey_password", PW)],
            )
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let opts = options(&start);
        assert_eq!(opts["publicKey"]["rp"]["id"], "localhost");
        assert_eq!(
            opts["publicKey"]["authenticatorSelection"]["residentKey"],
            "required"
        );
        assert_eq!(
            opts["publicKey"]["authenticatorSelection"]["userVerification"],
            "required"
        );
        let ceremony = start["ceremony"].as_str().unwrap().to_owned();
        // Another account cannot finish this ceremony.
        let max_email = unique_email("passkey-max");
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
        let e = call_with(
            &max,
            &app.base,
            "finish_passkey_registration",
            &[
                ("ceremony", &ceremony),
                ("credential", "{}"),
                ("passkey_name", "X"),
            ],
        )
        .await
        .unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{e:?}");
        // A forged answer is refused, and the ceremony is used up by trying.
        let e = app
            .call(
                "finish_passkey_registration",
                &[
                    ("ceremony", &ceremony),
                    ("credential", "{\"id\":\"x\"}"),
                    ("passkey_name", "Laptop"),
                ],
            )
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{e:?}");
        let e = app
            .call(
                "finish_passkey_registration",
                &[
                    ("ceremony", &ceremony),
                    ("credential", "{}"),
                    ("passkey_name", "Laptop"),
                ],
            )
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{e:?}");
        let status: serde_json::Value = app
            .call("second_factor_status", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(status["passkeys"].as_array().unwrap().len(), 0);
        assert_eq!(status["method"], "None");
    }
);

on_both_databases!(
    a_forged_passkey_login_is_refused_and_counted,
    |b| async move {
        let app = localhost_portal(b).await;
        let start: serde_json::Value = app
            .call("start_passkey_login", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let opts = options(&start);
        assert_eq!(opts["publicKey"]["userVerification"], "required");
        assert!(
            opts.get("mediation").is_none(),
            "a button starts the login, no conditional UI"
        );
        let ceremony = start["ceremony"].as_str().unwrap().to_owned();
        let forged = r#"{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"AAAA","signature":"AAAA","userHandle":"AAAA"},"clientExtensionResults":{}}"#;
        let e = app
            .call(
                "finish_passkey_login",
                &[("ceremony", &ceremony), ("credential", forged)],
            )
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{e:?}");
        assert_eq!(app.current_email().await, None);
        // Used once.
        let e = app
            .call(
                "finish_passkey_login",
                &[("ceremony", &ceremony), ("credential", forged)],
            )
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{e:?}");
        use sea_orm::{ConnectionTrait, Statement};
        let db = &app.state.db;
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT failures FROM login_throttle WHERE key LIKE 'ip:%'".to_owned(),
            ))
            .await
            .unwrap()
            .expect("the failure was counted for the client address");
        assert_eq!(row.try_get::<i32>("", "failures").unwrap(), 1);
    }
);

on_both_databases!(passkeys_need_a_domain_name, |b| async move {
    let app = TestApp::spawn(b).await; // http://127.0.0.1:…
    let email = unique_email("passkey-ip");
    app.register_active(&email, PW).await;
    app.login(&email, PW).await.unwrap();
    let e = app
        .call(
            "start_passkey_registration",
            &[("passkey_name", "Laptop"), ("passkey_password", PW)],
        )
        .await
        .unwrap_err();
    assert!(
        matches!(e, AppError::Conflict(ref m) if m.contains("Domainnamen")),
        "{e:?}"
    );
});
