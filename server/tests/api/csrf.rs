use reqwest::StatusCode;

use crate::on_both_databases;
use crate::support::*;

on_both_databases!(cross_origin_posts_are_refused, |b| async move {
    let app = TestApp::spawn(b).await;
    let plain = reqwest::Client::new();
    let url = format!("{}/api/login", app.base);
    let form = [("email", "a@example.de"), ("password", "x")];
    let evil = plain
        .post(&url)
        .header("origin", "https://evil.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(evil.status(), StatusCode::FORBIDDEN);
    let none = plain.post(&url).form(&form).send().await.unwrap();
    assert_eq!(none.status(), StatusCode::FORBIDDEN);
    let evil_referer = plain
        .post(&url)
        .header("referer", "https://evil.example/page")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(evil_referer.status(), StatusCode::FORBIDDEN);
    // The same request from the portal's own page reaches the server function.
    let own = plain
        .post(&url)
        .header("origin", &app.base)
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_ne!(own.status(), StatusCode::FORBIDDEN);
});
