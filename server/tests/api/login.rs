use app::error::AppError;

use crate::on_both_databases;
use crate::support::*;

const PW: &str = "Grundsteuer#7";

on_both_databases!(
    unknown_address_and_wrong_password_answer_alike,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("alike");
        app.register_active(&email, PW).await;
        let wrong = app.login(&email, "Falsch#123").await.unwrap_err();
        let unknown = app
            .login(&unique_email("nobody"), "Falsch#123")
            .await
            .unwrap_err();
        assert_eq!(field_error(&wrong, "email"), field_error(&unknown, "email"));
        assert!(field_error(&wrong, "email").is_some());
    }
);

on_both_databases!(
    repeated_failures_slow_down_then_lock_and_mail_the_owner,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("lock");
        app.register_active(&email, PW).await;
        for _ in 0..3 {
            assert!(matches!(
                app.login(&email, "Falsch#123").await.unwrap_err(),
                AppError::Validation(_)
            ));
        }
        assert_eq!(
            failures(&app, &email).await,
            3,
            "each wrong password is counted"
        );
        // After three failures each attempt must wait, even with the right password. The delay
        // doubles per failure from one second; at four more failures it is 16 s, so that a slow
        // machine cannot outlast it between two requests.
        app.sql(&format!(
            "UPDATE login_throttle SET failures = 7 WHERE key = 'account:{email}|ip:127.0.0.1'"
        ))
        .await;
        let e = app.login(&email, PW).await.unwrap_err();
        assert!(
            matches!(e, AppError::TooManyRequests { retry_after_secs } if retry_after_secs <= 16),
            "{e:?}"
        );
        // Nine failures, the last long ago: the next failure locks.
        app.sql(&format!("UPDATE login_throttle SET failures = 9, last_failure_at = last_failure_at - 120 WHERE key = 'account:{email}|ip:127.0.0.1'")).await;
        app.login(&email, "Falsch#123").await.unwrap_err();
        let e = app.login(&email, PW).await.unwrap_err();
        match e {
            AppError::TooManyRequests { retry_after_secs } => {
                assert!(retry_after_secs > 800, "{retry_after_secs}")
            }
            other => panic!("expected a lock, got {other:?}"),
        }
        wait_for_mail(&email, "vorübergehend gesperrt").await;
        // The lock ends by itself.
        app.sql(&format!(
            "UPDATE login_throttle SET locked_until = 1 WHERE key = 'account:{email}|ip:127.0.0.1'"
        ))
        .await;
        app.login(&email, PW).await.unwrap();
    }
);

on_both_databases!(
    login_rotates_the_session_and_logout_ends_it_on_the_server,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let email = unique_email("rotate");
        app.register_active(&email, PW).await;
        let first = app.login(&email, PW).await.unwrap();
        let cookie1 = session_cookie(&first);
        assert!(
            cookie1.contains("HttpOnly") && cookie1.contains("SameSite=Lax"),
            "{cookie1}"
        );
        let second = app.login(&email, PW).await.unwrap();
        let cookie2 = session_cookie(&second);
        assert_ne!(cookie1, cookie2);
        // Replaying the first session's cookie finds nothing: it was replaced at the second login.
        let token1 = cookie1.split(';').next().unwrap().to_owned();
        let replay = reqwest::Client::new()
            .post(format!("{}/api/current_account", app.base))
            .header("origin", &app.base)
            .header("cookie", &token1)
            .header("accept", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(replay.text().await.unwrap(), "null");

        let token2 = cookie2.split(';').next().unwrap().to_owned();
        app.call("logout", &[]).await.unwrap();
        assert_eq!(app.current_email().await, None);
        let replay = reqwest::Client::new()
            .post(format!("{}/api/current_account", app.base))
            .header("origin", &app.base)
            .header("cookie", &token2)
            .header("accept", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(replay.text().await.unwrap(), "null");
    }
);

fn session_cookie(res: &reqwest::Response) -> String {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("portal_session="))
        .expect("a session cookie")
        .to_owned()
}

async fn failures(app: &TestApp, email: &str) -> i32 {
    use app::entities::login_throttle;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let key = format!("account:{email}|ip:127.0.0.1");
    login_throttle::Entity::find()
        .filter(login_throttle::Column::Key.eq(key))
        .one(&app.state.db)
        .await
        .unwrap()
        .map_or(0, |r| r.failures)
}
