//! `portal bench-mailbox`: fills one account's mailbox with realistic cases and times the
//! mailbox queries as the page runs them (a benchmark, not a test). Works on whatever
//! database `DATABASE_URL` names, so the same command measures SQLite and PostgreSQL.

use std::time::Instant;

use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use app::access::{AccountId, Actor};
use app::cases::types::{CaseFilter, Sort};
use app::entities::{account, case, message, service};

const WORDS: &[&str] = &[
    "Parkausweis",
    "Hundesteuer",
    "Meldebescheinigung",
    "Rückfrage",
    "Unterlagen",
    "Nachweis",
    "Termin",
    "Bescheid",
];

/// Adds `count` cases (each with two messages, some unread) to the account of `email`.
pub async fn seed(db: &DatabaseConnection, email: &str, count: usize) -> anyhow::Result<AccountId> {
    let account = match account::Entity::find()
        .filter(account::Column::Email.eq(email))
        .one(db)
        .await?
    {
        Some(a) => a,
        // A bare account (it cannot log in) for measuring on a database without a server.
        None => bare_account(db, email, "none").await?,
    };
    let services = service::Entity::find().all(db).await?;
    anyhow::ensure!(
        !services.is_empty(),
        "no services: run with --demo data first"
    );
    let now = app::clock::now();
    for chunk in (0..count).collect::<Vec<_>>().chunks(500) {
        let rows: Vec<case::ActiveModel> = chunk
            .iter()
            .map(|&i| {
                let s = &services[i % services.len()];
                let word = WORDS[i % WORDS.len()];
                // One case in a hundred mentions a rare word, for a selective search.
                let rare = if i % 100 == 7 { " Sondernutzung" } else { "" };
                let text = format!("{} {} Sehr geehrte Damen und Herren, zu Ihrem Antrag benötigen wir {word}.{rare}", s.name, i);
                case::ActiveModel {
                    number: Set(format!("VG-2026-{:04}-{:04}", i / 10_000, i % 10_000)),
                    account_id: Set(account.id),
                    service_id: Set(s.id),
                    service_name: Set(s.name.clone()),
                    form_version: Set(s.form_version),
                    title: Set(s.name.clone()),
                    status: Set(app::cases::types::CaseStatus::ALL[i % 5].as_str().to_owned()),
                    answers: Set("[]".into()),
                    search_text: Set(app::kernel::search::fold(&text)),
                    unread_count: Set(i32::from(i % 20 == 0)),
                    created_at: Set(now - (count - i) as i64 * 3600),
                    last_activity_at: Set(now - (count - i) as i64 * 3600 + 60),
                    trashed_at: Set(None),
                    ..Default::default()
                }
            })
            .collect();
        case::Entity::insert_many(rows).exec(db).await?;
    }
    let ids: Vec<i64> = case::Entity::find()
        .filter(case::Column::AccountId.eq(account.id))
        .all(db)
        .await?
        .iter()
        .map(|c| c.id)
        .collect();
    for chunk in ids.chunks(500) {
        let rows: Vec<message::ActiveModel> = chunk
            .iter()
            .flat_map(|&id| {
                [true, false].map(|mine| message::ActiveModel {
                    case_id: Set(id),
                    from_applicant: Set(mine),
                    author: Set(if mine {
                        "Erika Mustermann".into()
                    } else {
                        "Bürgeramt".into()
                    }),
                    body: Set(
                        "Sehr geehrte Damen und Herren, anbei die gewünschten Unterlagen.".into(),
                    ),
                    created_at: Set(now),
                    read_at: Set(Some(now)),
                    ..Default::default()
                })
            })
            .collect();
        message::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(AccountId::of(&account))
}

/// An account that cannot log in (no password), for the benchmark to act as.
async fn bare_account(
    db: &DatabaseConnection,
    email: &str,
    second_factor: &str,
) -> anyhow::Result<account::Model> {
    Ok(account::ActiveModel {
        public_id: Set(app::token::random_hex(16)),
        email: Set(email.to_owned()),
        password_hash: Set(String::new()),
        first_name: Set("Bench".into()),
        last_name: Set("Mark".into()),
        status: Set("active".into()),
        trust_level: Set(app::kernel::trust::TrustLevel::Low),
        created_at: Set(app::clock::now()),
        second_factor: Set(second_factor.into()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

fn app_error(e: app::error::AppError) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}

/// Times each mailbox query `rounds` times and prints p50/p95.
pub async fn measure(
    db: &DatabaseConnection,
    account_id: AccountId,
    rounds: usize,
) -> anyhow::Result<()> {
    // The queries run as the account would, through the access layer's case policy.
    let me = Actor::of_account(db, account_id)
        .await
        .map_err(app_error)?
        .citizen()
        .map_err(app_error)?;
    let total = app::cases::ssr::count_for(db, &me).await?;
    println!("mailbox of one account with {total} cases ({rounds} rounds each):");
    let base = CaseFilter::default();
    let page_10 = {
        let mut f = base.clone();
        for _ in 0..9 {
            let l = app::cases::ssr::list(db, &me, &f, 30, 730)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            f.after = l.next.unwrap_or_default();
        }
        f
    };
    let cases: Vec<(&str, CaseFilter)> = vec![
        ("first page, newest first", base.clone()),
        ("page 10 (keyset)", page_10),
        (
            "unread only",
            CaseFilter {
                unread_only: true,
                ..base.clone()
            },
        ),
        (
            "sorted by service",
            CaseFilter {
                sort: Sort::Service,
                ..base.clone()
            },
        ),
        (
            "search, common word",
            CaseFilter {
                q: "Unterlagen".into(),
                ..base.clone()
            },
        ),
        (
            "search, rare word (1 %)",
            CaseFilter {
                q: "sondernutzung".into(),
                ..base.clone()
            },
        ),
        (
            "search, no match",
            CaseFilter {
                q: "Wohngeld".into(),
                ..base.clone()
            },
        ),
        (
            "status + date range",
            CaseFilter {
                status: "question".into(),
                from: "01.01.2020".into(),
                to: "31.12.2030".into(),
                ..base.clone()
            },
        ),
    ];
    for (name, filter) in cases {
        let mut times = Vec::with_capacity(rounds);
        let mut rows = 0;
        for _ in 0..rounds {
            let t = Instant::now();
            let l = app::cases::ssr::list(db, &me, &filter, 30, 730)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            rows = l.items.len();
        }
        times.sort_by(f64::total_cmp);
        let p = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
        println!(
            "  {name:<28} p50 {:>7.2} ms   p95 {:>7.2} ms   ({rows} rows on the page)",
            p(0.5),
            p(0.95)
        );
    }
    let mut times = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        app::cases::ssr::unread_total(db, &me)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "  {:<28} p50 {:>7.2} ms   p95 {:>7.2} ms",
        "header unread count",
        times[times.len() / 2],
        times[times.len() * 95 / 100]
    );
    Ok(())
}

/// Times the Postkorb of an admin of the first service's authority (who sees all cases of
/// its services: thousands of the cases seeded above), as the page runs the query.
pub async fn measure_postkorb(db: &DatabaseConnection, rounds: usize) -> anyhow::Result<()> {
    use app::casework::types::{InboxFilter, InboxView};
    use app::entities::staff;
    let first = service::Entity::find()
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no services"))?;
    let own: Vec<i64> = service::Entity::find()
        .filter(service::Column::AuthorityId.eq(first.authority_id))
        .all(db)
        .await?
        .iter()
        .map(|s| s.id)
        .collect();
    let visible = case::Entity::find()
        .filter(case::Column::ServiceId.is_in(own))
        .all(db)
        .await?
        .len();
    // An admin of that authority (with a second factor, as staff must have) to act as.
    let email = format!("bench-admin-{}@example.invalid", app::token::random_hex(4));
    let admin = bare_account(db, &email, "totp").await?;
    staff::ActiveModel {
        account_id: Set(admin.id),
        authority_id: Set(first.authority_id),
        role: Set("admin".into()),
        active: Set(true),
        created_at: Set(app::clock::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let st = Actor::of_account(db, AccountId::of(&admin))
        .await
        .map_err(app_error)?
        .staff()
        .map_err(app_error)?;
    println!("Postkorb of an authority admin who sees {visible} cases ({rounds} rounds each):");
    let base = InboxFilter {
        view: InboxView::All,
        ..Default::default()
    };
    let cases: Vec<(&str, InboxFilter)> = vec![
        ("all, newest first", base.clone()),
        (
            "unassigned",
            InboxFilter {
                view: InboxView::Unassigned,
                ..base.clone()
            },
        ),
        (
            "new input only",
            InboxFilter {
                awaiting_only: true,
                ..base.clone()
            },
        ),
        (
            "overdue only",
            InboxFilter {
                overdue_only: true,
                ..base.clone()
            },
        ),
        (
            "search, rare word (1 %)",
            InboxFilter {
                q: "sondernutzung".into(),
                ..base.clone()
            },
        ),
        (
            "sorted by status",
            InboxFilter {
                sort: Sort::Status,
                ..base.clone()
            },
        ),
    ];
    for (name, filter) in cases {
        let mut times = Vec::with_capacity(rounds);
        let mut rows = 0;
        for _ in 0..rounds {
            let t = Instant::now();
            let l = app::casework::ssr::list(db, &st, &filter)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            rows = l.items.len();
        }
        times.sort_by(f64::total_cmp);
        let p = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
        println!(
            "  {name:<28} p50 {:>7.2} ms   p95 {:>7.2} ms   ({rows} rows on the page)",
            p(0.5),
            p(0.95)
        );
    }
    Ok(())
}
