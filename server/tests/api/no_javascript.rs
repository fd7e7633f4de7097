//! The forms post to server functions as plain HTML forms when JavaScript is off.

use reqwest::StatusCode;

use crate::on_both_databases;
use crate::support::*;

const PW: &str = "Grundsteuer#7";

on_both_databases!(
    a_plain_form_post_redirects_back_with_the_errors_or_on_to_the_target,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("nojs");
        app.register_active(&email, PW).await;
        let post = |form: Vec<(&'static str, String)>| {
            app.client
                .post(format!("{}/api/login", app.base))
                .header("accept", "text/html")
                .header("origin", &app.base)
                .header(
                    "referer",
                    format!("{}/anmelden?weiter=/mein-bereich", app.base),
                )
                .form(&form)
                .send()
        };
        let bad = post(vec![
            ("email", email.clone()),
            ("password", "Falsch#1".into()),
        ])
        .await
        .unwrap();
        assert_eq!(bad.status(), StatusCode::FOUND);
        let back = bad.headers()["location"].to_str().unwrap().to_owned();
        assert!(
            back.starts_with(&format!("{}/anmelden?", app.base)) && back.contains("__err="),
            "{back}"
        );
        // The page it leads to shows the message and keeps the address entered.
        let page = app
            .client
            .get(&back)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("Es gibt ein Problem"),
            "error summary missing"
        );
        assert!(page.contains(&email), "entered address not kept");

        let ok = post(vec![
            ("email", email.clone()),
            ("password", PW.into()),
            ("return_to", "/mein-bereich".into()),
        ])
        .await
        .unwrap();
        assert_eq!(ok.status(), StatusCode::FOUND);
        assert_eq!(ok.headers()["location"], "/mein-bereich");
        let profile = app.get("/mein-bereich").await.text().await.unwrap();
        assert!(profile.contains(&email) && profile.contains("Abmelden"));
    }
);

on_both_databases!(
    pages_render_with_security_headers_and_protected_pages_send_to_login,
    |b| async move {
        let app = TestApp::spawn(b).await;
        for path in [
            "/",
            "/registrieren",
            "/anmelden",
            "/passwort-vergessen",
            "/hilfe",
            "/barrierefreiheit",
            "/dienste",
        ] {
            let res = app.get(path).await;
            assert_status(&res, StatusCode::OK);
            let csp = res.headers()["content-security-policy"]
                .to_str()
                .unwrap()
                .to_owned();
            assert!(
                csp.contains("frame-ancestors 'none'")
                    && csp.contains("'nonce-")
                    && !csp.contains("unsafe-inline"),
                "{path}: {csp}"
            );
            assert_eq!(res.headers()["x-content-type-options"], "nosniff");
            assert!(res.headers().contains_key("referrer-policy"));
            let html = res.text().await.unwrap();
            assert!(html.contains("<html lang=\"de\""), "{path}");
        }
        let res = app.get("/mein-bereich").await;
        assert_eq!(res.status(), StatusCode::FOUND);
        assert_eq!(res.headers()["location"], "/anmelden?weiter=/mein-bereich");
        assert_status(&app.get("/gibt-es-nicht").await, StatusCode::NOT_FOUND);
    }
);
