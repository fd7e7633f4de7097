use leptos::prelude::*;
use leptos_router::components::{A, Outlet};

use crate::auth::api::AccountSummary;
use crate::auth::components::session_timeout::SessionTimeout;
use crate::auth::context::{provide_auth, use_auth};

/// The pages a session may see while it must set up the mandatory second factor.
const SETUP_PAGES: [&str; 3] = [
    crate::components::url::SECOND_FACTOR_SETUP,
    "/mein-bereich/authenticator-app",
    "/mein-bereich/wiederherstellungscodes",
];

/// Header, main area and footer around every page.
#[component]
pub fn Layout() -> impl IntoView {
    let path = leptos_router::hooks::use_location().pathname;
    let account = provide_auth().account;
    crate::mailbox::live::provide_live_unread();

    view! {
        <a class="skip-link kern-link" href="#inhalt">{tr!("layout.skip_link")}</a>
        <div class="kern-kopfzeile">
            <div class="kern-container">
                <div class="kern-kopfzeile__content">
                    <span class="kern-kopfzeile__flagge" aria-hidden="true"></span>
                    <span class="kern-kopfzeile__label">{tr!("layout.official_site")}</span>
                </div>
            </div>
        </div>
        <header class="site-header">
            <div class="kern-container site-header__inner">
                <A href="/" attr:class="site-header__brand">{tr!("layout.brand")}</A>
                <nav aria-label={tr!("layout.main_nav")} class="site-header__nav">
                    <A href="/dienste" attr:class="kern-link">{tr!("layout.nav_services")}</A>
                    <A href="/hilfe" attr:class="kern-link">{tr!("layout.nav_help")}</A>
                    <Transition fallback=|| ()>
                        {move || account.get().map(|a| match a {
                            Ok(Some(acc)) if acc.must_set_up_second_factor && !SETUP_PAGES.contains(&path.get().as_str()) => view! {
                                <AccountMenu account=acc />
                                <leptos_router::components::Redirect path=crate::components::url::SECOND_FACTOR_SETUP />
                            }.into_any(),
                            Ok(Some(acc)) => view! { <AccountMenu account=acc /> }.into_any(),
                            _ => view! {
                                <A href="/anmelden" attr:class="kern-link">{tr!("layout.nav_login")}</A>
                                <A href="/registrieren" attr:class="kern-link">{tr!("layout.nav_register")}</A>
                            }.into_any(),
                        })}
                    </Transition>
                </nav>
            </div>
        </header>
        <main id="inhalt" class="kern-container site-main" tabindex="-1">
            <Outlet />
        </main>
        <footer class="site-footer">
            <div class="kern-container">
                <nav aria-label={tr!("layout.footer_nav")}>
                    <ul class="kern-list kern-list--horizontal">
                        <li><A href="/hilfe" attr:class="kern-link">{tr!("layout.footer_help")}</A></li>
                        <li><A href="/leichte-sprache" attr:class="kern-link">{tr!("layout.footer_plain_language")}</A></li>
                        <li><A href="/barrierefreiheit" attr:class="kern-link">{tr!("layout.footer_accessibility")}</A></li>
                        <li><A href="/datenschutz" attr:class="kern-link">{tr!("layout.footer_privacy")}</A></li>
                        <li><A href="/impressum" attr:class="kern-link">{tr!("layout.footer_imprint")}</A></li>
                    </ul>
                </nav>
            </div>
        </footer>
    }
}

#[component]
fn AccountMenu(account: AccountSummary) -> impl IntoView {
    let auth = use_auth();
    crate::mailbox::live::start_live_updates();
    let live = crate::mailbox::live::use_live_unread();
    let unread = Signal::derive(move || {
        live.as_ref()
            .and_then(|l| l.0.get())
            .unwrap_or(account.unread)
    });
    view! {
        <A href="/postfach" attr:class="kern-link site-header__mailbox" attr:aria-label=move || tr!("layout.mailbox_label", count = unread.get())>
            <span class="site-header__envelope" aria-hidden="true">"✉"</span>
            " "{tr!("layout.mailbox")}" "
            <span class="kern-badge kern-badge--info site-header__count" aria-hidden="true">{unread}</span>
        </A>
        {account.staff.map(|role| view! {
            <A href="/sachbearbeitung" attr:class="kern-link">{tr!("layout.casework")}</A>
            {(role == crate::access::types::StaffRole::Admin).then(|| view! { <A href="/verwaltung" attr:class="kern-link">{tr!("layout.admin")}</A> })}
        })}
        <A href="/mein-bereich" attr:class="kern-link">{tr!("layout.my_area")}</A>
        <span class="site-header__user">{format!("{} {}", account.first_name, account.last_name)}</span>
        <ActionForm action=auth.logout attr:class="site-header__logout">
            <button type="submit" class="kern-btn kern-btn--secondary kern-btn--x-small">
                <span class="kern-label">{tr!("layout.logout")}</span>
            </button>
        </ActionForm>
        <SessionTimeout />
    }
}
