//! Errors answer with the HTTP status they mean, so that monitoring can tell a user's typo
//! from a fault: invalid input 422, not logged in 401, forbidden 403, not found 404, too
//! large 413, throttled 429 (with Retry-After); the body stays our `AppError`.

use app::error::AppError;
use reqwest::{StatusCode, header};

use crate::applications::{PW, citizen};
use crate::on_both_databases;
use crate::support::*;

async fn status_of(
    client: &reqwest::Client,
    app: &TestApp,
    name: &str,
    form: &[(&str, &str)],
) -> (StatusCode, Option<AppError>) {
    let res = client
        .post(format!("{}/api/{name}", app.base))
        .header(header::ORIGIN, &app.base)
        .header(header::ACCEPT, "application/json")
        .form(form)
        .send()
        .await
        .unwrap();
    let status = res.status();
    (
        status,
        serde_json::from_str(&res.text().await.unwrap()).ok(),
    )
}

/// Sends only the head of a POST that announces `length` bytes and reads the answer that comes
/// without any of the body: its status and body.
async fn head_only_post(app: &TestApp, name: &str, length: usize) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = app.base.trim_start_matches("http://");
    let mut conn = tokio::net::TcpStream::connect(host).await.unwrap();
    let head = format!(
        "POST /api/{name} HTTP/1.1\r\nHost: {host}\r\nOrigin: {}\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {length}\r\n\r\n",
        app.base
    );
    conn.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    // The answer is complete once its body (Content-Length) has arrived or the server closes.
    loop {
        let n = conn.read(&mut buf).await.unwrap();
        answer.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&answer).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let declared = head.lines().find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().parse::<usize>().unwrap())
            });
            if n == 0 || declared.is_some_and(|d| body.len() >= d) {
                let status = head.split(' ').nth(1).unwrap().parse().unwrap();
                return (status, body.to_owned());
            }
        }
        assert!(n > 0, "connection closed before an answer: {text:?}");
    }
}

on_both_databases!(errors_answer_with_the_status_they_mean, |b| async move {
    let app = crate::applications::seeded(b, &[]).await;
    let anonymous = client_for(&app.base);
    let (me, email) = citizen(&app, "status").await;

    let (s, e) = status_of(
        &anonymous,
        &app,
        "login",
        &[("email", &email), ("password", "Falsch#123")],
    )
    .await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a wrong password is the user's input, not our fault: {e:?}"
    );
    assert!(matches!(e, Some(AppError::Validation(_))), "{e:?}");

    assert_eq!(
        status_of(&anonymous, &app, "my_drafts", &[]).await,
        (StatusCode::UNAUTHORIZED, Some(AppError::Unauthenticated))
    );
    assert_eq!(
        status_of(&me, &app, "admin_overview", &[]).await,
        (StatusCode::FORBIDDEN, Some(AppError::Forbidden))
    );
    assert_eq!(
        status_of(&me, &app, "load_draft", &[("id", "0000")]).await,
        (StatusCode::NOT_FOUND, Some(AppError::NotFound))
    );

    // 5 MB of form data: refused before it is read. The request head alone, on a raw
    // connection, must already get the answer (a client streaming the body would otherwise
    // race the server closing the connection).
    let (status, body) = head_only_post(&app, "save_page", 5 * 1024 * 1024).await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(
        serde_json::from_str::<AppError>(&body).ok(),
        Some(AppError::TooLarge),
        "{body}"
    );

    // Arguments the server cannot read are a bad request, not a crash.
    let (s, _) = status_of(
        &me,
        &app,
        "save_page",
        &[("id", "0000"), ("page", "keine Zahl")],
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);

    // Throttled: after several wrong passwords the next attempt must wait — 429, and how long
    // in Retry-After (the failures are set directly, so no machine is too slow to see it).
    app.sql(&format!(
        "UPDATE login_throttle SET failures = 7 WHERE key = 'account:{email}|ip:127.0.0.1'"
    ))
    .await;
    let res = anonymous
        .post(format!("{}/api/login", app.base))
        .header(header::ORIGIN, &app.base)
        .header(header::ACCEPT, "application/json")
        .form(&[("email", email.as_str()), ("password", PW)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = res.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    match serde_json::from_str::<AppError>(&res.text().await.unwrap()).unwrap() {
        AppError::TooManyRequests { retry_after_secs } => assert_eq!(wait, retry_after_secs),
        other => panic!("expected TooManyRequests, got {other:?}"),
    }
});
