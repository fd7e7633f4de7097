use crate::on_both_databases;
use crate::support::*;

const PW: &str = "Grundsteuer#7";

on_both_databases!(
    a_session_ends_after_20_minutes_without_a_request,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("idle");
        app.register_active(&email, PW).await;
        app.login(&email, PW).await.unwrap();
        let status: serde_json::Value = app
            .call("session_status", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let remaining = status["remaining_secs"].as_i64().unwrap();
        assert!((1190..=1200).contains(&remaining), "{remaining}");
        // 19 minutes idle: still there, and asking for the status did not extend it.
        app.sql("UPDATE sessions SET last_seen_at = last_seen_at - 1140")
            .await;
        let status: serde_json::Value = app
            .call("session_status", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(status["remaining_secs"].as_i64().unwrap() <= 60);
        // "Angemeldet bleiben" restarts the clock.
        app.call("extend_session", &[]).await.unwrap();
        let status: serde_json::Value = app
            .call("session_status", &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(status["remaining_secs"].as_i64().unwrap() >= 1190);
        // 21 minutes idle: gone.
        app.sql("UPDATE sessions SET last_seen_at = last_seen_at - 1260")
            .await;
        assert_eq!(app.current_email().await, None);
    }
);

on_both_databases!(a_session_ends_after_its_absolute_lifetime, |b| async move {
    let app = TestApp::spawn(b).await;
    let email = unique_email("absolute");
    app.register_active(&email, PW).await;
    app.login(&email, PW).await.unwrap();
    app.sql("UPDATE sessions SET expires_at = 1").await;
    assert_eq!(app.current_email().await, None);
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_postgresql_share_sessions() {
    let a = TestApp::spawn(Backend::Postgres).await;
    let b = TestApp::spawn_on(a.database_url(), None).await;
    let email = unique_email("shared");
    a.register_active(&email, PW).await;
    a.login(&email, PW).await.unwrap();
    // Same client, so the same cookie, sent to the other instance.
    assert_eq!(
        current_email_with(&a.client, &b.base).await.as_deref(),
        Some(email.as_str())
    );
    call_with(&a.client, &b.base, "logout", &[]).await.unwrap();
    assert_eq!(current_email_with(&a.client, &a.base).await, None);
}

on_both_databases!(session_functions_refuse_anonymous_callers, |b| async move {
    let app = TestApp::spawn(b).await;
    for f in ["session_status", "extend_session"] {
        let e = app.call(f, &[]).await.unwrap_err();
        assert_eq!(e, app::error::AppError::Unauthenticated, "{f}");
    }
    assert_eq!(app.current_email().await, None);
});
