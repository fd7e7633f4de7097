//! Pages and server function answers go out compressed when the browser accepts it (issue 12,
//! first step); live event streams and the ZIP export do not.

use crate::applications::citizen;
use crate::on_both_databases;
use crate::support::*;

on_both_databases!(
    pages_and_answers_are_compressed_but_streams_and_archives_are_not,
    |b| async move {
        let app = TestApp::spawn(b).await;
        let plain_client = reqwest::Client::new();
        let get = |path: &str, encoding: &str| {
            plain_client
                .get(format!("{}{path}", app.base))
                .header("accept-encoding", encoding)
                .send()
        };
        let plain = get("/registrieren", "identity").await.unwrap();
        assert!(plain.headers().get("content-encoding").is_none());
        let plain_len = plain.bytes().await.unwrap().len();
        for encoding in ["br", "gzip"] {
            let res = get("/registrieren", encoding).await.unwrap();
            assert_eq!(res.headers()["content-encoding"], encoding);
            let len = res.bytes().await.unwrap().len();
            assert!(
                len * 2 < plain_len,
                "{encoding}: {len} of {plain_len} bytes"
            );
        }

        let (client, _) = citizen(&app, "komprimiert").await;
        let answer = client
            .post(format!("{}/api/list_sessions", app.base))
            .header("origin", &app.base)
            .header("accept", "application/json")
            .header("accept-encoding", "br")
            .send()
            .await
            .unwrap();
        assert_eq!(
            answer.headers()["content-encoding"],
            "br",
            "JSON answers too"
        );
        // A live stream must not wait in a compression buffer; a ZIP is compressed already.
        for path in ["/postfach/ereignisse", "/mein-bereich/export"] {
            let res = client
                .get(format!("{}{path}", app.base))
                .header("accept-encoding", "br, gzip")
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), reqwest::StatusCode::OK, "{path}");
            assert!(
                res.headers().get("content-encoding").is_none(),
                "{path}: {:?}",
                res.headers().get("content-encoding")
            );
        }
    }
);
