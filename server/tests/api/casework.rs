//! The authority side over HTTP: staff with their mandatory second factor, the Postkorb, taking
//! a case (one of two wins), status rules, questions and answers, documents with consent, fees,
//! the admin's staff/services/responsibilities, the audit log — and every isolation rule
//! between authorities, caseworkers and applicants.

use app::auth::second_factor::totp::TotpKey;
use app::authorities::staff::{NewStaff, create};
use app::authorities::types::StaffRole;
use app::error::AppError;
use app::secret::Secret;
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::applications::{
    PDF, PW, citizen, count, fill_parking_permit, json, location, query_value, seeded, submit,
    upload,
};
use crate::on_both_databases;
use crate::support::*;

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

async fn authority_id(app: &TestApp, slug: &str) -> i64 {
    use app::entities::authority;
    authority::Entity::find()
        .filter(authority::Column::Slug.eq(slug))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn service_id(app: &TestApp, slug: &str) -> i64 {
    use app::entities::service;
    service::Entity::find()
        .filter(service::Column::Slug.eq(slug))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

pub(crate) struct Staff {
    pub(crate) client: reqwest::Client,
    email: String,
    pub(crate) id: i64,
    /// What the browser sees of the member: their account's public id.
    pub(crate) public_id: String,
    name: String,
}

/// A member of staff invited by the operator, with a password from the invitation link —
/// logged in, but without the second factor yet.
async fn invited(app: &TestApp, authority: &str, role: StaffRole, first_name: &str) -> Staff {
    let email = unique_email(&first_name.to_lowercase());
    let new = NewStaff {
        authority_id: authority_id(app, authority).await,
        email: &email,
        first_name,
        last_name: "Beispiel",
        role,
    };
    let (member, link) = create(&app.state, None, new).await.unwrap();
    let mail = wait_for_mail(&email, "Ihr Zugang").await;
    assert!(
        mail.text.contains(&link),
        "the invitation mail carries the link"
    );
    let client = client_for(&app.base);
    call_with(
        &client,
        &app.base,
        "reset_password",
        &[
            ("token", &token_from(&link)),
            ("password", PW),
            ("password_repeat", PW),
        ],
    )
    .await
    .unwrap();
    let res = call_with(
        &client,
        &app.base,
        "login",
        &[("email", &email), ("password", PW)],
    )
    .await
    .unwrap();
    assert_eq!(
        location(&res),
        "/zwei-faktor-einrichten",
        "staff must set up a second factor first"
    );
    let public_id = app::entities::account::Entity::find_by_id(member.account_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .public_id;
    Staff {
        client,
        email,
        id: member.id,
        public_id,
        name: format!("{first_name} Beispiel"),
    }
}

async fn set_up_totp(app: &TestApp, s: &Staff) {
    call_with(
        &s.client,
        &app.base,
        "start_totp_setup",
        &[("totp_password", PW)],
    )
    .await
    .unwrap();
    let setup = json(&s.client, &app.base, "totp_setup", &[]).await;
    let key = TotpKey::from_base32(
        &Secret::new(setup["secret_grouped"].as_str().unwrap().replace(' ', "")),
        &s.email,
    )
    .unwrap();
    call_with(
        &s.client,
        &app.base,
        "confirm_totp_setup",
        &[("code", &key.code_at(now()))],
    )
    .await
    .unwrap();
}

/// Staff ready to work, responsible for the services with these slugs.
pub(crate) async fn staff(
    app: &TestApp,
    authority: &str,
    role: StaffRole,
    first_name: &str,
    services: &[&str],
) -> Staff {
    let s = invited(app, authority, role, first_name).await;
    set_up_totp(app, &s).await;
    for slug in services {
        app::entities::responsibility::ActiveModel {
            staff_id: Set(s.id),
            service_id: Set(service_id(app, slug).await),
            ..Default::default()
        }
        .insert(&app.state.db)
        .await
        .unwrap();
    }
    s
}

async fn call(
    s: &reqwest::Client,
    app: &TestApp,
    name: &str,
    form: &[(&str, &str)],
) -> Result<reqwest::Response, AppError> {
    call_with(s, &app.base, name, form).await
}

pub(crate) async fn postkorb(
    client: &reqwest::Client,
    app: &TestApp,
    view: &str,
    extra: &[(&str, &str)],
) -> Result<serde_json::Value, AppError> {
    let mut form = vec![
        ("filter[view]", view),
        ("filter[q]", ""),
        ("filter[status]", ""),
        ("filter[service]", ""),
        ("filter[from]", ""),
        ("filter[to]", ""),
        ("filter[awaiting_only]", "false"),
        ("filter[overdue_only]", "false"),
        ("filter[sort]", "Newest"),
        ("filter[after]", ""),
    ];
    for (k, v) in extra {
        form.retain(|(fk, _)| fk != k);
        form.push((k, v));
    }
    Ok(call_with(client, &app.base, "list_inbox", &form)
        .await?
        .json()
        .await
        .unwrap())
}

fn numbers(list: &serde_json::Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["number"].as_str().unwrap().to_owned())
        .collect()
}

/// Staff upload a document for a case (the case page's upload form); the redirect's target.
async fn upload_for_case(
    app: &TestApp,
    client: &reqwest::Client,
    number: &str,
    name: &str,
) -> String {
    let form = reqwest::multipart::Form::new()
        .text("zurueck", format!("/sachbearbeitung/{number}#nachricht"))
        .text("fall", number.to_owned())
        .part(
            "datei",
            reqwest::multipart::Part::bytes(PDF.to_vec()).file_name(name.to_owned()),
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

async fn audit_actions(app: &TestApp, number: &str) -> Vec<String> {
    use app::entities::audit_entry;
    let mut rows = audit_entry::Entity::find()
        .filter(audit_entry::Column::CaseNumber.eq(number))
        .all(&app.state.db)
        .await
        .unwrap();
    rows.sort_by_key(|r| r.id);
    rows.into_iter().map(|r| r.action).collect()
}

async fn case_row(app: &TestApp, number: &str) -> app::entities::case::Model {
    use app::entities::case;
    case::Entity::find()
        .filter(case::Column::Number.eq(number))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

/// A citizen files the parking permit of the demo city; returns the citizen and the number.
pub(crate) async fn filed_case(
    app: &TestApp,
    documents_consent: bool,
) -> (reqwest::Client, String) {
    let (client, _) = citizen(app, "antrag").await;
    let draft = fill_parking_permit(app, &client).await;
    if documents_consent {
        call_with(
            &client,
            &app.base,
            "give_consent",
            &[("id", &draft), ("consent", "on"), ("dokumente", "on")],
        )
        .await
        .unwrap();
    }
    let number = submit(app, &client, &draft).await;
    (client, number)
}

on_both_databases!(
    staff_must_have_a_second_factor_and_citizens_are_not_staff,
    |b| async move {
        let app = seeded(b, &[]).await;
        let anonymous = client_for(&app.base);
        assert_eq!(
            postkorb(&anonymous, &app, "Unassigned", &[])
                .await
                .unwrap_err(),
            AppError::Unauthenticated
        );
        let (citizen, _) = citizen(&app, "buerger").await;
        assert_eq!(
            postkorb(&citizen, &app, "Unassigned", &[])
                .await
                .unwrap_err(),
            AppError::Forbidden
        );
        assert_eq!(
            call(&citizen, &app, "admin_overview", &[])
                .await
                .unwrap_err(),
            AppError::Forbidden
        );

        // Invited and with a password, but no second factor: nothing but its setup.
        let s = invited(&app, "stadt-musterstadt", StaffRole::Caseworker, "Clara").await;
        assert_eq!(
            postkorb(&s.client, &app, "Unassigned", &[])
                .await
                .unwrap_err(),
            AppError::SecondFactorRequired
        );
        // Even a session without the setup flag (e.g. from before the role) is refused: the
        // check looks at the account's factor.
        app.sql("UPDATE sessions SET second_factor_setup_required = false")
            .await;
        assert_eq!(
            postkorb(&s.client, &app, "Unassigned", &[])
                .await
                .unwrap_err(),
            AppError::SecondFactorRequired
        );
        set_up_totp(&app, &s).await;
        postkorb(&s.client, &app, "Unassigned", &[]).await.unwrap();
        let status = json(&s.client, &app.base, "second_factor_status", &[]).await;
        assert_eq!(
            status["required"], true,
            "staff cannot switch the factor off"
        );
        let off = call(
            &s.client,
            &app,
            "switch_off_second_factor",
            &[("off_password", PW)],
        )
        .await
        .unwrap_err();
        assert!(matches!(off, AppError::Conflict(_)), "{off:?}");
        let me = json(&s.client, &app.base, "current_account", &[]).await;
        assert_eq!(me["staff"], "Caseworker");
        assert_eq!(
            json(&citizen, &app.base, "current_account", &[]).await["staff"],
            serde_json::Value::Null
        );

        // A deactivated member is logged out and can no longer work.
        let admin = staff(&app, "stadt-musterstadt", StaffRole::Admin, "Anna", &[]).await;
        call(
            &admin.client,
            &app,
            "set_staff_active",
            &[("id", &s.public_id), ("aktiv", "0")],
        )
        .await
        .unwrap();
        assert_eq!(current_email_with(&s.client, &app.base).await, None);
        // Nor can they log in again, not even with the right password.
        let e = call_with(
            &s.client,
            &app.base,
            "login",
            &[("email", &s.email), ("password", PW)],
        )
        .await
        .unwrap_err();
        assert!(
            matches!(&e, AppError::Conflict(m) if m.contains("deaktiviert")),
            "{e:?}"
        );
        let account = app::entities::staff::Entity::find_by_id(s.id)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap()
            .account_id;
        let account = app::entities::account::Entity::find_by_id(account)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        let e = app::access::Actor::of_account(&app.state.db, app::access::AccountId::of(&account))
            .await
            .unwrap()
            .staff()
            .unwrap_err();
        assert_eq!(
            e,
            AppError::Forbidden,
            "a deactivated member cannot work even with a session"
        );
        // The operator's invitation is in the authority's log, as is the deactivation.
        let log = json(&admin.client, &app.base, "audit_log", &[]).await;
        let actions: Vec<&str> = log["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["action"].as_str().unwrap())
            .collect();
        assert!(
            actions.contains(&"Mitarbeitende deaktiviert")
                && actions.contains(&"Mitarbeitende angelegt"),
            "{actions:?}"
        );
    }
);

on_both_databases!(
    every_casework_function_checks_who_is_asking,
    |b| async move {
        let app = seeded(b, &[]).await;
        let (applicant, number) = filed_case(&app, true).await;
        let assigned = staff(
            &app,
            "stadt-musterstadt",
            StaffRole::Caseworker,
            "Bernd",
            &["bewohnerparkausweis"],
        )
        .await;
        let colleague = staff(
            &app,
            "stadt-musterstadt",
            StaffRole::Caseworker,
            "Carla",
            &["meldebescheinigung"],
        )
        .await;
        let elsewhere = staff(
            &app,
            "kreis-beispielkreis",
            StaffRole::Caseworker,
            "Dieter",
            &["hundesteuer"],
        )
        .await;
        let other_admin = staff(&app, "kreis-beispielkreis", StaffRole::Admin, "Doris", &[]).await;
        let anonymous = client_for(&app.base);
        let (stranger, _) = citizen(&app, "fremd").await;
        let n = number.as_str();
        let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
            ("open_work_case", vec![("number", n)]),
            ("take_case", vec![("number", n)]),
            ("hand_back_case", vec![("number", n)]),
            ("reassign_case", vec![("number", n), ("an", "1")]),
            (
                "change_case_status",
                vec![("number", n), ("status", "closed"), ("notiz", "")],
            ),
            ("send_case_message", vec![("number", n), ("text", "Hallo")]),
            (
                "send_case_question",
                vec![("number", n), ("frage", "Wie bitte?")],
            ),
            ("set_case_fee", vec![("number", n), ("gebuehr", "10")]),
        ];
        for (name, form) in &calls {
            assert_eq!(
                call(&anonymous, &app, name, form).await.unwrap_err(),
                AppError::Unauthenticated,
                "{name} anonymous"
            );
            assert_eq!(
                call(&applicant, &app, name, form).await.unwrap_err(),
                AppError::Forbidden,
                "{name} as the applicant"
            );
            assert_eq!(
                call(&stranger, &app, name, form).await.unwrap_err(),
                AppError::Forbidden,
                "{name} as another citizen"
            );
            assert_eq!(
                call(&elsewhere.client, &app, name, form).await.unwrap_err(),
                AppError::NotFound,
                "{name} as another authority's caseworker"
            );
            assert_eq!(
                call(&other_admin.client, &app, name, form)
                    .await
                    .unwrap_err(),
                AppError::NotFound,
                "{name} as another authority's admin"
            );
            assert_eq!(
                call(&colleague.client, &app, name, form).await.unwrap_err(),
                AppError::NotFound,
                "{name} as a colleague not responsible"
            );
        }
        // The assigned caseworker must take the case before changing it.
        for name in [
            "change_case_status",
            "send_case_message",
            "send_case_question",
            "set_case_fee",
        ] {
            let form = &calls.iter().find(|(n, _)| *n == name).unwrap().1;
            let e = call(&assigned.client, &app, name, form).await.unwrap_err();
            assert!(
                matches!(e, AppError::Conflict(ref m) if m.contains("zuerst in Bearbeitung")),
                "{name}: {e:?}"
            );
        }
        // Only admins reassign.
        let e = call(
            &assigned.client,
            &app,
            "reassign_case",
            &[("number", n), ("an", &assigned.public_id)],
        )
        .await
        .unwrap_err();
        assert_eq!(e, AppError::Forbidden);
        // Nothing happened to the case.
        let c = case_row(&app, n).await;
        assert_eq!((c.status.as_str(), c.assignee_id), ("received", None));
        assert!(audit_actions(&app, n).await.is_empty());

        // The Postkorbs: only the responsible caseworker's has the case.
        assert_eq!(
            numbers(&postkorb(&assigned.client, &app, "All", &[]).await.unwrap()),
            vec![number.clone()]
        );
        for s in [&colleague, &elsewhere, &other_admin] {
            assert!(
                numbers(&postkorb(&s.client, &app, "All", &[]).await.unwrap()).is_empty(),
                "{}",
                s.name
            );
        }
        // The applicant's document: for the responsible caseworker, not for others.
        let detail = json(
            &assigned.client,
            &app.base,
            "open_work_case",
            &[("number", n)],
        )
        .await;
        let href = detail["case"]["documents"][0]["document"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let get = |c: &reqwest::Client| c.get(format!("{}/dokumente/{href}", app.base)).send();
        assert_eq!(
            get(&assigned.client).await.unwrap().status(),
            StatusCode::OK
        );
        assert_eq!(
            get(&assigned.client)
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap()
                .as_ref(),
            PDF
        );
        for s in [&colleague, &elsewhere, &other_admin] {
            assert_eq!(
                get(&s.client).await.unwrap().status(),
                StatusCode::NOT_FOUND,
                "{}",
                s.name
            );
        }
        assert_eq!(
            get(&stranger).await.unwrap().status(),
            StatusCode::NOT_FOUND
        );

        // The pages say so too.
        let page = |c: reqwest::Client, path: String| {
            let base = app.base.clone();
            async move {
                c.get(format!("{base}{path}"))
                    .header("accept", "text/html")
                    .send()
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap()
            }
        };
        let own = page(assigned.client.clone(), format!("/sachbearbeitung/{n}")).await;
        assert!(
            own.contains("In Bearbeitung nehmen") && own.contains("Erika Mustermann"),
            "the case page for its caseworker"
        );
        let foreign = page(elsewhere.client.clone(), format!("/sachbearbeitung/{n}")).await;
        assert!(
            !foreign.contains("Erika Mustermann") && !foreign.contains("M-AB 1234"),
            "another authority sees nothing of the case"
        );

        // The other authority's admin cannot touch this authority's staff or services.
        let e = call(
            &other_admin.client,
            &app,
            "set_staff_active",
            &[("id", &assigned.public_id), ("aktiv", "0")],
        )
        .await
        .unwrap_err();
        assert_eq!(e, AppError::NotFound);
        let e = call(
            &other_admin.client,
            &app,
            "set_staff_role",
            &[("id", &assigned.public_id), ("role", "admin")],
        )
        .await
        .unwrap_err();
        assert_eq!(e, AppError::NotFound);
        let service = "bewohnerparkausweis";
        let key = format!("dienste[{service}]");
        call(
            &other_admin.client,
            &app,
            "set_responsibilities",
            &[("id", &elsewhere.public_id), (&key, "on")],
        )
        .await
        .unwrap();
        assert!(
            numbers(&postkorb(&elsewhere.client, &app, "All", &[]).await.unwrap()).is_empty(),
            "a foreign service id is ignored"
        );
        let e = call(
            &other_admin.client,
            &app,
            "publish_service_form",
            &[("id", service), ("schema", "{\"sections\": []}")],
        )
        .await
        .unwrap_err();
        assert_eq!(e, AppError::NotFound);
        let e = call(&assigned.client, &app, "admin_overview", &[])
            .await
            .unwrap_err();
        assert_eq!(e, AppError::Forbidden, "caseworkers are not admins");
    }
);

on_both_databases!(
    of_two_caseworkers_taking_a_case_at_once_exactly_one_gets_it,
    |b| async move {
        let app = seeded(b, &[]).await;
        let one = staff(
            &app,
            "stadt-musterstadt",
            StaffRole::Caseworker,
            "Emil",
            &["bewohnerparkausweis"],
        )
        .await;
        let two = staff(
            &app,
            "stadt-musterstadt",
            StaffRole::Caseworker,
            "Frieda",
            &["bewohnerparkausweis"],
        )
        .await;
        for _ in 0..3 {
            let (_, number) = filed_case(&app, false).await;
            let form = [("number", number.as_str())];
            let (a, b) = tokio::join!(
                call(&one.client, &app, "take_case", &form),
                call(&two.client, &app, "take_case", &form)
            );
            assert_eq!(
                u8::from(a.is_ok()) + u8::from(b.is_ok()),
                1,
                "{:?} {:?}",
                a.as_ref().err(),
                b.as_ref().err()
            );
            let (winner, loser_error) = match (a, b) {
                (Ok(_), Err(e)) => (&one, e),
                (Err(e), _) => (&two, e),
                (Ok(_), Ok(_)) => unreachable!("exactly one wins, checked above"),
            };
            assert!(
                matches!(&loser_error, AppError::Conflict(m) if m.contains(&winner.name)),
                "the other is told who has it: {loser_error:?}"
            );
            let c = case_row(&app, &number).await;
            assert_eq!(
                (c.assignee_id, c.status.as_str()),
                (Some(winner.id), "in_progress")
            );
            assert_eq!(audit_actions(&app, &number).await, vec!["case_taken"]);
            let seen = json(
                &one.client,
                &app.base,
                "open_work_case",
                &[("number", &number)],
            )
            .await;
            assert_eq!(
                seen["assignee"],
                winner.name.as_str(),
                "everyone sees who has it"
            );
        }
    }
);

on_both_databases!(
    the_case_moves_along_the_allowed_statuses_with_history_mail_and_audit,
    |b| async move {
        let app = seeded(b, &[]).await;
        let worker = staff(
            &app,
            "stadt-musterstadt",
            StaffRole::Caseworker,
            "Gerda",
            &["bewohnerparkausweis"],
        )
        .await;
        let admin = staff(&app, "stadt-musterstadt", StaffRole::Admin, "Hanna", &[]).await;
        let (applicant, number) = filed_case(&app, false).await;
        let n = number.as_str();
        let mail = wait_for_mail(&worker.email, "Neuer Antrag").await;
        assert!(
            mail.text.contains(&format!("/sachbearbeitung/{n}")) && !mail.text.contains("M-AB"),
            "link only: {}",
            mail.text
        );
        assert!(
            mails_to(&admin.email)
                .await
                .iter()
                .all(|m| !m.subject.contains("Neuer Antrag")),
            "only the responsible get the mail"
        );

        // Views: unassigned until taken, then mine; overdue once the target date has passed.
        assert_eq!(
            numbers(
                &postkorb(&worker.client, &app, "Unassigned", &[])
                    .await
                    .unwrap()
            ),
            vec![number.clone()]
        );
        assert!(numbers(&postkorb(&worker.client, &app, "Mine", &[]).await.unwrap()).is_empty());
        call(&worker.client, &app, "take_case", &[("number", n)])
            .await
            .unwrap();
        assert!(
            numbers(
                &postkorb(&worker.client, &app, "Unassigned", &[])
                    .await
                    .unwrap()
            )
            .is_empty()
        );
        assert_eq!(
            numbers(&postkorb(&worker.client, &app, "Mine", &[]).await.unwrap()),
            vec![number.clone()]
        );
        assert!(
            numbers(
                &postkorb(
                    &worker.client,
                    &app,
                    "All",
                    &[("filter[overdue_only]", "true")]
                )
                .await
                .unwrap()
            )
            .is_empty()
        );
        app.sql(&format!(
            "UPDATE cases SET due_at = {} WHERE number = '{n}'",
            now() - 86_400
        ))
        .await;
        let overdue = postkorb(
            &worker.client,
            &app,
            "All",
            &[("filter[overdue_only]", "true")],
        )
        .await
        .unwrap();
        assert_eq!(numbers(&overdue), vec![number.clone()]);
        assert_eq!(overdue["items"][0]["overdue"], true);
        assert_eq!(
            numbers(
                &postkorb(&worker.client, &app, "All", &[("filter[q]", "M-AB 1234")])
                    .await
                    .unwrap()
            ),
            vec![number.clone()]
        );
        assert!(
            numbers(
                &postkorb(&worker.client, &app, "All", &[("filter[q]", "Hundesteuer")])
                    .await
                    .unwrap()
            )
            .is_empty()
        );

        // Refused transitions: back to "eingegangen"; a question without its text; nonsense.
        for (status, field) in [
            ("received", "status"),
            ("question", "status"),
            ("erledigt", "status"),
        ] {
            let e = call(
                &worker.client,
                &app,
                "change_case_status",
                &[("number", n), ("status", status), ("notiz", "")],
            )
            .await
            .unwrap_err();
            assert!(field_error(&e, field).is_some(), "{status}: {e:?}");
        }
        let e = call(
            &worker.client,
            &app,
            "send_case_question",
            &[("number", n), ("frage", "  ")],
        )
        .await
        .unwrap_err();
        assert!(field_error(&e, "frage").is_some(), "{e:?}");
        // A fixed fee cannot be changed in the case.
        let e = call(
            &worker.client,
            &app,
            "set_case_fee",
            &[("number", n), ("gebuehr", "12,50")],
        )
        .await
        .unwrap_err();
        assert!(field_error(&e, "gebuehr").is_some(), "{e:?}");

        // The question: status Rückfrage, the applicant sees it unread and answers.
        let earlier = mails_to(&worker.email).await.len();
        call(
            &worker.client,
            &app,
            "send_case_question",
            &[
                ("number", n),
                ("frage", "Bitte senden Sie den Fahrzeugschein lesbar."),
            ],
        )
        .await
        .unwrap();
        assert_eq!(case_row(&app, n).await.status, "question");
        let seen = json(&applicant, &app.base, "open_case", &[("number", n)]).await;
        assert_eq!(seen["status"], "Question");
        let last = seen["messages"].as_array().unwrap().last().unwrap().clone();
        assert!(
            last["body"].as_str().unwrap().contains("lesbar") && last["was_unread"] == true,
            "{last}"
        );
        call_with(
            &applicant,
            &app.base,
            "reply_to_case",
            &[("number", n), ("text", "Anbei noch einmal.")],
        )
        .await
        .unwrap();
        let c = case_row(&app, n).await;
        assert_eq!(
            (c.status.as_str(), c.awaiting_staff),
            ("in_progress", true),
            "the answer brings the case back"
        );
        let mail = wait_for_mail_after(&worker.email, "Neue Nachricht", earlier).await;
        assert!(mail.text.contains(&format!("/sachbearbeitung/{n}")));
        let marked = postkorb(
            &worker.client,
            &app,
            "Mine",
            &[("filter[awaiting_only]", "true")],
        )
        .await
        .unwrap();
        assert_eq!(numbers(&marked), vec![number.clone()]);
        json(
            &worker.client,
            &app.base,
            "open_work_case",
            &[("number", n)],
        )
        .await;
        assert!(
            !case_row(&app, n).await.awaiting_staff,
            "opening it as its caseworker clears the mark"
        );

        // Closing, with a note; afterwards nothing more.
        call(
            &worker.client,
            &app,
            "change_case_status",
            &[
                ("number", n),
                ("status", "closed"),
                ("notiz", "Der Ausweis kommt per Post."),
            ],
        )
        .await
        .unwrap();
        let seen = json(&applicant, &app.base, "open_case", &[("number", n)]).await;
        assert_eq!(seen["status"], "Closed");
        let statuses: Vec<&str> = seen["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["status"].as_str().unwrap())
            .collect();
        assert_eq!(
            statuses,
            vec!["Received", "InProgress", "Question", "InProgress", "Closed"]
        );
        assert!(
            seen["messages"].as_array().unwrap().last().unwrap()["body"]
                .as_str()
                .unwrap()
                .contains("per Post")
        );
        let e = call(
            &worker.client,
            &app,
            "change_case_status",
            &[("number", n), ("status", "rejected"), ("notiz", "")],
        )
        .await
        .unwrap_err();
        assert!(
            field_error(&e, "status").is_some(),
            "a closed case stays closed: {e:?}"
        );
        let e = call(
            &worker.client,
            &app,
            "send_case_message",
            &[("number", n), ("text", "Noch etwas")],
        )
        .await
        .unwrap_err();
        assert!(field_error(&e, "text").is_some(), "{e:?}");
        let e = call_with(
            &applicant,
            &app.base,
            "reply_to_case",
            &[("number", n), ("text", "Danke")],
        )
        .await
        .unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{e:?}");

        // Every action is in the log, which the database keeps append-only.
        assert_eq!(
            audit_actions(&app, n).await,
            vec![
                "case_taken",
                "question_sent",
                "applicant_answered",
                "status_changed"
            ]
        );
        let before = count(&app, "audit_log").await;
        use sea_orm::ConnectionTrait;
        assert!(
            app.state
                .db
                .execute_unprepared("UPDATE audit_log SET actor = 'x'")
                .await
                .is_err(),
            "UPDATE refused"
        );
        assert!(
            app.state
                .db
                .execute_unprepared("DELETE FROM audit_log")
                .await
                .is_err(),
            "DELETE refused"
        );
        assert_eq!(count(&app, "audit_log").await, before);
        let log = json(&admin.client, &app.base, "audit_log", &[]).await;
        assert!(
            log["lines"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l["case_number"] == n && l["actor"] == worker.name.as_str())
        );
    }
);

on_both_databases!(
    documents_reach_the_applicant_only_with_consent_and_admins_reassign,
    |b| async move {
        let app = seeded(b, &[]).await;
        let worker = staff(
            &app,
            "stadt-musterstadt",
            StaffRole::Caseworker,
            "Ida",
            &["bewohnerparkausweis"],
        )
        .await;
        let other = staff(
            &app,
            "stadt-musterstadt",
            StaffRole::Caseworker,
            "Jan",
            &["bewohnerparkausweis"],
        )
        .await;
        let admin = staff(&app, "stadt-musterstadt", StaffRole::Admin, "Karla", &[]).await;
        // A document in the caseworker's own safe is no attachment for a case.
        let back = upload(&app, &worker.client, None, None, "Privat.pdf", PDF.to_vec()).await;
        let private = query_value(&back, "dokument").expect("uploaded");

        let (_, without) = filed_case(&app, false).await;
        call(&worker.client, &app, "take_case", &[("number", &without)])
            .await
            .unwrap();
        let back = upload_for_case(&app, &worker.client, &without, "Bescheid.pdf").await;
        assert_eq!(
            query_value(&back, "upload").as_deref(),
            Some("fehler"),
            "no documents for a case without consent: {back}"
        );
        let e = call(
            &worker.client,
            &app,
            "send_case_message",
            &[
                ("number", &without),
                ("text", "Ihr Bescheid"),
                ("dokument", &private),
            ],
        )
        .await
        .unwrap_err();
        assert!(
            field_error(&e, "dokument").is_some_and(|m| m.contains("per Post")),
            "{e:?}"
        );
        assert_eq!(
            count(&app, "case_documents").await,
            1,
            "only the applicant's own document"
        );

        let (applicant, with) = filed_case(&app, true).await;
        call(&worker.client, &app, "take_case", &[("number", &with)])
            .await
            .unwrap();
        let back = upload_for_case(&app, &worker.client, &with, "Bescheid.pdf").await;
        let doc = query_value(&back, "dokument").expect("uploaded for the case");
        assert!(
            back.starts_with(&format!("/sachbearbeitung/{with}")),
            "{back}"
        );
        // It belongs to the case, not to the caseworker's safe; the reply offers it.
        let mine = json(&worker.client, &app.base, "my_documents", &[]).await;
        assert!(
            !mine
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["id"] == doc.as_str()),
            "{mine}"
        );
        let offered = json(
            &worker.client,
            &app.base,
            "case_uploads",
            &[("number", &with)],
        )
        .await;
        assert_eq!(offered[0]["id"], doc.as_str(), "{offered}");
        // Neither the applicant's own documents nor the caseworker's can be attached.
        let theirs = json(&applicant, &app.base, "my_documents", &[]).await[0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        for wrong in [&theirs, &private] {
            let e = call(
                &worker.client,
                &app,
                "send_case_message",
                &[("number", &with), ("text", "x"), ("dokument", wrong)],
            )
            .await
            .unwrap_err();
            assert!(field_error(&e, "dokument").is_some(), "{e:?}");
        }
        // Nor a document of another case: it could reach the wrong person.
        let (_, elsewhere) = filed_case(&app, true).await;
        call(&worker.client, &app, "take_case", &[("number", &elsewhere)])
            .await
            .unwrap();
        let e = call(
            &worker.client,
            &app,
            "send_case_message",
            &[("number", &elsewhere), ("text", "x"), ("dokument", &doc)],
        )
        .await
        .unwrap_err();
        assert!(field_error(&e, "dokument").is_some(), "{e:?}");
        call(
            &worker.client,
            &app,
            "send_case_message",
            &[
                ("number", &with),
                ("text", "Ihr Bescheid"),
                ("dokument", &doc),
            ],
        )
        .await
        .unwrap();
        let seen = json(&applicant, &app.base, "open_case", &[("number", &with)]).await;
        let attachment = &seen["messages"].as_array().unwrap().last().unwrap()["attachments"][0];
        assert_eq!(attachment["file_name"], "Bescheid.pdf");
        let res = applicant
            .get(format!("{}/dokumente/{doc}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            StatusCode::OK,
            "the applicant downloads the authority's document"
        );
        let (stranger, _) = citizen(&app, "fremd").await;
        assert_eq!(
            stranger
                .get(format!("{}/dokumente/{doc}", app.base))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::NOT_FOUND
        );

        // A caseworker with the service may see but not change a colleague's case; the admin
        // reassigns it (only to someone responsible).
        let e = call(
            &other.client,
            &app,
            "send_case_message",
            &[("number", &with), ("text", "Hallo")],
        )
        .await
        .unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{e:?}");
        let e = call(&other.client, &app, "hand_back_case", &[("number", &with)])
            .await
            .unwrap_err();
        assert_eq!(e, AppError::Forbidden);
        let e = call(
            &admin.client,
            &app,
            "reassign_case",
            &[("number", &with), ("an", &admin.public_id)],
        )
        .await
        .unwrap_err();
        assert!(field_error(&e, "an").is_some(), "{e:?}");
        call(
            &admin.client,
            &app,
            "reassign_case",
            &[("number", &with), ("an", &other.public_id)],
        )
        .await
        .unwrap();
        assert_eq!(case_row(&app, &with).await.assignee_id, Some(other.id));
        call(&other.client, &app, "hand_back_case", &[("number", &with)])
            .await
            .unwrap();
        assert_eq!(case_row(&app, &with).await.assignee_id, None);
        assert_eq!(
            audit_actions(&app, &with).await,
            vec![
                "case_taken",
                "message_sent",
                "case_reassigned",
                "case_handed_back"
            ]
        );

        // Losing the service hands one's open cases back (and says so in the log); finished
        // cases are neither taken nor handed around.
        call(&worker.client, &app, "take_case", &[("number", &with)])
            .await
            .unwrap();
        call(
            &admin.client,
            &app,
            "set_responsibilities",
            &[("id", &worker.public_id)],
        )
        .await
        .unwrap();
        let c = case_row(&app, &with).await;
        assert_eq!((c.assignee_id, c.awaiting_staff), (None, true));
        assert_eq!(
            audit_actions(&app, &with).await.last().map(String::as_str),
            Some("case_handed_back")
        );
        assert_eq!(
            call(&worker.client, &app, "open_work_case", &[("number", &with)])
                .await
                .unwrap_err(),
            AppError::NotFound
        );
        call(&other.client, &app, "take_case", &[("number", &with)])
            .await
            .unwrap();
        call(
            &other.client,
            &app,
            "change_case_status",
            &[("number", &with), ("status", "rejected"), ("notiz", "")],
        )
        .await
        .unwrap();
        call(&other.client, &app, "hand_back_case", &[("number", &with)])
            .await
            .unwrap();
        let e = call(&other.client, &app, "take_case", &[("number", &with)])
            .await
            .unwrap_err();
        assert!(
            matches!(e, AppError::Conflict(_)),
            "a finished case is not taken again: {e:?}"
        );

        // Staff accounts are deactivated by the authority, not deleted by their owner.
        let e = call(&worker.client, &app, "delete_account", &[("password", PW)])
            .await
            .unwrap_err();
        assert!(
            matches!(e, AppError::Conflict(ref m) if m.contains("Verwaltung Ihrer Behörde")),
            "{e:?}"
        );
    }
);

on_both_databases!(
    the_admin_defines_services_staff_and_responsibilities_without_a_release,
    |b| async move {
        let app = seeded(b, &[]).await;
        let admin = staff(&app, "stadt-musterstadt", StaffRole::Admin, "Lena", &[]).await;
        let worker = staff(
            &app,
            "stadt-musterstadt",
            StaffRole::Caseworker,
            "Moritz",
            &[],
        )
        .await;

        // A new member of staff gets an invitation; bad input is named per field.
        let e = call(
            &admin.client,
            &app,
            "create_staff_member",
            &[
                ("email", "kein-at"),
                ("first_name", ""),
                ("last_name", "X"),
                ("role", "caseworker"),
            ],
        )
        .await
        .unwrap_err();
        assert!(
            field_error(&e, "email").is_some() && field_error(&e, "first_name").is_some(),
            "{e:?}"
        );
        // A name follows the rules of every person's name (the same check as registration),
        // worded for someone else's name when it is missing.
        let e = call(
            &admin.client,
            &app,
            "create_staff_member",
            &[
                ("email", &unique_email("markup")),
                ("first_name", "<b>Nora</b>"),
                ("last_name", ""),
                ("role", "caseworker"),
            ],
        )
        .await
        .unwrap_err();
        assert_eq!(
            field_error(&e, "first_name").as_deref(),
            Some(
                "Der Vorname darf nur Buchstaben, Leerzeichen, Bindestriche, Apostrophe und Punkte enthalten."
            ),
            "{e:?}"
        );
        assert_eq!(
            field_error(&e, "last_name").as_deref(),
            Some("Bitte geben Sie den Namen an."),
            "{e:?}"
        );
        let email = unique_email("neu");
        call(
            &admin.client,
            &app,
            "create_staff_member",
            &[
                ("email", &email),
                ("first_name", "Nora"),
                ("last_name", "Neu"),
                ("role", "caseworker"),
            ],
        )
        .await
        .unwrap();
        wait_for_mail(&email, "Ihr Zugang").await;
        let e = call(
            &admin.client,
            &app,
            "create_staff_member",
            &[
                ("email", &email),
                ("first_name", "Nora"),
                ("last_name", "Neu"),
                ("role", "caseworker"),
            ],
        )
        .await
        .unwrap_err();
        assert!(field_error(&e, "email").is_some(), "{e:?}");

        // Roles change by the admin, not by oneself, and only within the authority.
        let e = call(
            &worker.client,
            &app,
            "set_staff_role",
            &[("id", &worker.public_id), ("role", "admin")],
        )
        .await
        .unwrap_err();
        assert_eq!(e, AppError::Forbidden);
        let e = call(
            &admin.client,
            &app,
            "set_staff_role",
            &[("id", &admin.public_id), ("role", "caseworker")],
        )
        .await
        .unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{e:?}");
        call(
            &admin.client,
            &app,
            "set_staff_role",
            &[("id", &worker.public_id), ("role", "admin")],
        )
        .await
        .unwrap();
        assert_eq!(
            json(&worker.client, &app.base, "current_account", &[]).await["staff"],
            "Admin"
        );
        call(
            &admin.client,
            &app,
            "set_staff_role",
            &[("id", &worker.public_id), ("role", "caseworker")],
        )
        .await
        .unwrap();
        assert_eq!(
            call(&worker.client, &app, "admin_overview", &[])
                .await
                .unwrap_err(),
            AppError::Forbidden
        );

        // A new service with a fee the caseworker sets.
        let service = [
            ("id", ""),
            ("slug", "sondernutzung"),
            ("name", "Sondernutzung öffentlicher Straßen"),
            ("summary", "Für Baugerüste und Container."),
            ("description", ""),
            ("category", "Bauen"),
            ("keywords", "gerüst container"),
            ("min_trust", "low"),
            ("fee_kind", "caseworker"),
            ("fee", ""),
            ("fee_due", "review"),
            ("processing_days", "0"),
        ];
        let e = call(&admin.client, &app, "save_service", &service)
            .await
            .unwrap_err();
        assert!(field_error(&e, "processing_days").is_some(), "{e:?}");
        // Every bad field is named at once, and what was typed comes back.
        let long_keywords = "wort ".repeat(201);
        let mut bad = service;
        bad[1] = ("slug", "neu");
        bad[3] = ("summary", "   ");
        bad[6] = ("keywords", &long_keywords);
        bad[8] = ("fee_kind", "fixed");
        bad[9] = ("fee", "0,00");
        let e = call(&admin.client, &app, "save_service", &bad)
            .await
            .unwrap_err();
        for field in ["slug", "summary", "keywords", "fee", "processing_days"] {
            assert!(field_error(&e, field).is_some(), "{field}: {e:?}");
        }
        assert!(field_error(&e, "name").is_none(), "{e:?}");
        match &e {
            AppError::Validation(f) => {
                assert_eq!(f.value_for("name").as_deref(), Some(service[2].1));
                assert_eq!(f.value_for("slug").as_deref(), Some("neu"));
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
        let mut ok = service;
        ok[11] = ("processing_days", "10");
        let res = call(&admin.client, &app, "save_service", &ok)
            .await
            .unwrap();
        let id = location(&res)
            .trim_start_matches("/verwaltung/dienste/")
            .split('?')
            .next()
            .unwrap()
            .to_owned();
        assert_eq!(
            id, "sondernutzung",
            "the service's address is its slug, not a database id"
        );
        let e = call(&admin.client, &app, "save_service", &ok)
            .await
            .unwrap_err();
        assert!(
            field_error(&e, "slug").is_some(),
            "the address is taken now: {e:?}"
        );
        // Citizens find a service once its form is published, not before.
        let visitor = client_for(&app.base);
        let listed = |v: serde_json::Value| {
            v.as_array()
                .unwrap()
                .iter()
                .any(|s| s["slug"] == "sondernutzung")
        };
        assert!(!listed(
            json(&visitor, &app.base, "list_services", &[]).await
        ));
        assert!(!listed(
            json(
                &visitor,
                &app.base,
                "list_services",
                &[("query", "container")]
            )
            .await
        ));
        let e = call_with(
            &visitor,
            &app.base,
            "service_detail",
            &[("slug", "sondernutzung")],
        )
        .await
        .unwrap_err();
        assert_eq!(e, AppError::NotFound, "no service page without a form");
        let e = call(
            &admin.client,
            &app,
            "publish_service_form",
            &[
                ("id", &id),
                (
                    "schema",
                    "{\"sections\": [{\"title\": \"A\", \"fields\": [{\"id\": \"x\"}]}]}",
                ),
            ],
        )
        .await
        .unwrap_err();
        assert!(field_error(&e, "schema").is_some(), "{e:?}");
        let form = r#"{"sections": [{"title": "Ort", "fields": [{"id": "ort", "label": "Wo soll der Container stehen?", "kind": {"type": "text", "max_len": 200}, "required": true}]}]}"#;
        call(
            &admin.client,
            &app,
            "publish_service_form",
            &[("id", &id), ("schema", form)],
        )
        .await
        .unwrap();
        assert!(listed(
            json(
                &visitor,
                &app.base,
                "list_services",
                &[("query", "container")]
            )
            .await
        ));
        let page = json(
            &visitor,
            &app.base,
            "service_detail",
            &[("slug", "sondernutzung")],
        )
        .await;
        assert_eq!(
            page["service"]["authority"],
            json(&admin.client, &app.base, "admin_overview", &[]).await["authority"]
        );
        let key = format!("dienste[{id}]");
        call(
            &admin.client,
            &app,
            "set_responsibilities",
            &[("id", &worker.public_id), (&key, "on")],
        )
        .await
        .unwrap();

        // A citizen files it; the caseworker gets it and sets the fee.
        let (client, _) = citizen(&app, "bauherr").await;
        let res = call_with(
            &client,
            &app.base,
            "start_application",
            &[("slug", "sondernutzung")],
        )
        .await
        .unwrap();
        let draft = location(&res)
            .trim_start_matches("/antrag/")
            .trim_end_matches("/seite-1")
            .to_owned();
        call_with(
            &client,
            &app.base,
            "save_page",
            &[
                ("id", &draft),
                ("page", "0"),
                ("answers[ort]", "Vor Hauptstraße 5"),
            ],
        )
        .await
        .unwrap();
        call_with(
            &client,
            &app.base,
            "give_consent",
            &[("id", &draft), ("consent", "on")],
        )
        .await
        .unwrap();
        let number = submit(&app, &client, &draft).await;
        wait_for_mail(&worker.email, "Neuer Antrag").await;
        call(&worker.client, &app, "take_case", &[("number", &number)])
            .await
            .unwrap();
        let e = call(
            &worker.client,
            &app,
            "set_case_fee",
            &[("number", &number), ("gebuehr", "zwölf")],
        )
        .await
        .unwrap_err();
        assert!(field_error(&e, "gebuehr").is_some(), "{e:?}");
        call(
            &worker.client,
            &app,
            "set_case_fee",
            &[("number", &number), ("gebuehr", "45,5")],
        )
        .await
        .unwrap();
        assert_eq!(
            json(&client, &app.base, "open_case", &[("number", &number)]).await["fee"],
            "45,50 €"
        );

        // A new form version does not change the case already filed.
        let form2 = form.replace("Wo soll der Container stehen?", "Standort");
        call(
            &admin.client,
            &app,
            "publish_service_form",
            &[("id", &id), ("schema", &form2)],
        )
        .await
        .unwrap();
        assert_eq!(case_row(&app, &number).await.form_version, 1);
        let overview = json(&admin.client, &app.base, "admin_overview", &[]).await;
        let s = overview["services"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["slug"] == "sondernutzung")
            .unwrap()
            .clone();
        assert_eq!(s["form_version"], 2);
        let answers =
            json(&client, &app.base, "open_case", &[("number", &number)]).await["answers"]
                .to_string();
        assert!(
            answers.contains("Wo soll der Container stehen?"),
            "{answers}"
        );

        // The log has it all, for this authority only.
        let log = json(&admin.client, &app.base, "audit_log", &[]).await;
        let actions: Vec<&str> = log["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["action"].as_str().unwrap())
            .collect();
        for a in [
            "Mitarbeitende angelegt",
            "Rolle geändert",
            "Online-Dienst angelegt",
            "Formular veröffentlicht",
            "Zuständigkeit erteilt",
            "In Bearbeitung genommen",
            "Gebühr festgesetzt",
        ] {
            assert!(actions.contains(&a), "{a} missing in {actions:?}");
        }
        let other_admin = staff(&app, "kreis-beispielkreis", StaffRole::Admin, "Otto", &[]).await;
        let theirs = json(&other_admin.client, &app.base, "audit_log", &[]).await;
        assert!(
            theirs["lines"]
                .as_array()
                .unwrap()
                .iter()
                .all(|l| l["case_number"] != number.as_str()
                    && !l["detail"].as_str().unwrap().contains("Sondernutzung"))
        );
        let theirs = json(&other_admin.client, &app.base, "admin_overview", &[]).await;
        assert!(
            theirs["services"]
                .as_array()
                .unwrap()
                .iter()
                .all(|s| s["slug"] != "sondernutzung")
        );
        assert!(
            theirs["staff"]
                .as_array()
                .unwrap()
                .iter()
                .all(|m| m["email"] != worker.email.as_str())
        );

        // The back-office pages render for their users.
        for path in [
            "/verwaltung",
            "/verwaltung/mitarbeitende",
            "/verwaltung/dienste",
            &format!("/verwaltung/dienste/{id}"),
            &format!("/verwaltung/dienste/{id}/formular"),
            "/verwaltung/zustaendigkeiten",
            "/verwaltung/protokoll",
        ] {
            let res = admin
                .client
                .get(format!("{}{path}", app.base))
                .header("accept", "text/html")
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{path}");
            let html = res.text().await.unwrap();
            assert!(html.contains("Verwaltungsbereiche"), "{path}");
        }
        let html = worker
            .client
            .get(format!("{}/sachbearbeitung?ansicht=meine", app.base))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            html.contains("Postkorb") && html.contains(&number),
            "the caseworker's Postkorb"
        );
    }
);

on_both_databases!(
    the_demo_staff_log_in_and_set_up_their_second_factor_first,
    |b| async move {
        let app = seeded(b, &[]).await;
        app::authorities::demo::seed(&app.state).await.unwrap();
        app::authorities::demo::seed(&app.state).await.unwrap();
        let client = client_for(&app.base);
        let pw = app::authorities::demo::DEMO_PASSWORD;
        let res = call(
            &client,
            &app,
            "login",
            &[
                ("email", "sachbearbeitung@musterstadt.example"),
                ("password", pw),
            ],
        )
        .await
        .unwrap();
        assert_eq!(location(&res), "/zwei-faktor-einrichten");
        assert_eq!(
            postkorb(&client, &app, "Unassigned", &[])
                .await
                .unwrap_err(),
            AppError::SecondFactorRequired
        );
        assert_eq!(count(&app, "staff").await, 3);
    }
);

// Issue 11, item 4: staff documents belong to the authority's case, not to the caseworker.
on_both_databases!(
    staff_documents_belong_to_the_case_and_go_with_it,
    |b| async move {
        let app = seeded(b, &[]).await;
        let worker = staff(
            &app,
            "stadt-musterstadt",
            StaffRole::Caseworker,
            "Ida",
            &["bewohnerparkausweis"],
        )
        .await;
        let colleague = staff(
            &app,
            "stadt-musterstadt",
            StaffRole::Caseworker,
            "Jan",
            &["bewohnerparkausweis"],
        )
        .await;
        let admin = staff(&app, "stadt-musterstadt", StaffRole::Admin, "Karla", &[]).await;
        let outsider = staff(&app, "kreis-beispielkreis", StaffRole::Admin, "Olga", &[]).await;
        let (applicant, number) = filed_case(&app, true).await;
        call(&worker.client, &app, "take_case", &[("number", &number)])
            .await
            .unwrap();
        let back = upload_for_case(&app, &worker.client, &number, "Bescheid.pdf").await;
        let doc = query_value(&back, "dokument").expect("uploaded for the case");
        let get = |c: &reqwest::Client| c.get(format!("{}/dokumente/{doc}", app.base)).send();
        let status = async |c: &reqwest::Client| get(c).await.unwrap().status();
        // Not sent yet: staff who may see the case read it; the applicant, another authority
        // and a colleague's upload form for another case do not.
        assert_eq!(status(&colleague.client).await, StatusCode::OK);
        assert_eq!(status(&applicant).await, StatusCode::NOT_FOUND);
        assert_eq!(status(&outsider.client).await, StatusCode::NOT_FOUND);
        let e = call(
            &outsider.client,
            &app,
            "case_uploads",
            &[("number", &number)],
        )
        .await
        .unwrap_err();
        assert_eq!(e, AppError::NotFound);
        // Only the caseworker who has the case uploads for it.
        let back = upload_for_case(&app, &colleague.client, &number, "Fremd.pdf").await;
        assert_eq!(
            query_value(&back, "upload").as_deref(),
            Some("fehler"),
            "{back}"
        );

        // Sent, it reaches the applicant. A document sent before staff documents belonged to
        // cases sat in the caseworker's safe: the migration hands it to its case.
        call(
            &worker.client,
            &app,
            "send_case_message",
            &[
                ("number", &number),
                ("text", "Ihr Bescheid"),
                ("dokument", &doc),
            ],
        )
        .await
        .unwrap();
        assert_eq!(status(&applicant).await, StatusCode::OK);
        app.sql(&format!(
            "UPDATE documents SET case_id = NULL WHERE public_id = '{doc}'"
        ))
        .await;
        let in_safe = json(&worker.client, &app.base, "my_documents", &[]).await;
        assert_eq!(
            in_safe[0]["id"],
            doc.as_str(),
            "the old state: in the worker's safe"
        );
        {
            use migration::MigratorTrait;
            migration::Migrator::down(&app.state.db, Some(1))
                .await
                .unwrap();
            migration::Migrator::up(&app.state.db, None).await.unwrap();
        }
        let in_safe = json(&worker.client, &app.base, "my_documents", &[]).await;
        assert_eq!(in_safe, serde_json::json!([]), "moved to the case");

        // The caseworker leaves: they cannot log in or read it any more, the colleague can.
        call(
            &admin.client,
            &app,
            "set_staff_active",
            &[("id", &worker.public_id), ("aktiv", "0")],
        )
        .await
        .unwrap();
        assert_ne!(status(&worker.client).await, StatusCode::OK);
        assert_eq!(status(&colleague.client).await, StatusCode::OK);

        // It goes with the case at the end of retention; the applicant's own documents stay.
        let own_before = json(&applicant, &app.base, "my_documents", &[]).await;
        app.sql(&format!(
            "UPDATE cases SET last_activity_at = 0 WHERE number = '{number}'"
        ))
        .await;
        app::jobs::run_once(&app.state).await.unwrap();
        assert_eq!(status(&colleague.client).await, StatusCode::NOT_FOUND);
        assert_eq!(
            count(&app, &format!("documents WHERE public_id = '{doc}'")).await,
            0
        );
        assert_eq!(
            json(&applicant, &app.base, "my_documents", &[]).await,
            own_before
        );
    }
);
