#!/usr/bin/env bash
# Builds the portal (release) and serves it at http://127.0.0.1:3000 on SQLite with demo
# data. Without SMTP_URL, mails land as .eml files in .data/outbox and their links are logged.
. "$(dirname "$0")/lib.sh"
bash scripts/setup.sh
. "$CACHE/toolchain.env"
bash scripts/build.sh release
say "Serviceportal: http://127.0.0.1:3000  (stop with Ctrl+C)"
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
# A development machine: the links of mails in the outbox folder are logged too.
[ -n "${SMTP_URL:-}" ] || export PORTAL_LOG_MAIL_LINKS="${PORTAL_LOG_MAIL_LINKS:-true}"
exec "$CARGO_TARGET_DIR/release/portal" serve --demo
