//! An SMTP outage loses no mail: it stays in the outbox and goes out once the server is back.

use app::mail::outbox;
use app::mail::transport::Transport;
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use sea_orm::EntityTrait;

use crate::on_both_databases;
use crate::support::*;

fn smtp(port: u16) -> Transport {
    Transport::Smtp(
        AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1")
            .port(port)
            .build(),
    )
}

fn maildev_port() -> u16 {
    std::env::var("TEST_SMTP_URL")
        .unwrap()
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

on_both_databases!(
    a_mail_survives_an_smtp_outage_and_is_sent_later,
    |b| async move {
        let (url, _dir) = fresh_database(b).await;
        let config = app::config::Config::from_vars(
            [("DATABASE_URL".to_string(), url)].into_iter().collect(),
        )
        .unwrap();
        let db = server::connect(&config).await.unwrap();
        let to = unique_email("outage");
        let mail = app::mail::templates::password_reset("http://x/r?token=abc");
        app::db::write_txn_on(&db, &tokio::sync::Notify::new(), async |txn| {
            outbox::enqueue(txn, &to, mail).await
        })
        .await
        .unwrap();

        // Nothing listens on this port: the send fails and the mail waits with a backoff.
        let dead = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        assert_eq!(
            outbox::send_due(&db, &smtp(dead), &config.mail_from)
                .await
                .unwrap(),
            0
        );
        let row = app::entities::mail_outbox::Entity::find()
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((row.attempts, row.sent_at), (1, None));
        assert!(row.last_error.is_some());
        assert!(row.next_attempt_at > app::clock::now());
        // Not due yet: even a working server does not get it before the backoff ends.
        assert_eq!(
            outbox::send_due(&db, &smtp(maildev_port()), &config.mail_from)
                .await
                .unwrap(),
            0
        );

        // The backoff is over and the server is back: the mail goes out, once.
        sea_orm::ConnectionTrait::execute_unprepared(
            &db,
            "UPDATE mail_outbox SET next_attempt_at = 0",
        )
        .await
        .unwrap();
        assert_eq!(
            outbox::send_due(&db, &smtp(maildev_port()), &config.mail_from)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            outbox::send_due(&db, &smtp(maildev_port()), &config.mail_from)
                .await
                .unwrap(),
            0
        );
        wait_for_mail(&to, "Neues Passwort").await;
        assert_eq!(mails_to(&to).await.len(), 1);
    }
);

on_both_databases!(
    a_queued_mail_wakes_the_worker_only_after_its_transaction_commits,
    |b| async move {
        use std::time::Duration;
        let (url, _dir) = fresh_database(b).await;
        let config = app::config::Config::from_vars(
            [("DATABASE_URL".to_string(), url)].into_iter().collect(),
        )
        .unwrap();
        let db = server::connect(&config).await.unwrap();
        let bell = tokio::sync::Notify::new();
        let to = unique_email("bell");

        // Rolled back: no mail stored, nobody woken.
        let mail = app::mail::templates::password_reset("http://x/r?token=abc");
        let refused = app::db::write_txn_on(&db, &bell, async |txn| {
            outbox::enqueue(txn, &to, mail).await?;
            Err::<(), _>(app::error::AppError::NotFound)
        })
        .await;
        assert_eq!(refused, Err(app::error::AppError::NotFound));
        assert_eq!(
            sea_orm::PaginatorTrait::count(app::entities::mail_outbox::Entity::find(), &db)
                .await
                .unwrap(),
            0
        );
        assert!(
            tokio::time::timeout(Duration::from_millis(100), bell.notified())
                .await
                .is_err(),
            "woken for a rolled-back mail"
        );

        // Committed: stored, and the worker's bell rang without the caller ringing it.
        let mail = app::mail::templates::password_reset("http://x/r?token=abc");
        app::db::write_txn_on(&db, &bell, async |txn| {
            outbox::enqueue(txn, &to, mail).await
        })
        .await
        .unwrap();
        assert_eq!(
            sea_orm::PaginatorTrait::count(app::entities::mail_outbox::Entity::find(), &db)
                .await
                .unwrap(),
            1
        );
        assert!(
            tokio::time::timeout(Duration::from_secs(1), bell.notified())
                .await
                .is_ok(),
            "not woken after the commit"
        );
    }
);
