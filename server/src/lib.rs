//! The portal's HTTP server: connects the database, assembles the router (pages, server
//! functions, static files, guards) and starts the background workers. `main.rs` is the CLI.

#![recursion_limit = "512"]

pub mod api_status;
pub mod bench;
pub mod form_errors;
pub mod security;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::middleware;
use axum::routing::get;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list, handle_server_fns_with_context};
use migration::MigratorTrait;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};
use tower_http::services::ServeDir;

use app::config::Config;
use app::hashing::PasswordHasher;
use app::state::AppState;
use app::{App, shell};

/// Opens the database (creating the SQLite file and data folder if needed) and migrates it.
pub async fn connect(config: &Config) -> anyhow::Result<DatabaseConnection> {
    if config.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir)?;
    }
    let mut opts = ConnectOptions::new(config.database_url.clone());
    opts.sqlx_logging(false)
        .max_connections(if config.database_url.starts_with("sqlite:") {
            8
        } else {
            16
        });
    let db = Database::connect(opts).await?;
    if config.database_url.starts_with("sqlite:") {
        // WAL lets readers and the single writer work at the same time.
        db.execute_unprepared("PRAGMA journal_mode=WAL;").await?;
    }
    migration::Migrator::up(&db, None).await?;
    Ok(db)
}

pub fn leptos_options(config: &Config) -> LeptosOptions {
    let env = |k: &str, d: &str| std::env::var(k).unwrap_or_else(|_| d.to_owned());
    LeptosOptions::builder()
        .output_name(env("LEPTOS_OUTPUT_NAME", "portal"))
        .site_root(env("LEPTOS_SITE_ROOT", "target/site"))
        .site_pkg_dir(env("LEPTOS_SITE_PKG_DIR", "pkg"))
        .site_addr(config.site_addr)
        .build()
}

pub async fn build_state(config: Config) -> anyhow::Result<AppState> {
    // A mail set-up that cannot work (an unreadable CA file) stops the start, not the mails.
    app::mail::transport::Transport::from_config(&config).map_err(anyhow::Error::msg)?;
    let db = connect(&config).await?;
    let leptos_options = leptos_options(&config);
    let hasher = tokio::task::spawn_blocking(PasswordHasher::new).await?;
    let documents = Arc::new(app::storage::DocumentStore::from_config(&config)?);
    let state = AppState {
        db,
        config: Arc::new(config),
        hasher,
        mail_wakeup: Default::default(),
        leptos_options,
        documents,
        live_streams: Default::default(),
        exports: Arc::new(tokio::sync::Semaphore::new(
            app::profile::export::PARALLEL_EXPORTS,
        )),
    };
    app::jobs::migrate_at_rest(&state)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(state)
}

/// The pages of the app, generated once per process.
///
/// Generating the list renders the app with resource loading suppressed through a
/// process-wide flag in `leptos_server`; a resource first polled by a concurrent request while
/// that flag is set never resolves (leptos issue #4773). One generation before any router
/// exists rules that out — it matters for the tests, which start many portals in one process.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole HTTP surface of the portal.
pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let site_root = state.leptos_options.site_root.to_string();
    let ctx_state = state.clone();
    let context = move || provide_context(ctx_state.clone());
    let api = {
        let context = context.clone();
        move |req: axum::extract::Request| handle_server_fns_with_context(context.clone(), req)
    };
    let ready_db = state.db.clone();
    Router::new()
        .route("/api/{*fn_name}", get(api.clone()).post(api))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .route("/mein-bereich/export", get(app::profile::export::download))
        .route(
            app::documents::types::UPLOAD_PATH,
            axum::routing::post(app::pages::upload::handle)
                // The handler counts each file against the configured limits while it streams.
                .layer(axum::extract::DefaultBodyLimit::max(
                    (state.config.application_max_bytes + 1024 * 1024) as usize,
                )),
        )
        .route("/dokumente/{id}", get(app::documents::download::handle))
        .route("/postfach/{number}/pdf", get(app::mailbox::pdf::handle))
        .route(
            app::mailbox::live::EVENTS_PATH,
            get(app::mailbox::live::events),
        )
        .route("/health", get(|| async { "ok" }))
        .route(
            "/ready",
            get(move || {
                let db = ready_db.clone();
                async move {
                    match db.ping().await {
                        Ok(()) => (axum::http::StatusCode::OK, "ready"),
                        Err(_) => (
                            axum::http::StatusCode::SERVICE_UNAVAILABLE,
                            "database unavailable",
                        ),
                    }
                }
            }),
        )
        .nest_service(
            "/pkg",
            ServeDir::new(format!("{site_root}/pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .nest_service(
            "/kern",
            ServeDir::new(format!("{site_root}/kern"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .nest_service(
            "/style",
            ServeDir::new(format!("{site_root}/style"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(middleware::from_fn(api_status::set_status))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            form_errors::keep_form_errors,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            app::access::session::resolve_session,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::same_origin_guard,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::known_host_guard,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::security_headers,
        ))
        .layer(compression())
        .with_state(state)
}

/// Pages and server function answers are compressed on the fly (issue 12: the HTML and JSON
/// went uncompressed). Quality 4 keeps the CPU cost of dynamic answers low; static files come
/// precompressed at the highest quality from the build. Not compressed: what already is
/// (precompressed files, ZIP, images, woff2 fonts) and live event streams, which must not wait in a buffer.
fn compression()
-> tower_http::compression::CompressionLayer<impl tower_http::compression::Predicate> {
    use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
    use tower_http::compression::{CompressionLayer, CompressionLevel};
    CompressionLayer::new()
        .quality(CompressionLevel::Precise(4))
        .compress_when(
            DefaultPredicate::new()
                .and(NotForContentType::const_new("application/zip"))
                .and(NotForContentType::const_new("font/")),
        )
}

/// Starts the outbox worker and the clean-up job on the current runtime.
pub fn spawn_workers(state: &AppState) {
    let transport = app::mail::transport::Transport::from_config(&state.config)
        .expect("the mail set-up was checked in build_state");
    tokio::spawn(app::mail::outbox::run_worker(
        state.db.clone(),
        transport,
        state.config.mail_from.clone(),
        state.mail_wakeup.clone(),
    ));
    tokio::spawn(app::jobs::run_forever(
        state.clone(),
        Duration::from_secs(60),
    ));
}

/// Serves on `listener` until `shutdown` resolves.
pub async fn serve(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    spawn_workers(&state);
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}
