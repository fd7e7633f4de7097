use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use crate::auth::api::current_account;
use crate::auth::second_factor::components::profile_section::SecondFactorSection;
use crate::profile::api::EndOtherSessions;
use crate::profile::components::delete_account_section::DeleteAccountSection;
use crate::profile::components::email_section::EmailSection;
use crate::profile::components::export_section::ExportSection;
use crate::profile::components::my_data_section::MyDataSection;
use crate::profile::components::password_section::PasswordSection;
use crate::profile::components::security_log_section::SecurityLogSection;
use crate::profile::components::sessions_section::SessionsSection;

/// `/mein-bereich`. The data comes from `current_account`, which answers only for the
/// session's own account; without a session the page sends the visitor to the login and
/// back here afterwards.
#[component]
pub fn ProfilePage() -> impl IntoView {
    // Its own fetch, not the header's resource: right after a login that one may still hold
    // the state from before, and the page would send the user back to the login.
    let account = Resource::new(|| (), |_| current_account());
    let location = use_location();
    let query = leptos_router::hooks::use_query_map();
    let changed = move || query.read().get("passwort").is_some();
    let email_requested = move || query.read().get("email").is_some();
    let factor_changed = move || query.read().get("zwei-faktor").is_some();
    let data_saved = move || query.read().get("daten").is_some();
    let end_others = ServerAction::<EndOtherSessions>::new();
    view! {
        <Title text={tr!("profile.page_title")} />
        <h1 class="kern-heading-large">{tr!("profile.title")}</h1>
        <Show when=changed>
            <div class="kern-alert kern-alert--success" role="status">
                <div class="kern-alert__body"><p class="kern-body">{tr!("profile.notice_password_changed")}</p></div>
            </div>
        </Show>
        <Show when=email_requested>
            <div class="kern-alert kern-alert--info" role="status">
                <div class="kern-alert__body">
                    <p class="kern-body">{tr!("profile.notice_email_requested")}</p>
                    <p class="kern-body">{tr!("profile.offer_end_others")}</p>
                    <EndOthersButton action=end_others />
                </div>
            </div>
        </Show>
        <Show when=data_saved>
            <div class="kern-alert kern-alert--success" role="status">
                <div class="kern-alert__body"><p class="kern-body">{tr!("my_data.saved")}</p></div>
            </div>
        </Show>
        <Show when=factor_changed>
            <div class="kern-alert kern-alert--success" role="status">
                <div class="kern-alert__body">
                    <p class="kern-body">{tr!("second_factor.notice_changed")}</p>
                    <EndOthersButton action=end_others />
                </div>
            </div>
        </Show>
        <Suspense fallback=|| ()>
            {move || account.get().map(|a| match a {
                Ok(Some(acc)) => view! {
                    <MyDataSection email=acc.email.clone() />
                    <EmailSection current=acc.email />
                    <PasswordSection />
                    <SecondFactorSection />
                    <SessionsSection />
                    <SecurityLogSection />
                    <crate::documents::components::DocumentSafeSection />
                    <ExportSection />
                    <DeleteAccountSection />
                }.into_any(),
                _ => {
                    let back = location.pathname.get_untracked();
                    view! { <Redirect path=format!("/anmelden?weiter={back}") /> }.into_any()
                }
            })}
        </Suspense>
    }
}

/// The offer after a security change (re-authenticated): end every other session now.
#[component]
fn EndOthersButton(action: ServerAction<EndOtherSessions>) -> impl IntoView {
    view! {
        <ActionForm action>
            <button type="submit" class="kern-btn kern-btn--secondary kern-btn--small"><span class="kern-label">{tr!("profile.end_others")}</span></button>
        </ActionForm>
    }
}
