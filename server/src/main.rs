//! `portal`: the one binary of the Serviceportal. `portal --help` lists the subcommands.

use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use app::config::Config;

#[derive(Parser)]
#[command(
    name = "portal",
    version,
    about = "Serviceportal – Online-Dienste der Verwaltung"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (the default). Migrations run first.
    Serve {
        /// Also load the demo authorities and services.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo authorities and services (idempotent) and exit.
    SeedDemo,
    /// Run the clean-up jobs once (expired registrations, sessions, links) and exit.
    Cleanup,
    /// Authorities (tenants): `portal authority create --slug … --name …`.
    Authority {
        #[command(subcommand)]
        command: AuthorityCommand,
    },
    /// Staff of an authority: `portal staff create --authority … --email … --role admin`.
    Staff {
        #[command(subcommand)]
        command: StaffCommand,
    },
    /// Time password hashing on this machine (capacity planning: logins/s ≈ cores ÷ time).
    HashTiming {
        #[arg(long, default_value_t = 20)]
        rounds: u32,
    },
    /// Fill one account's mailbox with cases and time the mailbox queries (benchmark).
    BenchMailbox {
        /// The account that gets the cases (it must exist).
        #[arg(long)]
        email: String,
        #[arg(long, default_value_t = 10_000)]
        cases: usize,
        #[arg(long, default_value_t = 50)]
        rounds: usize,
    },
}

#[derive(Subcommand)]
enum AuthorityCommand {
    /// Create an authority (nothing happens if the slug exists already).
    Create {
        /// Short name for URLs and commands, e.g. `stadt-musterstadt`.
        #[arg(long)]
        slug: String,
        /// The name citizens see, e.g. `Stadt Musterstadt – Bürgeramt`.
        #[arg(long)]
        name: String,
    },
}

#[derive(Subcommand)]
enum StaffCommand {
    /// Create a staff account; the person gets an invitation mail with a link to set the
    /// password (also printed here). A second factor is set up at the first login.
    Create {
        /// The authority's slug.
        #[arg(long)]
        authority: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        first_name: String,
        #[arg(long)]
        last_name: String,
        /// `admin` (authority admin) or `caseworker`.
        #[arg(long, default_value = "admin")]
        role: String,
    },
}

fn main() -> anyhow::Result<()> {
    // Server rendering walks deeply nested view types; unoptimised (debug) builds need more
    // than tokio's default 2 MiB of stack per worker for the larger pages.
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(8 * 1024 * 1024)
        .build()?
        .block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let _ = dotenvy::dotenv();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("PORTAL_LOG")
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("portal: {e}");
            std::process::exit(2);
        }
    };
    match Cli::parse()
        .command
        .unwrap_or(Command::Serve { demo: false })
    {
        Command::Migrate => {
            server::connect(&config).await?;
            tracing::info!("database is up to date");
        }
        Command::SeedDemo => {
            let state = server::build_state(config).await?;
            app::catalogue::demo::seed(&state.db)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            app::authorities::demo::seed(&state)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            tracing::info!("demo data loaded");
        }
        Command::Cleanup => {
            let state = server::build_state(config).await?;
            app::jobs::run_once(&state)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
        }
        Command::BenchMailbox {
            email,
            cases,
            rounds,
        } => {
            let db = server::connect(&config).await?;
            let started = std::time::Instant::now();
            let account = server::bench::seed(&db, &email, cases).await?;
            println!(
                "seeded {cases} cases with 2 messages each in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            server::bench::measure(&db, account, rounds).await?;
            server::bench::measure_postkorb(&db, rounds).await?;
        }
        Command::Authority {
            command: AuthorityCommand::Create { slug, name },
        } => {
            let db = server::connect(&config).await?;
            let a = app::authorities::staff::create_authority(&db, &slug, &name)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("Behörde {} ({})", a.name, a.slug);
        }
        Command::Staff {
            command:
                StaffCommand::Create {
                    authority,
                    email,
                    first_name,
                    last_name,
                    role,
                },
        } => {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            let Some(role) = app::authorities::types::StaffRole::parse(&role) else {
                eprintln!("portal: --role must be admin or caseworker");
                std::process::exit(2);
            };
            let state = server::build_state(config).await?;
            let Some(a) = app::entities::authority::Entity::find()
                .filter(app::entities::authority::Column::Slug.eq(authority.clone()))
                .one(&state.db)
                .await?
            else {
                eprintln!(
                    "portal: no authority with the slug {authority} (portal authority create)"
                );
                std::process::exit(2);
            };
            let new = app::authorities::staff::NewStaff {
                authority_id: a.id,
                email: &email,
                first_name: &first_name,
                last_name: &last_name,
                role,
            };
            match app::authorities::staff::create(&state, None, new).await {
                Ok((_, link)) => {
                    // The mail waits in the outbox; send it now rather than leaving it to a server.
                    let transport = app::mail::transport::Transport::from_config(&state.config)
                        .expect("the mail set-up was checked in build_state");
                    if let Err(e) =
                        app::mail::outbox::send_due(&state.db, &transport, &state.config.mail_from)
                            .await
                    {
                        eprintln!(
                            "portal: the invitation mail stays in the outbox for the server to send ({e})"
                        );
                    }
                    println!(
                        "{} angelegt ({}). Einladungslink (7 Tage gültig):\n{link}",
                        email,
                        role.label()
                    );
                }
                Err(app::error::AppError::Validation(f)) => {
                    for e in f.errors {
                        eprintln!("portal: {}: {}", e.field, e.message);
                    }
                    std::process::exit(2);
                }
                Err(e) => return Err(anyhow::anyhow!("{e}")),
            }
        }
        Command::HashTiming { rounds } => {
            let hasher = app::hashing::PasswordHasher::new();
            let pw = app::secret::Secret::new("Grundsteuer#7".into());
            let hash = hasher.hash(&pw).await.map_err(|e| anyhow::anyhow!("{e}"))?;
            let started = std::time::Instant::now();
            for _ in 0..rounds {
                hasher
                    .verify(&pw, Some(hash.clone()))
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            }
            let ms = started.elapsed().as_secs_f64() * 1000.0 / f64::from(rounds);
            let cores = std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1);
            println!(
                "argon2id verify: {ms:.1} ms; bound for {cores} cores: {:.1} logins/s",
                cores as f64 * 1000.0 / ms
            );
        }
        Command::Serve { demo } => {
            let addr = config.site_addr;
            let state = server::build_state(config).await?;
            if demo {
                app::catalogue::demo::seed(&state.db)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                app::authorities::demo::seed(&state)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            }
            let listener = tokio::net::TcpListener::bind(addr).await?;
            tracing::info!("Serviceportal läuft auf {}", state.config.base_url);
            server::serve(state, listener, shutdown_signal()).await?;
        }
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
