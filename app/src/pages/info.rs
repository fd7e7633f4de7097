//! Help, plain language and the legal pages. Their texts are for this portal.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn HelpPage() -> impl IntoView {
    view! {
        <Title text={tr!("info.help.t01")} />
        <h1 class="kern-heading-large">{tr!("info.help.t02")}</h1>
        <h2 class="kern-heading-medium">{tr!("info.help.t03")}</h2>
        <p class="kern-body">{tr!("info.help.t04")}</p>
        <h2 class="kern-heading-medium">{tr!("info.help.t05")}</h2>
        <p class="kern-body">{tr!("info.help.t06")}</p>
        <h2 class="kern-heading-medium">{tr!("info.help.t07")}</h2>
        <p class="kern-body">{tr!("info.help.t08")}</p>
        <h2 class="kern-heading-medium">{tr!("info.help.t09")}</h2>
        <p class="kern-body">{tr!("info.help.t10")}</p>
        <h2 class="kern-heading-medium">{tr!("info.help.t11")}</h2>
        <p class="kern-body">{tr!("info.help.t12")} <A href="/passwort-vergessen" attr:class="kern-link">{tr!("info.help.t13")}</A> {tr!("info.help.t14")}</p>
        <h2 class="kern-heading-medium">{tr!("info.help.t15")}</h2>
        <p class="kern-body">{tr!("info.help.t16")} <A href="/registrieren" attr:class="kern-link">{tr!("info.help.t17")}</A> {tr!("info.help.t18")}</p>
    }
}

#[component]
pub fn PlainLanguagePage() -> impl IntoView {
    view! {
        <Title text={tr!("info.plain.t01")} />
        <h1 class="kern-heading-large">{tr!("info.plain.t02")}</h1>
        <p class="kern-body">{tr!("info.plain.t03")}</p>
        <p class="kern-body">{tr!("info.plain.t04")}</p>
        <p class="kern-body">{tr!("info.plain.t05")}</p>
        <p class="kern-body">{tr!("info.plain.t06")}</p>
        <p class="kern-body">{tr!("info.plain.t07")}</p>
    }
}

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! {
        <Title text={tr!("info.accessibility.t01")} />
        <h1 class="kern-heading-large">{tr!("info.accessibility.t02")}</h1>
        <p class="kern-body">{tr!("info.accessibility.t03")}</p>
        <h2 class="kern-heading-medium">{tr!("info.accessibility.t04")}</h2>
        <p class="kern-body">{tr!("info.accessibility.t05")}</p>
        <h2 class="kern-heading-medium">{tr!("info.accessibility.t06")}</h2>
        <p class="kern-body">{tr!("info.accessibility.t07")}</p>
        <h2 class="kern-heading-medium">{tr!("info.accessibility.t08")}</h2>
        <p class="kern-body">{tr!("info.accessibility.t09")}</p>
    }
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! {
        <Title text={tr!("info.privacy.t01")} />
        <h1 class="kern-heading-large">{tr!("info.privacy.t02")}</h1>
        <p class="kern-body">{tr!("info.privacy.t03")}</p>
        <p class="kern-body">{tr!("info.privacy.t04")}</p>
        <p class="kern-body">{tr!("info.privacy.t05")}</p>
    }
}

#[component]
pub fn ImprintPage() -> impl IntoView {
    view! {
        <Title text={tr!("info.imprint.t01")} />
        <h1 class="kern-heading-large">{tr!("info.imprint.t02")}</h1>
        <p class="kern-body">{tr!("info.imprint.t03")}</p>
    }
}
