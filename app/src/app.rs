//! The HTML shell and the route table.

use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::accounts::components::activate_page::ActivatePage;
use crate::accounts::components::register_page::{RegisterPage, RegistrationSentPage};
use crate::applications::components::drafts_section::DraftsSection;
use crate::applications::components::service_page::ServicePage;
use crate::applications::components::step_page::ApplicationStepPage;
use crate::applications::components::submitted_page::SubmittedPage;
use crate::auth::components::forgot_password_page::{ForgotPasswordPage, ResetLinkSentPage};
use crate::auth::components::login_page::LoginPage;
use crate::auth::components::reset_password_page::ResetPasswordPage;
use crate::auth::second_factor::components::challenge_page::SecondFactorPage;
use crate::auth::second_factor::components::link_page::{LoginLinkDonePage, LoginLinkPage};
use crate::auth::second_factor::components::profile_section::RequiredSetupPage;
use crate::auth::second_factor::components::recovery_codes_page::RecoveryCodesPage;
use crate::auth::second_factor::components::setup_page::TotpSetupPage;
use crate::authorities::components::AdminHomePage;
use crate::authorities::components::audit_page::AuditPage;
use crate::authorities::components::services_page::{
    ServiceEditPage, ServiceFormPage, ServicesPage,
};
use crate::authorities::components::staff_page::{ResponsibilitiesPage, StaffPage};
use crate::casework::components::inbox_page::InboxPage;
use crate::casework::components::work_case_page::WorkCasePage;
use crate::catalogue::components::CataloguePage;
use crate::components::not_found::NotFoundPage;
use crate::mailbox::components::case_page::CasePage;
use crate::mailbox::components::mailbox_page::{MailboxPage, TrashPage};
use crate::pages::home::HomePage;
use crate::pages::info::{
    AccessibilityPage, HelpPage, ImprintPage, PlainLanguagePage, PrivacyPage,
};
use crate::pages::layout::Layout;
use crate::pages::profile::ProfilePage;
use crate::profile::components::confirm_email_page::ConfirmEmailPage;

/// The document around the app (server only). Inline scripts carry a per-response nonce that
/// the Content-Security-Policy header names, so the CSP needs no `unsafe-inline`.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_csp_with_nonce();
    // A form sent without JavaScript came back with an error the server kept: the page
    // carries it for the browser's hydration (`form_flash`).
    #[cfg(feature = "ssr")]
    let kept = use_context::<http::request::Parts>().and_then(|p| {
        p.extensions
            .get::<crate::form_flash::KeptError>()
            .map(|k| crate::form_flash::script_safe(&k.0))
    });
    #[cfg(not(feature = "ssr"))]
    let kept: Option<String> = None;
    view! {
        <!DOCTYPE html>
        <html lang="de">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="stylesheet" href="/kern/fonts/fira-sans.css" />
                <link rel="stylesheet" href="/kern/kern.min.css" />
                <link rel="stylesheet" href="/style/portal.css" />
                <HydrationScripts options />
                <MetaTags />
                {kept.map(|json| view! {
                    <script type="application/json" id=crate::form_flash::ELEMENT_ID inner_html=json></script>
                })}
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[cfg(feature = "ssr")]
fn set_csp_with_nonce() {
    leptos::nonce::provide_nonce();
    let nonce = leptos::nonce::use_nonce()
        .map(|n| n.to_string())
        .unwrap_or_default();
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        let csp = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
             img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; \
             base-uri 'self'; form-action 'self'; object-src 'none'"
        );
        if let Ok(v) = http::HeaderValue::from_str(&csp) {
            res.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
        }
    }
}

/// Pages render fully before the first byte is sent (`SsrMode::Async`), so that a page can
/// still answer with a redirect or a status code after loading its data; our pages are small.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Routes fallback=NotFoundPage>
                <ParentRoute path=path!("") view=Layout>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("dienste") view=CataloguePage ssr=SsrMode::Async />
                    <Route path=path!("dienste/:slug") view=ServicePage ssr=SsrMode::Async />
                    <Route path=path!("antrag/:id/:step") view=ApplicationStepPage ssr=SsrMode::Async />
                    <Route path=path!("postfach") view=|| view! { <MailboxPage drafts=ViewFn::from(DraftsSection) /> } ssr=SsrMode::Async />
                    <Route path=path!("postfach/papierkorb") view=TrashPage ssr=SsrMode::Async />
                    <Route path=path!("postfach/:number") view=CasePage ssr=SsrMode::Async />
                    <Route path=path!("postfach/:number/eingereicht") view=SubmittedPage ssr=SsrMode::Async />
                    <Route path=path!("sachbearbeitung") view=InboxPage ssr=SsrMode::Async />
                    <Route path=path!("sachbearbeitung/:number") view=WorkCasePage ssr=SsrMode::Async />
                    <Route path=path!("verwaltung") view=AdminHomePage ssr=SsrMode::Async />
                    <Route path=path!("verwaltung/mitarbeitende") view=StaffPage ssr=SsrMode::Async />
                    <Route path=path!("verwaltung/zustaendigkeiten") view=ResponsibilitiesPage ssr=SsrMode::Async />
                    <Route path=path!("verwaltung/dienste") view=ServicesPage ssr=SsrMode::Async />
                    <Route path=path!("verwaltung/dienste/:id") view=ServiceEditPage ssr=SsrMode::Async />
                    <Route path=path!("verwaltung/dienste/:id/formular") view=ServiceFormPage ssr=SsrMode::Async />
                    <Route path=path!("verwaltung/protokoll") view=AuditPage ssr=SsrMode::Async />
                    <Route path=path!("registrieren") view=RegisterPage ssr=SsrMode::Async />
                    <Route path=path!("registrieren/bestaetigen") view=RegistrationSentPage ssr=SsrMode::Async />
                    <Route path=path!("aktivieren") view=ActivatePage ssr=SsrMode::Async />
                    <Route path=path!("anmelden") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("anmelden/bestaetigen") view=SecondFactorPage ssr=SsrMode::Async />
                    <Route path=path!("anmelden/link") view=LoginLinkPage ssr=SsrMode::Async />
                    <Route path=path!("anmelden/link/bestaetigt") view=LoginLinkDonePage ssr=SsrMode::Async />
                    <Route path=path!("passwort-vergessen") view=ForgotPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("passwort-vergessen/gesendet") view=ResetLinkSentPage ssr=SsrMode::Async />
                    <Route path=path!("passwort-zuruecksetzen") view=ResetPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("mein-bereich") view=ProfilePage ssr=SsrMode::Async />
                    <Route path=path!("zwei-faktor-einrichten") view=RequiredSetupPage ssr=SsrMode::Async />
                    <Route path=path!("mein-bereich/authenticator-app") view=TotpSetupPage ssr=SsrMode::Async />
                    <Route path=path!("mein-bereich/wiederherstellungscodes") view=RecoveryCodesPage ssr=SsrMode::Async />
                    <Route path=path!("email-bestaetigen") view=ConfirmEmailPage ssr=SsrMode::Async />
                    <Route path=path!("hilfe") view=HelpPage ssr=SsrMode::Async />
                    <Route path=path!("leichte-sprache") view=PlainLanguagePage ssr=SsrMode::Async />
                    <Route path=path!("barrierefreiheit") view=AccessibilityPage ssr=SsrMode::Async />
                    <Route path=path!("datenschutz") view=PrivacyPage ssr=SsrMode::Async />
                    <Route path=path!("impressum") view=ImprintPage ssr=SsrMode::Async />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
