//! The applicant's case loop over HTTP: drafts, documents, submission, mailbox, trash, PDF,
//! retention and notifications — and that nobody reaches another citizen's data.

use app::error::AppError;
use reqwest::StatusCode;

use crate::on_both_databases;
use crate::support::*;

pub(crate) const PW: &str = "Grundsteuer#7";
/// The smallest PDF that passes the content check, with a marker to look for on disk.
pub(crate) const PDF: &[u8] = b"%PDF-1.4\n% Fahrzeugschein Erika Mustermann M-AB 1234\n%%EOF\n";

pub(crate) fn location(res: &reqwest::Response) -> String {
    res.headers()["location"].to_str().unwrap().to_owned()
}

pub(crate) fn today() -> String {
    app::clock::today().german()
}

pub(crate) async fn seeded(b: Backend, extra: &[(&str, &str)]) -> TestApp {
    let app = TestApp::spawn_with(b, extra).await;
    app::catalogue::demo::seed(&app.state.db).await.unwrap();
    app
}

/// A logged-in client of a fresh account.
pub(crate) async fn citizen(app: &TestApp, prefix: &str) -> (reqwest::Client, String) {
    let email = unique_email(prefix);
    app.register_active(&email, PW).await;
    let client = client_for(&app.base);
    call_with(
        &client,
        &app.base,
        "login",
        &[("email", &email), ("password", PW)],
    )
    .await
    .unwrap();
    (client, email)
}

pub(crate) async fn start(app: &TestApp, client: &reqwest::Client, slug: &str) -> String {
    let res = call_with(client, &app.base, "start_application", &[("slug", slug)])
        .await
        .unwrap();
    let to = location(&res);
    to.strip_prefix("/antrag/")
        .and_then(|r| r.strip_suffix("/seite-1"))
        .unwrap_or_else(|| panic!("{to}"))
        .to_owned()
}

/// Uploads `bytes` through the multipart form; returns where the browser is sent.
pub(crate) async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    draft: Option<&str>,
    slot: Option<&str>,
    name: &str,
    bytes: Vec<u8>,
) -> String {
    let mut form = reqwest::multipart::Form::new().text(
        "zurueck",
        draft.map_or("/mein-bereich".to_owned(), |d| {
            format!("/antrag/{d}/dokumente")
        }),
    );
    if let Some(d) = draft {
        form = form.text("antrag", d.to_owned());
    }
    if let Some(s) = slot {
        form = form.text("feld", s.to_owned());
    }
    form = form.part(
        "datei",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
    );
    let res = client
        .post(format!("{}/dokumente/hochladen", app.base))
        .header("origin", &app.base)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    location(&res)
}

pub(crate) fn query_value(url: &str, key: &str) -> Option<String> {
    let q = url.split_once('?')?.1.split('#').next()?;
    q.split('&')
        .find_map(|kv| kv.strip_prefix(&format!("{key}=")).map(str::to_owned))
}

/// Fills the parking permit (vehicle on the applicant, one document) up to the summary.
pub(crate) async fn fill_parking_permit(app: &TestApp, client: &reqwest::Client) -> String {
    let draft = start(app, client, "bewohnerparkausweis").await;
    let call = |name: &'static str, form: Vec<(&'static str, String)>| {
        let client = client.clone();
        let base = app.base.clone();
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            call_with(&client, &base, name, &form).await
        }
    };
    call(
        "save_page",
        vec![
            ("id", draft.clone()),
            ("page", "0".into()),
            ("answers[kennzeichen]", "M-AB 1234".into()),
            ("answers[halter]", "ja".into()),
        ],
    )
    .await
    .unwrap();
    call(
        "save_page",
        vec![
            ("id", draft.clone()),
            ("page", "1".into()),
            ("answers[wohnung-strasse]", "Hauptstraße".into()),
            ("answers[wohnung-hausnummer]", "5a".into()),
            ("answers[wohnung-plz]", "12345".into()),
            ("answers[wohnung-ort]", "Musterstadt".into()),
            ("answers[beginn]", today()),
        ],
    )
    .await
    .unwrap();
    let back = upload(
        app,
        client,
        Some(&draft),
        Some("fahrzeugschein"),
        "Fahrzeugschein.pdf",
        PDF.to_vec(),
    )
    .await;
    assert!(query_value(&back, "dokument").is_some(), "{back}");
    call("finish_documents", vec![("id", draft.clone())])
        .await
        .unwrap();
    call(
        "give_consent",
        vec![("id", draft.clone()), ("consent", "on".into())],
    )
    .await
    .unwrap();
    draft
}

