//! Every server function as each kind of caller: anonymous, the applicant who owns the data,
//! another citizen, an admin of another authority, the caseworker responsible for the case and
//! the admin of its authority. One table per area says what each of them gets; a last check
//! fails when a server function exists that no table (and no list of public functions) names.

use std::collections::BTreeSet;

use app::authorities::types::StaffRole;
use app::error::AppError;

use crate::applications::{PDF, citizen, fill_parking_permit, start, submit, upload};
use crate::casework::staff;
use crate::on_both_databases;
use crate::support::*;

/// What one caller gets from one call.
#[derive(Debug, Clone)]
enum Expect {
    /// This error and nothing else.
    Is(AppError),
    /// Not refused for who they are: success, or a rule of the function itself (invalid input,
    /// a conflict with the state) — but never 401/403/404.
    Allowed,
    /// Success, and the answer contains nothing of the applicant's (their case, draft,
    /// document, name).
    Blind,
}
use Expect::*;

const UNAUTH: Expect = Is(AppError::Unauthenticated);
const FORBIDDEN: Expect = Is(AppError::Forbidden);
const NOT_FOUND: Expect = Is(AppError::NotFound);

/// The callers, in the order of a row's expectations.
struct Callers {
    anonymous: reqwest::Client,
    applicant: reqwest::Client,
    other_citizen: reqwest::Client,
    other_authority_admin: reqwest::Client,
    caseworker: reqwest::Client,
    admin: reqwest::Client,
}

