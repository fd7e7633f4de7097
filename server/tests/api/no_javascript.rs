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

fn query_value(location: &str, key: &str) -> Option<String> {
    let url = url::Url::parse(location).ok()?;
    url.query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

// Issue 11, item 7: the error of a form sent without JavaScript — the values typed in
// included — stays on the server; the URL only says it was kept, and a link cannot bring
// text of its own.
on_both_databases!(
    a_form_error_stays_on_the_server_and_a_link_cannot_bring_its_own,
    |b| async move {
        use base64::Engine;
        use base64::engine::general_purpose::URL_SAFE;
        let app = TestApp::spawn(b).await;
        let res = app
            .client
            .post(format!("{}/api/register", app.base))
            .header("accept", "text/html")
            .header("origin", &app.base)
            .header("referer", format!("{}/registrieren", app.base))
            .form(&[
                ("first_name", "Zoë"),
                ("last_name", "Quellenhof"),
                ("email", "kein-at-zeichen"),
                ("password", PW),
                ("password_repeat", PW),
                ("consent", "on"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::FOUND);
        let back = res.headers()["location"].to_str().unwrap().to_owned();
        let err = query_value(&back, "__err").expect("the page learns of an error");
        assert_eq!(URL_SAFE.decode(err).unwrap(), b"kept", "{back}");
        assert!(!back.contains("Quellenhof"), "{back}");
        // The browser that sent the form sees its error and its values again ...
        let page = app.client.get(&back).send().await.unwrap();
        assert_status(&page, StatusCode::OK);
        let page = page.text().await.unwrap();
        assert!(
            page.contains("Es gibt ein Problem"),
            "error summary missing"
        );
        assert!(page.contains("Quellenhof"), "entered name not kept");
        // ... another with the same link only the empty form.
        let other = client_for(&app.base);
        let res = other.get(&back).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(res.headers()["location"], "/registrieren");

        // A crafted link with a message of its own goes to the plain page.
        let forged = URL_SAFE.encode(
            serde_json::to_vec(&app::error::AppError::Conflict(
                "Ihr Konto wird gesperrt. Rufen Sie 0900 123456 an.".into(),
            ))
            .unwrap(),
        );
        for err in [forged.as_str(), "a2VwdA=="] {
            let res = other
                .get(format!(
                    "{}/anmelden?weiter=%2Fmein-bereich&__path=%2Fapi%2Flogin&__err={err}",
                    app.base
                ))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::SEE_OTHER, "{err}");
            assert_eq!(
                res.headers()["location"],
                "/anmelden?weiter=%2Fmein-bereich"
            );
        }
    }
);
