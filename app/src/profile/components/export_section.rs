use leptos::prelude::*;

/// "Meine Daten herunterladen": a plain link, so the download works without JavaScript too.
#[component]
pub fn ExportSection() -> impl IntoView {
    view! {
        <section aria-labelledby="export-title" class="profile-section">
            <h2 class="kern-heading-medium" id="export-title">{tr!("export.title")}</h2>
            <p class="kern-body">{tr!("export.intro")}</p>
            <p class="kern-body"><a class="kern-link" href="/mein-bereich/export" download rel="external">{tr!("export.link")}</a></p>
        </section>
    }
}