impl Callers {
    fn all(&self) -> [(&'static str, &reqwest::Client); 6] {
        [
            ("anonymous", &self.anonymous),
            ("applicant", &self.applicant),
            ("another citizen", &self.other_citizen),
            ("admin of another authority", &self.other_authority_admin),
            ("responsible caseworker", &self.caseworker),
            ("admin of the authority", &self.admin),
        ]
    }
}

/// One server function with arguments that name the applicant's data, and what each caller
/// gets: `[anonymous, applicant, other citizen, other authority's admin, caseworker, admin]`.
struct Row {
    endpoint: &'static str,
    args: Vec<(String, String)>,
    expect: [Expect; 6],
}

fn row(endpoint: &'static str, args: &[(&str, &str)], expect: [Expect; 6]) -> Row {
    Row {
        endpoint,
        args: args
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        expect,
    }
}

/// The applicant's data that others must not see.
struct Owned {
    number: String,
    draft: String,
    document: String,
    email: String,
}

async fn check(app: &TestApp, callers: &Callers, owned: &Owned, area: &str, rows: &[Row]) {
    for r in rows {
        let args: Vec<(&str, &str)> = r
            .args
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        for ((who, client), expect) in callers.all().into_iter().zip(&r.expect) {
            let got = call_with(client, &app.base, r.endpoint, &args).await;
            let place = format!("{area}: {} as {who}", r.endpoint);
            match (expect, got) {
                (Is(e), Err(g)) => assert_eq!(&g, e, "{place}"),
                (Is(e), Ok(_)) => panic!("{place}: succeeded, expected {e:?}"),
                (Allowed, Ok(_)) => {}
                (Allowed, Err(g)) => {
                    assert!(
                        matches!(g, AppError::Validation(_) | AppError::Conflict(_)),
                        "{place}: refused with {g:?}"
                    )
                }
                (Blind, Ok(res)) => {
                    let body = res.text().await.unwrap();
                    for secret in [&owned.number, &owned.draft, &owned.document, &owned.email] {
                        assert!(
                            !body.contains(secret.as_str()),
                            "{place}: the answer shows the applicant's {secret}"
                        );
                    }
                }
                (Blind, Err(g)) => panic!(
                    "{place}: refused with {g:?}, expected an answer without the applicant's data"
                ),
            }
        }
    }
}

fn case_filter(trash: bool) -> Vec<(&'static str, String)> {
    [
        ("filter[q]", ""),
        ("filter[status]", ""),
        ("filter[service]", ""),
        ("filter[unread_only]", "false"),
        ("filter[from]", ""),
        ("filter[to]", ""),
        ("filter[sort]", "Newest"),
        ("filter[after]", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .chain([("filter[trash]", trash.to_string())])
    .collect()
}

fn inbox_filter(view: &str) -> Vec<(&'static str, String)> {
    [
        ("filter[q]", ""),
        ("filter[status]", ""),
        ("filter[service]", ""),
        ("filter[from]", ""),
        ("filter[to]", ""),
        ("filter[awaiting_only]", "false"),
        ("filter[overdue_only]", "false"),
        ("filter[sort]", "Newest"),
        ("filter[after]", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .chain([("filter[view]", view.to_owned())])
    .collect()
}

fn with(endpoint: &'static str, args: Vec<(&'static str, String)>, expect: [Expect; 6]) -> Row {
    Row {
        endpoint,
        args: args.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        expect,
    }
}

on_both_databases!(
    every_server_function_refuses_whoever_may_not_call_it,
    |b| async move {
        let app = crate::applications::seeded(b, &[]).await;
        // The applicant files the parking permit (with a document) and keeps a second draft.
        let (applicant, email) = citizen(&app, "antragsteller").await;
        let filed = fill_parking_permit(&app, &applicant).await;
        let number = submit(&app, &applicant, &filed).await;
        let draft = start(&app, &applicant, "bewohnerparkausweis").await;
        let to = upload(
            &app,
            &applicant,
            None,
            None,
            "fahrzeugschein.pdf",
            PDF.to_vec(),
        )
        .await;
        let document = crate::applications::query_value(&to, "dokument")
            .expect("the upload names the document");
        let owned = Owned {
            number: number.clone(),
            draft: draft.clone(),
            document: document.clone(),
            email,
        };

        let (other_citizen, _) = citizen(&app, "nachbar").await;
        let other_authority_admin =
            staff(&app, "kreis-beispielkreis", StaffRole::Admin, "Olaf", &[]).await;
        let caseworker = staff(
            &app,
            "stadt-musterstadt",
            StaffRole::Caseworker,
            "Clara",
            &["bewohnerparkausweis"],
        )
        .await;
        let admin = staff(&app, "stadt-musterstadt", StaffRole::Admin, "Anna", &[]).await;
        let callers = Callers {
            anonymous: client_for(&app.base),
            applicant,
            other_citizen,
            other_authority_admin: other_authority_admin.client,
            caseworker: caseworker.client,
            admin: admin.client,
        };
        let clara = caseworker.public_id.clone();
        let parking = "bewohnerparkausweis".to_owned();
        let mut named = BTreeSet::new();

        // Citizens' own data: the case and drafts exist for the applicant alone; staff read cases
        // in the back office, never through the applicant's mailbox.
        let applications = vec![
            row(
                "service_detail",
                &[("slug", "bewohnerparkausweis")],
                [Blind, Allowed, Blind, Blind, Blind, Blind],
            ),
            row(
                "load_draft",
                &[("id", &draft)],
                [UNAUTH, Allowed, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
            ),
            row(
                "my_drafts",
                &[],
                [UNAUTH, Allowed, Blind, Blind, Blind, Blind],
            ),
            row(
                "save_page",
                &[("id", &draft), ("page", "0")],
                [UNAUTH, Allowed, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
            ),
            row(
                "choose_document",
                &[
                    ("id", &draft),
                    ("feld", "fahrzeugschein"),
                    ("dokument", &document),
                ],
                [UNAUTH, Allowed, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
            ),
            row(
                "finish_documents",
                &[("id", &draft)],
                [UNAUTH, Allowed, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
            ),
            row(
                "give_consent",
                &[("id", &draft)],
                [UNAUTH, Allowed, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
            ),
            row(
                "submit_application",
                &[("id", &draft)],
                [UNAUTH, Allowed, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
            ),
            row(
                "submitted_case",
                &[("number", &number)],
                [UNAUTH, Allowed, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
            ),
            row(
                "start_application",
                &[("slug", "hundesteuer")],
                [UNAUTH, Allowed, Allowed, Allowed, Allowed, Allowed],
            ),
            row(
                "discard_draft",
                &[("id", &draft)],
                [UNAUTH, Allowed, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
            ),
        ];
        check(&app, &callers, &owned, "applications", &applications).await;

        let mailbox = vec![
            with(
                "list_cases",
                case_filter(false),
                [UNAUTH, Allowed, Blind, Blind, Blind, Blind],
            ),
            with(
                "list_cases",
                case_filter(true),
                [UNAUTH, Allowed, Blind, Blind, Blind, Blind],
            ),
            row(
                "open_case",
                &[("number", &number)],
                [UNAUTH, Allowed, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
            ),
            row(
                "reply_to_case",
                &[("number", &number), ("text", "Zur Ergänzung")],
                [UNAUTH, Allowed, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
            ),
            row(
                "trash_case",
                &[("number", &number)],
                [UNAUTH, Allowed, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
            ),
            row(
                "restore_case",
                &[("number", &number)],
                [UNAUTH, Allowed, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
            ),
        ];
        check(&app, &callers, &owned, "mailbox", &mailbox).await;

        let documents = vec![row(
            "my_documents",
            &[],
            [UNAUTH, Allowed, Blind, Blind, Blind, Blind],
        )];
        check(&app, &callers, &owned, "documents", &documents).await;

        // The back office: citizens are refused for who they are, another authority does not see
        // the case at all; changing it needs the responsible caseworker who has taken it.
        let casework = vec![
            with(
                "list_inbox",
                inbox_filter("All"),
                [UNAUTH, FORBIDDEN, FORBIDDEN, Blind, Allowed, Allowed],
            ),
            row(
                "open_work_case",
                &[("number", &number)],
                [UNAUTH, FORBIDDEN, FORBIDDEN, NOT_FOUND, Allowed, Allowed],
            ),
            row(
                "take_case",
                &[("number", &number)],
                [UNAUTH, FORBIDDEN, FORBIDDEN, NOT_FOUND, Allowed, FORBIDDEN],
            ),
            row(
                "change_case_status",
                &[("number", &number), ("status", "question")],
                [UNAUTH, FORBIDDEN, FORBIDDEN, NOT_FOUND, Allowed, FORBIDDEN],
            ),
            row(
                "send_case_message",
                &[
                    ("number", &number),
                    ("text", "Bitte Unterlagen nachreichen"),
                ],
                [UNAUTH, FORBIDDEN, FORBIDDEN, NOT_FOUND, Allowed, FORBIDDEN],
            ),
            row(
                "case_uploads",
                &[("number", &number)],
                [UNAUTH, FORBIDDEN, FORBIDDEN, NOT_FOUND, Allowed, Allowed],
            ),
            row(
                "send_case_question",
                &[("number", &number), ("frage", "Seit wann?")],
                [UNAUTH, FORBIDDEN, FORBIDDEN, NOT_FOUND, Allowed, FORBIDDEN],
            ),
            row(
                "set_case_fee",
                &[("number", &number), ("gebuehr", "30,00")],
                [UNAUTH, FORBIDDEN, FORBIDDEN, NOT_FOUND, Allowed, FORBIDDEN],
            ),
            row(
                "reassign_case",
                &[("number", &number), ("an", &clara)],
                [UNAUTH, FORBIDDEN, FORBIDDEN, NOT_FOUND, FORBIDDEN, Allowed],
            ),
            row(
                "hand_back_case",
                &[("number", &number)],
                [UNAUTH, FORBIDDEN, FORBIDDEN, NOT_FOUND, Allowed, Allowed],
            ),
        ];
        check(&app, &callers, &owned, "casework", &casework).await;

        // The authority admin's functions: only for admins, and only on their own authority.
        let service_form = [
            ("id", parking.as_str()),
            ("name", "Bewohnerparkausweis beantragen"),
            ("summary", "Parken im eigenen Viertel"),
            ("category", "Verkehr"),
            ("min_trust", "low"),
            ("fee_kind", "none"),
            ("fee_due", "submission"),
            ("processing_days", "14"),
        ];
        let responsibility = format_key(&parking);
        let authorities = vec![
            row(
                "admin_overview",
                &[],
                [UNAUTH, FORBIDDEN, FORBIDDEN, Blind, FORBIDDEN, Allowed],
            ),
            row(
                "create_staff_member",
                &[
                    ("email", "neu@example.de"),
                    ("first_name", "Neu"),
                    ("last_name", "Mitglied"),
                    ("role", "caseworker"),
                ],
                [UNAUTH, FORBIDDEN, FORBIDDEN, Allowed, FORBIDDEN, Allowed],
            ),
            row(
                "set_staff_role",
                &[("id", &clara), ("role", "caseworker")],
                [UNAUTH, FORBIDDEN, FORBIDDEN, NOT_FOUND, FORBIDDEN, Allowed],
            ),
            row(
                "set_responsibilities",
                &[("id", &clara), (&responsibility, "on")],
                [UNAUTH, FORBIDDEN, FORBIDDEN, NOT_FOUND, FORBIDDEN, Allowed],
            ),
            row(
                "save_service",
                &service_form,
                [UNAUTH, FORBIDDEN, FORBIDDEN, NOT_FOUND, FORBIDDEN, Allowed],
            ),
            row(
                "publish_service_form",
                &[("id", &parking), ("schema", "{}")],
                [UNAUTH, FORBIDDEN, FORBIDDEN, NOT_FOUND, FORBIDDEN, Allowed],
            ),
            row(
                "audit_log",
                &[],
                [UNAUTH, FORBIDDEN, FORBIDDEN, Blind, FORBIDDEN, Allowed],
            ),
            row(
                "set_staff_active",
                &[("id", &clara), ("aktiv", "1")],
                [UNAUTH, FORBIDDEN, FORBIDDEN, NOT_FOUND, FORBIDDEN, Allowed],
            ),
        ];
        check(&app, &callers, &owned, "authorities", &authorities).await;

        for rows in [&applications, &mailbox, &documents, &casework, &authorities] {
            named.extend(rows.iter().map(|r| r.endpoint));
        }

        // The own account (profile, second factor, sessions): nobody but a logged-in person.
        for endpoint in OWN_ACCOUNT {
            let args: Vec<(&str, &str)> = own_account_args(endpoint);
            assert_eq!(
                call_with(&callers.anonymous, &app.base, endpoint, &args)
                    .await
                    .unwrap_err(),
                AppError::Unauthenticated,
                "{endpoint} as anonymous"
            );
            named.insert(endpoint);
        }

        // Nothing may exist that no table names.
        let all: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths()
            .filter_map(|(path, _)| path.strip_prefix("/api/"))
            .collect();
        let public: BTreeSet<&str> = PUBLIC.iter().map(|(name, _why)| *name).collect();
        let unnamed: Vec<&&str> = all
            .iter()
            .filter(|e| !named.contains(*e) && !public.contains(*e))
            .collect();
        assert!(
            unnamed.is_empty(),
            "server functions without an access row: {unnamed:?}"
        );
        let stale: Vec<&&str> = named
            .iter()
            .chain(public.iter())
            .filter(|e| !all.contains(*e))
            .collect();
        assert!(
            stale.is_empty(),
            "rows for server functions that do not exist: {stale:?}"
        );
    }
);

/// The form key of one checkbox of `set_responsibilities`.
fn format_key(service_id: &str) -> String {
    format!("dienste[{service_id}]")
}

/// Functions on the caller's own account: logged in, nothing else (they name no one else's
/// data; their own rules — password re-entry, throttling — are tested in their areas).
const OWN_ACCOUNT: [&str; 22] = [
    "list_sessions",
    "security_log",
    "end_session",
    "end_other_sessions",
    "change_password",
    "delete_account",
    "request_email_change",
    "my_data",
    "save_my_data",
    "session_status",
    "extend_session",
    "second_factor_status",
    "start_totp_setup",
    "totp_setup",
    "confirm_totp_setup",
    "take_recovery_codes",
    "regenerate_recovery_codes",
    "choose_email_factor",
    "switch_off_second_factor",
    "remove_passkey",
    "start_passkey_registration",
    "finish_passkey_registration",
];

fn own_account_args(endpoint: &str) -> Vec<(&'static str, &'static str)> {
    match endpoint {
        "end_session" => vec![("id", "x")],
        "change_password" => vec![
            ("current_password", "x"),
            ("new_password", "x"),
            ("new_password_repeat", "x"),
        ],
        "delete_account" => vec![("password", "x")],
        "request_email_change" => vec![
            ("new_email", "a@example.de"),
            ("new_email_repeat", "a@example.de"),
            ("email_password", "x"),
        ],
        "save_my_data" => [
            "salutation",
            "title",
            "first_name",
            "last_name",
            "date_of_birth",
            "street",
            "house_number",
            "postcode",
            "city",
            "po_box",
            "phone",
        ]
        .into_iter()
        .map(|k| (k, ""))
        .collect(),
        "start_totp_setup" => vec![("totp_password", "x")],
        "confirm_totp_setup" => vec![("code", "123456")],
        "regenerate_recovery_codes" => vec![("codes_password", "x")],
        "choose_email_factor" => vec![("email_factor_password", "x")],
        "switch_off_second_factor" => vec![("off_password", "x")],
        "remove_passkey" => vec![("passkey_id", "1"), ("remove_password", "x")],
        "start_passkey_registration" => vec![("passkey_name", "x"), ("passkey_password", "x")],
        "finish_passkey_registration" => vec![
            ("ceremony", "x"),
            ("credential", "{}"),
            ("passkey_name", "x"),
        ],
        _ => vec![],
    }
}

/// Functions anyone may call, and why.
const PUBLIC: [(&str, &str); 22] = [
    ("list_services", "the catalogue"),
    ("suggest_services", "the catalogue's suggestions"),
    ("active_password_policy", "shown on the registration form"),
    ("register", "creating an account"),
    (
        "activate_account",
        "the mailed activation link is the proof",
    ),
    ("upload_limits", "shown next to every upload"),
    ("current_account", "answers None without a session"),
    ("login", "logging in"),
    ("logout", "ends the request's session, if any"),
    (
        "request_password_reset",
        "answers the same for every address",
    ),
    ("reset_token_valid", "the mailed link is the proof"),
    ("reset_password", "the mailed link is the proof"),
    ("confirm_email_change", "the mailed link is the proof"),
    ("login_challenge", "the password step's cookie is the proof"),
    (
        "verify_second_factor",
        "the password step's cookie is the proof",
    ),
    ("login_link_open", "the mailed link is the proof"),
    ("confirm_login_link", "the mailed link is the proof"),
    ("complete_login", "the password step's cookie is the proof"),
    ("start_passkey_login", "logging in with a passkey"),
    (
        "finish_passkey_login",
        "the passkey's signature is the proof",
    ),
    (
        "start_passkey_factor",
        "the password step's cookie is the proof",
    ),
    (
        "finish_passkey_factor",
        "the password step's cookie is the proof",
    ),
];