pub(crate) async fn submit(app: &TestApp, client: &reqwest::Client, draft: &str) -> String {
    let res = call_with(client, &app.base, "submit_application", &[("id", draft)])
        .await
        .unwrap();
    let to = location(&res);
    to.strip_prefix("/postfach/")
        .and_then(|r| r.strip_suffix("/eingereicht"))
        .unwrap_or_else(|| panic!("{to}"))
        .to_owned()
}

pub(crate) async fn json(
    client: &reqwest::Client,
    base: &str,
    name: &str,
    form: &[(&str, &str)],
) -> serde_json::Value {
    call_with(client, base, name, form)
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

pub(crate) async fn inbox(
    client: &reqwest::Client,
    base: &str,
    extra: &[(&str, &str)],
) -> serde_json::Value {
    let mut form = vec![
        ("filter[q]", ""),
        ("filter[status]", ""),
        ("filter[service]", ""),
        ("filter[unread_only]", "false"),
        ("filter[from]", ""),
        ("filter[to]", ""),
        ("filter[sort]", "Newest"),
        ("filter[after]", ""),
        ("filter[trash]", "false"),
    ];
    for (k, v) in extra {
        form.retain(|(fk, _)| fk != k);
        form.push((k, v));
    }
    json(client, base, "list_cases", &form).await
}

on_both_databases!(
    anonymous_callers_reach_nothing_of_the_case_loop,
    |b| async move {
        let app = seeded(b, &[]).await;
        let id = [("id", "0123456789abcdef01234567")];
        let number = [("number", "VG-2026-AAAA-BBBB")];
        let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
            ("start_application", vec![("slug", "hundesteuer")]),
            ("load_draft", id.to_vec()),
            ("my_drafts", vec![]),
            ("save_page", vec![("id", id[0].1), ("page", "0")]),
            (
                "choose_document",
                vec![("id", id[0].1), ("feld", "x"), ("dokument", "y")],
            ),
            ("finish_documents", id.to_vec()),
            ("give_consent", vec![("id", id[0].1), ("consent", "on")]),
            ("submit_application", id.to_vec()),
            ("discard_draft", id.to_vec()),
            ("submitted_case", number.to_vec()),
            ("open_case", number.to_vec()),
            (
                "reply_to_case",
                vec![("number", number[0].1), ("text", "Hallo")],
            ),
            ("trash_case", number.to_vec()),
            ("restore_case", number.to_vec()),
            ("my_documents", vec![]),
        ];
        for (name, form) in calls {
            assert_eq!(
                app.call(name, &form).await.unwrap_err(),
                AppError::Unauthenticated,
                "{name}"
            );
        }
        for path in ["/dokumente/abc", "/postfach/VG-2026-AAAA-BBBB/pdf"] {
            let res = app
                .client
                .get(format!("{}{path}", app.base))
                .send()
                .await
                .unwrap();
            assert!(
                res.status().is_redirection() && location(&res).starts_with("/anmelden"),
                "{path}"
            );
        }
        let events = app
            .client
            .get(format!("{}/postfach/ereignisse", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(events.status(), StatusCode::UNAUTHORIZED);
        assert!(
            upload(&app, &app.client, None, None, "a.pdf", PDF.to_vec())
                .await
                .starts_with("/anmelden")
        );
        // The service page itself is public and says what to do.
        let detail = app
            .call("service_detail", &[("slug", "bewohnerparkausweis")])
            .await
            .unwrap()
            .json::<serde_json::Value>()
            .await
            .unwrap();
        assert_eq!(detail["access"], "Anonymous");
        assert_eq!(
            detail["service"]["required_documents"][1],
            "Fahrzeugschein (Zulassungsbescheinigung Teil I)"
        );
    }
);

on_both_databases!(
    a_citizen_files_an_application_reads_replies_trashes_and_restores,
    |b| async move {
        let app = seeded(b, &[]).await;
        let (client, email) = citizen(&app, "antrag").await;
        let base = app.base.clone();

        // Wrong input is reported per field and still saved in the draft.
        let draft = start(&app, &client, "bewohnerparkausweis").await;
        let e = call_with(
            &client,
            &base,
            "save_page",
            &[
                ("id", &draft),
                ("page", "0"),
                ("answers[kennzeichen]", "MAB1234"),
            ],
        )
        .await
        .unwrap_err();
        assert!(
            field_error(&e, "kennzeichen")
                .unwrap()
                .contains("M-AB 1234")
        );
        assert!(field_error(&e, "halter").is_some());
        let d = json(&client, &base, "load_draft", &[("id", &draft)]).await;
        assert_eq!(
            d["answers"]["kennzeichen"], "MAB1234",
            "the draft keeps what was typed"
        );
        assert_eq!(
            d["answers"]["wohnung-plz"],
            serde_json::Value::Null,
            "no address in the profile, nothing prefilled"
        );
        let page = client
            .get(format!("{base}/antrag/{draft}/dokumente"))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("Fahrzeugschein (Zulassungsbescheinigung Teil I) hochladen"),
            "the upload form: {}",
            &page[page.find("document-slot").unwrap_or(0)..][..1500.min(page.len())]
        );
        call_with(&client, &base, "discard_draft", &[("id", &draft)])
            .await
            .unwrap();

        let draft = fill_parking_permit(&app, &client).await;
        assert_eq!(
            json(&client, &base, "my_drafts", &[])
                .await
                .as_array()
                .unwrap()
                .len(),
            1
        );
        // The document is encrypted on disk: the marker is nowhere in the store.
        let store = app.state.config.data_dir.join("documents");
        let files: Vec<_> = std::fs::read_dir(&store)
            .unwrap()
            .map(|e| std::fs::read(e.unwrap().path()).unwrap())
            .collect();
        assert_eq!(files.len(), 1);
        assert!(
            !files[0].windows(16).any(|w| w == b"Fahrzeugschein E"),
            "plain text on disk"
        );

        let number = submit(&app, &client, &draft).await;
        assert!(
            json(&client, &base, "my_drafts", &[])
                .await
                .as_array()
                .unwrap()
                .is_empty(),
            "the draft became the case"
        );
        let list = inbox(&client, &base, &[]).await;
        assert_eq!(list["items"][0]["number"], number);
        assert_eq!(list["items"][0]["unread"], 1, "the authority's receipt");
        assert_eq!(list["unread_total"], 1);
        let me = json(&client, &base, "current_account", &[]).await;
        assert_eq!(me["unread"], 1, "the header count");

        // The notification says only that something is new.
        let mail = wait_for_mail(&email, "Neues in Ihrem Postfach").await;
        assert!(mail.text.contains(&format!("/postfach/{number}")));
        assert!(
            !mail.text.contains("Bewohnerpark") && !mail.text.contains("eingegangen"),
            "{}",
            mail.text
        );

        // Unread: the trash refuses; reading allows it.
        let e = call_with(&client, &base, "trash_case", &[("number", &number)])
            .await
            .unwrap_err();
        assert!(
            matches!(&e, AppError::Conflict(m) if m.contains("ungelesene")),
            "{e:?}"
        );
        let case = json(&client, &base, "open_case", &[("number", &number)]).await;
        assert_eq!(case["messages"][0]["was_unread"], true);
        assert_eq!(
            case["documents"][0]["label"],
            "Fahrzeugschein (Zulassungsbescheinigung Teil I)"
        );
        assert_eq!(case["answers"][0][1][0][1], "M-AB 1234");
        assert_eq!(inbox(&client, &base, &[]).await["unread_total"], 0);
        call_with(&client, &base, "trash_case", &[("number", &number)])
            .await
            .unwrap();
        assert!(
            inbox(&client, &base, &[]).await["items"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            inbox(&client, &base, &[("filter[trash]", "true")]).await["items"][0]["number"],
            number
        );
        call_with(&client, &base, "restore_case", &[("number", &number)])
            .await
            .unwrap();
        assert_eq!(
            inbox(&client, &base, &[]).await["items"][0]["number"],
            number
        );

        // A reply with a document from the safe; an empty one is refused with the field named.
        let e = call_with(
            &client,
            &base,
            "reply_to_case",
            &[("number", &number), ("text", "  ")],
        )
        .await
        .unwrap_err();
        assert!(field_error(&e, "text").is_some());
        let doc = json(&client, &base, "my_documents", &[]).await[0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        call_with(
            &client,
            &base,
            "reply_to_case",
            &[
                ("number", &number),
                ("text", "Anbei der Fahrzeugschein noch einmal."),
                ("dokument", &doc),
            ],
        )
        .await
        .unwrap();
        let case = json(&client, &base, "open_case", &[("number", &number)]).await;
        assert_eq!(
            case["messages"][1]["body"],
            "Anbei der Fahrzeugschein noch einmal."
        );
        assert_eq!(case["messages"][1]["attachments"][0]["id"], doc);
        // Full-text search finds the case by a word of the reply, not by an absent one.
        assert_eq!(
            inbox(&client, &base, &[("filter[q]", "fahrzeugschein NOCH")]).await["items"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        assert!(
            inbox(&client, &base, &[("filter[q]", "hundesteuer")]).await["items"]
                .as_array()
                .unwrap()
                .is_empty()
        );

        // The PDF and the document download.
        let pdf = client
            .get(format!("{base}/postfach/{number}/pdf"))
            .send()
            .await
            .unwrap();
        assert_status(&pdf, StatusCode::OK);
        assert_eq!(pdf.headers()["content-type"], "application/pdf");
        assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"));
        let file = client
            .get(format!("{base}/dokumente/{doc}"))
            .send()
            .await
            .unwrap();
        assert_status(&file, StatusCode::OK);
        assert_eq!(
            file.bytes().await.unwrap().as_ref(),
            PDF,
            "decrypted to the original bytes"
        );

        // The pages render for the owner.
        let pages = [
            (
                format!("/postfach/{number}"),
                "Als PDF speichern".to_owned(),
            ),
            ("/postfach".into(), number.clone()),
            (
                "/postfach/papierkorb".into(),
                "Der Papierkorb ist leer.".into(),
            ),
            (format!("/postfach/{number}/eingereicht"), number.clone()),
            (
                "/dienste/bewohnerparkausweis".into(),
                "Online-Dienst starten".into(),
            ),
        ];
        for (path, expected) in pages {
            let res = client
                .get(format!("{base}{path}"))
                .header("accept", "text/html")
                .send()
                .await
                .unwrap();
            assert_status(&res, StatusCode::OK);
            let html = res.text().await.unwrap();
            assert!(html.contains(&expected), "{path}: {expected}");
        }
    }
);

on_both_databases!(
    nobody_reaches_another_citizens_drafts_cases_or_documents,
    |b| async move {
        let app = seeded(b, &[]).await;
        let (erika, _) = citizen(&app, "erika-case").await;
        let (max, _) = citizen(&app, "max-case").await;
        let base = app.base.clone();
        let erika_draft = fill_parking_permit(&app, &erika).await;
        let erika_doc = json(&erika, &base, "my_documents", &[]).await[0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let second = fill_parking_permit(&app, &erika).await;
        let number = submit(&app, &erika, &second).await;
        let max_draft = start(&app, &max, "bewohnerparkausweis").await;

        let refused: Vec<(&str, Vec<(&str, &str)>)> = vec![
            ("load_draft", vec![("id", &erika_draft)]),
            (
                "save_page",
                vec![
                    ("id", &erika_draft),
                    ("page", "0"),
                    ("answers[kennzeichen]", "B-X 1"),
                ],
            ),
            (
                "choose_document",
                vec![
                    ("id", &erika_draft),
                    ("feld", "fahrzeugschein"),
                    ("dokument", &erika_doc),
                ],
            ),
            (
                "choose_document",
                vec![
                    ("id", &max_draft),
                    ("feld", "fahrzeugschein"),
                    ("dokument", &erika_doc),
                ],
            ),
            ("finish_documents", vec![("id", &erika_draft)]),
            (
                "give_consent",
                vec![("id", &erika_draft), ("consent", "on")],
            ),
            ("submit_application", vec![("id", &erika_draft)]),
            ("discard_draft", vec![("id", &erika_draft)]),
            ("submitted_case", vec![("number", &number)]),
            ("open_case", vec![("number", &number)]),
            (
                "reply_to_case",
                vec![("number", &number), ("text", "Hallo")],
            ),
            ("trash_case", vec![("number", &number)]),
            ("restore_case", vec![("number", &number)]),
        ];
        for (name, form) in refused {
            assert_eq!(
                call_with(&max, &base, name, &form).await.unwrap_err(),
                AppError::NotFound,
                "{name}"
            );
        }
        // Guessed numbers look exactly like missing ones.
        assert_eq!(
            call_with(&max, &base, "open_case", &[("number", "VG-2026-AAAA-BBBB")])
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        assert_eq!(
            call_with(&max, &base, "open_case", &[("number", "' OR 1=1 --")])
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        for path in [
            format!("/dokumente/{erika_doc}"),
            format!("/postfach/{number}/pdf"),
        ] {
            assert_status(
                &max.get(format!("{base}{path}")).send().await.unwrap(),
                StatusCode::NOT_FOUND,
            );
        }
        // An upload into Erika's draft is refused and attaches nothing.
        let back = upload(
            &app,
            &max,
            Some(&erika_draft),
            Some("fahrzeugschein"),
            "x.pdf",
            PDF.to_vec(),
        )
        .await;
        assert_eq!(query_value(&back, "upload").as_deref(), Some("fehler"));
        assert!(
            inbox(&max, &base, &[]).await["items"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        assert!(
            json(&max, &base, "my_documents", &[])
                .await
                .as_array()
                .unwrap()
                .is_empty()
        );
        // Erika's things are untouched.
        let d = json(&erika, &base, "load_draft", &[("id", &erika_draft)]).await;
        assert_eq!(d["answers"]["kennzeichen"], "M-AB 1234");
        assert_eq!(d["answers"]["fahrzeugschein"], erika_doc);
        // A Servicekonto without eID cannot start a service that needs one.
        let detail = json(
            &max,
            &base,
            "service_detail",
            &[("slug", "fuehrungszeugnis")],
        )
        .await;
        assert_eq!(detail["access"], "TrustTooLow");
        assert_eq!(
            call_with(
                &max,
                &base,
                "start_application",
                &[("slug", "fuehrungszeugnis")]
            )
            .await
            .unwrap_err(),
            AppError::Forbidden
        );
    }
);

on_both_databases!(
    trust_levels_are_ordered_and_an_unknown_stored_value_is_a_fault,
    |b| async move {
        let app = seeded(b, &[]).await;
        let (client, email) = citizen(&app, "trust").await;
        let access = |slug: &'static str| {
            let (client, base) = (client.clone(), app.base.clone());
            async move {
                json(&client, &base, "service_detail", &[("slug", slug)]).await["access"].clone()
            }
        };
        let set = |table: &str, column: &str, value: &str, filter: &str| {
            format!("UPDATE {table} SET {column} = '{value}' WHERE {filter}")
        };
        let service = "slug = 'fuehrungszeugnis'";
        let account = format!("email = '{email}'");
        assert_eq!(access("fuehrungszeugnis").await, "TrustTooLow");
        app.sql(&set("accounts", "trust_level", "substantial", &account))
            .await;
        assert!(access("fuehrungszeugnis").await.get("Allowed").is_some());
        app.sql(&set("services", "min_trust", "high", service))
            .await;
        assert_eq!(access("fuehrungszeugnis").await, "TrustTooLow");
        app.sql(&set("accounts", "trust_level", "high", &account))
            .await;
        assert!(access("fuehrungszeugnis").await.get("Allowed").is_some());
        // The old service vocabulary, or a fixed fee without an amount, is not read as
        // something else: the page fails loudly instead of letting anybody in for free.
        app.sql(&set("services", "min_trust", "basic", service))
            .await;
        let e = call_with(
            &client,
            &app.base,
            "service_detail",
            &[("slug", "fuehrungszeugnis")],
        )
        .await
        .unwrap_err();
        assert!(matches!(e, AppError::Internal { .. }), "{e:?}");
        app.sql(&set("services", "min_trust", "low", service)).await;
        app.sql("UPDATE services SET fee_kind = 'fixed', fee_cents = NULL WHERE slug = 'fuehrungszeugnis'")
            .await;
        let e = call_with(
            &client,
            &app.base,
            "service_detail",
            &[("slug", "fuehrungszeugnis")],
        )
        .await
        .unwrap_err();
        assert!(matches!(e, AppError::Internal { .. }), "{e:?}");
    }
);

on_both_databases!(
    uploads_are_checked_by_content_and_limited_in_size,
    |b| async move {
        let app = seeded(
            b,
            &[
                ("PORTAL_UPLOAD_MAX_MB", "1"),
                ("PORTAL_APPLICATION_MAX_MB", "1"),
            ],
        )
        .await;
        let (client, _) = citizen(&app, "upload").await;
        let draft = start(&app, &client, "bewohnerparkausweis").await;
        let mb = 1024 * 1024;
        let pdf_of = |len: usize| {
            let mut v = PDF.to_vec();
            v.resize(len, b' ');
            v
        };
        let png = |len: usize| {
            let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
            v.resize(len, 0);
            v
        };
        let problem = |url: String| query_value(&url, "upload");
        let exe = b"MZ\x90\0\x03\0\0\0 a program named like a document".to_vec();
        assert_eq!(
            problem(
                upload(
                    &app,
                    &client,
                    Some(&draft),
                    Some("fahrzeugschein"),
                    "bescheid.pdf",
                    exe
                )
                .await
            )
            .as_deref(),
            Some("dateityp")
        );
        assert_eq!(
            problem(
                upload(
                    &app,
                    &client,
                    Some(&draft),
                    Some("fahrzeugschein"),
                    "leer.pdf",
                    vec![]
                )
                .await
            )
            .as_deref(),
            Some("leer")
        );
        assert_eq!(
            problem(
                upload(
                    &app,
                    &client,
                    Some(&draft),
                    Some("fahrzeugschein"),
                    "gross.pdf",
                    pdf_of(mb + 1)
                )
                .await
            )
            .as_deref(),
            Some("zu-gross")
        );
        // The application's limit (1 MB) counts the documents of all its fields; replacing a
        // field's document frees that field's room.
        call_with(
            &client,
            &app.base,
            "save_page",
            &[
                ("id", &draft),
                ("page", "0"),
                ("answers[kennzeichen]", "M-AB 1"),
                ("answers[halter]", "nein"),
                ("answers[nutzung]", "Firmenwagen"),
            ],
        )
        .await
        .unwrap();
        let part = 6 * mb / 10;
        assert!(
            query_value(
                &upload(
                    &app,
                    &client,
                    Some(&draft),
                    Some("vollmacht"),
                    "v.png",
                    png(part)
                )
                .await,
                "dokument"
            )
            .is_some()
        );
        assert!(
            query_value(
                &upload(
                    &app,
                    &client,
                    Some(&draft),
                    Some("vollmacht"),
                    "v2.png",
                    png(part)
                )
                .await,
                "dokument"
            )
            .is_some()
        );
        let over = upload(
            &app,
            &client,
            Some(&draft),
            Some("fahrzeugschein"),
            "f.pdf",
            pdf_of(part),
        )
        .await;
        assert_eq!(
            problem(over.clone()).as_deref(),
            Some("antrag-voll"),
            "{over}"
        );
        assert_eq!(
            query_value(&over, "feld").as_deref(),
            Some("fahrzeugschein"),
            "the form shows which field"
        );
        // Taking a document from the safe counts against the same limit.
        let safe = json(&client, &app.base, "my_documents", &[]).await;
        let older = safe[1]["id"].as_str().unwrap().to_owned();
        let e = call_with(
            &client,
            &app.base,
            "choose_document",
            &[
                ("id", &draft),
                ("feld", "fahrzeugschein"),
                ("dokument", &older),
            ],
        )
        .await
        .unwrap_err();
        assert!(
            matches!(&e, AppError::Conflict(m) if m.contains("1 MB")),
            "{e:?}"
        );
        // An upload for a field the form does not have stores nothing.
        assert_eq!(
            problem(
                upload(
                    &app,
                    &client,
                    Some(&draft),
                    Some("erfunden"),
                    "x.pdf",
                    pdf_of(100)
                )
                .await
            )
            .as_deref(),
            Some("fehler")
        );
        // Refused files leave nothing behind; stored ones are in the safe.
        let docs = json(&client, &app.base, "my_documents", &[]).await;
        assert_eq!(docs.as_array().unwrap().len(), 2);
        assert_eq!(
            std::fs::read_dir(app.state.config.data_dir.join("documents"))
                .unwrap()
                .count(),
            2
        );
        assert_eq!(
            docs[0]["content_type"], "image/png",
            "the type comes from the content"
        );
    }
);

on_both_databases!(submitting_is_all_or_nothing, |b| async move {
    let app = seeded(b, &[]).await;
    let (client, _) = citizen(&app, "txn").await;
    let draft = fill_parking_permit(&app, &client).await;
    // The last write of the submission (the receipt message) fails inside the database.
    let (create, drop) = match b {
        Backend::Sqlite => (
            "CREATE TRIGGER refuse_messages BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;",
            "DROP TRIGGER refuse_messages;",
        ),
        Backend::Postgres => (
            "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused for the test'; END $$ LANGUAGE plpgsql; \
             CREATE TRIGGER refuse_messages BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION refuse();",
            "DROP TRIGGER refuse_messages ON messages;",
        ),
    };
    app.sql(create).await;
    let e = call_with(&client, &app.base, "submit_application", &[("id", &draft)])
        .await
        .unwrap_err();
    assert!(matches!(e, AppError::Internal { .. }), "{e:?}");
    for table in ["cases", "case_events", "case_documents", "messages"] {
        assert_eq!(count(&app, table).await, 0, "{table}: no half case");
    }
    assert_eq!(
        json(&client, &app.base, "load_draft", &[("id", &draft)]).await["answers"]["kennzeichen"],
        "M-AB 1234",
        "the draft is still there"
    );
    app.sql(drop).await;
    submit(&app, &client, &draft).await;
    assert_eq!(count(&app, "cases").await, 1);
    // A double click: two submissions of one draft at once make one case.
    let again = fill_parking_permit(&app, &client).await;
    let form = [("id", again.as_str())];
    let (one, two) = tokio::join!(
        call_with(&client, &app.base, "submit_application", &form),
        call_with(&client, &app.base, "submit_application", &form)
    );
    assert_eq!(
        u8::from(one.is_ok()) + u8::from(two.is_ok()),
        1,
        "{:?} {:?}",
        one.err(),
        two.err()
    );
    assert_eq!(count(&app, "cases").await, 2);
});

pub(crate) async fn count(app: &TestApp, table: &str) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let db = &app.state.db;
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM {table}"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

on_both_databases!(
    the_retention_job_deletes_old_trash_and_expired_cases,
    |b| async move {
        let app = seeded(
            b,
            &[
                ("PORTAL_TRASH_DAYS", "30"),
                ("PORTAL_RETENTION_DAYS", "730"),
            ],
        )
        .await;
        let (client, _) = citizen(&app, "retention").await;
        let mut numbers = Vec::new();
        for _ in 0..3 {
            let d = fill_parking_permit(&app, &client).await;
            numbers.push(submit(&app, &client, &d).await);
        }
        let now = app::clock::now();
        let day = 86_400;
        app.sql(&format!(
            "UPDATE cases SET trashed_at = {} WHERE number = '{}'",
            now - 31 * day,
            numbers[0]
        ))
        .await;
        app.sql(&format!(
            "UPDATE cases SET trashed_at = {} WHERE number = '{}'",
            now - 29 * day,
            numbers[1]
        ))
        .await;
        app.sql(&format!(
            "UPDATE cases SET last_activity_at = {} WHERE number = '{}'",
            now - 731 * day,
            numbers[2]
        ))
        .await;
        app::jobs::run_once(&app.state).await.unwrap();
        for (n, kept) in numbers.iter().zip([false, true, false]) {
            let r = call_with(&client, &app.base, "open_case", &[("number", n)]).await;
            assert_eq!(r.is_ok(), kept, "{n}");
        }
        assert_eq!(
            count(&app, "messages").await,
            1,
            "messages go with their case"
        );
        assert_eq!(
            json(&client, &app.base, "my_documents", &[])
                .await
                .as_array()
                .unwrap()
                .len(),
            3,
            "the document safe stays"
        );
    }
);

on_both_databases!(
    a_new_message_reaches_the_live_count_and_a_link_only_mail,
    |b| async move {
        let app = seeded(b, &[]).await;
        let (client, email) = citizen(&app, "live").await;
        let d = fill_parking_permit(&app, &client).await;
        let number = submit(&app, &client, &d).await;
        call_with(&client, &app.base, "open_case", &[("number", &number)])
            .await
            .unwrap();
        let mut events = client
            .get(format!("{}/postfach/ereignisse", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(events.headers()["content-type"], "text/event-stream");
        let first = String::from_utf8(events.chunk().await.unwrap().unwrap().to_vec()).unwrap();
        assert!(
            first.contains("event: unread") && first.contains("data: 0"),
            "{first}"
        );

        let before = mails_to(&email).await.len();
        let c = {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            app::entities::case::Entity::find()
                .filter(app::entities::case::Column::Number.eq(number.clone()))
                .one(&app.state.db)
                .await
                .unwrap()
                .unwrap()
        };
        let base_url = &app.state.config.base_url;
        app::db::write_txn(&app.state, async |txn| {
            app::cases::ssr::message_to_applicant(
                txn,
                &c,
                "Bürgeramt",
                "Geheime Rückfrage zum Fahrzeug",
                base_url,
            )
            .await
        })
        .await
        .unwrap();
        let next = tokio::time::timeout(std::time::Duration::from_secs(10), async {
            loop {
                let chunk =
                    String::from_utf8(events.chunk().await.unwrap().unwrap().to_vec()).unwrap();
                if chunk.contains("data:") {
                    return chunk;
                }
            }
        })
        .await
        .expect("an event within 10 s");
        assert!(next.contains("data: 1"), "{next}");
        let mail = wait_for_mail_after(&email, "Neues in Ihrem Postfach", before).await;
        assert!(
            !mail.text.contains("Geheime") && !mail.text.contains("Fahrzeug"),
            "{}",
            mail.text
        );
        assert!(mail.text.contains(&format!("/postfach/{number}")));
    }
);

on_both_databases!(
    the_export_holds_cases_and_documents_and_deletion_removes_the_files,
    |b| async move {
        let app = seeded(b, &[]).await;
        let (client, _) = citizen(&app, "export-case").await;
        let d = fill_parking_permit(&app, &client).await;
        let number = submit(&app, &client, &d).await;
        // An unfinished application goes into the export with what was typed so far.
        let open = start(&app, &client, "bewohnerparkausweis").await;
        call_with(
            &client,
            &app.base,
            "save_page",
            &[
                ("id", &open),
                ("page", "0"),
                ("answers[kennzeichen]", "K-XY 987"),
                ("answers[halter]", "ja"),
            ],
        )
        .await
        .unwrap();
        let zip_bytes = client
            .get(format!("{}/mein-bereich/export", app.base))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes.to_vec())).unwrap();
        let konto: serde_json::Value =
            serde_json::from_reader(zip.by_name("konto.json").unwrap()).unwrap();
        assert_eq!(konto["vorgaenge"][0]["vorgangsnummer"], number);
        let drafts = konto["entwuerfe"].as_array().unwrap();
        assert_eq!(
            drafts.len(),
            1,
            "the submitted draft is a case now: {drafts:?}"
        );
        assert_eq!(drafts[0]["online_dienst"], "Bewohnerparkausweis beantragen");
        assert_eq!(drafts[0]["angaben"]["kennzeichen"], "K-XY 987");
        assert!(
            konto["vorgaenge"][0]["nachrichten"][0]["text"]
                .as_str()
                .unwrap()
                .contains(&number)
        );
        let file = konto["dokumente"][0]["datei"].as_str().unwrap().to_owned();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(&file).unwrap(), &mut bytes).unwrap();
        assert_eq!(bytes, PDF, "the document as uploaded");

        let store = app.state.config.data_dir.join("documents");
        assert_eq!(std::fs::read_dir(&store).unwrap().count(), 1);
        call_with(&client, &app.base, "delete_account", &[("password", PW)])
            .await
            .unwrap();
        assert_eq!(
            std::fs::read_dir(&store).unwrap().count(),
            0,
            "the encrypted file went with the account"
        );
        for table in ["cases", "messages", "documents", "drafts"] {
            assert_eq!(count(&app, table).await, 0, "{table}");
        }
    }
);
