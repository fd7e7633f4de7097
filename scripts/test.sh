#!/usr/bin/env bash
# Runs every test: unit and property tests, integration tests over HTTP on SQLite and
# PostgreSQL with a real SMTP capture (maildev), and the Playwright journeys in Chromium.
# Installs what it needs first (scripts/setup.sh). PostgreSQL: TEST_POSTGRES_URL
# (default postgres://postgres@127.0.0.1:5432, a server where we may CREATE DATABASE).
. "$(dirname "$0")/lib.sh"
bash scripts/setup.sh
. "$CACHE/toolchain.env"

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_for() { # url, what
  for _ in $(seq 1 100); do node -e "fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" "$1" && return 0; sleep 0.2; done
  echo "$2 did not start ($1)" >&2; return 1
}

say "Starting maildev (SMTP capture)"
smtp_port=$(free_port); web_port=$(free_port)
maildev --ip 127.0.0.1 --smtp "$smtp_port" --web "$web_port" --silent >/dev/null 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$web_port/api/email" maildev
export TEST_SMTP_URL="smtp://127.0.0.1:$smtp_port" TEST_MAILDEV_URL="http://127.0.0.1:$web_port"
export TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"

if command -v psql >/dev/null; then
  # Databases left by earlier runs (each integration test creates its own).
  psql "$TEST_POSTGRES_URL/postgres" -Atqc "SELECT datname FROM pg_database WHERE datname LIKE 'portal_test_%'" 2>/dev/null |
    while read -r db; do psql "$TEST_POSTGRES_URL/postgres" -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; done
fi

say "Formatting (cargo fmt --check) and lints (clippy -D warnings, server and browser code)"
cargo fmt --all --check
cargo clippy -q -p app --features ssr -p server -p migration --all-targets -- -D warnings
cargo clippy -q -p app --features hydrate -p frontend --target wasm32-unknown-unknown -- -D warnings

say "Unit, property and integration tests (SQLite and PostgreSQL)"
cargo_log="$(mktemp)"
cargo test -p app --features ssr -p server -p migration 2>&1 | grep -vE '^\s+(Compiling|Downloaded|Downloading) ' | tee "$cargo_log"
rc=${PIPESTATUS[0]}
[ "$rc" -eq 0 ] || exit "$rc"

bash scripts/build.sh debug

say "Browser tests (Playwright, Chromium) with and without JavaScript"
e2e_dir="$(mktemp -d)"
mkdir -p "$e2e_dir/main" "$e2e_dir/short" "$e2e_dir/strict"
export E2E_PORT=$(free_port) E2E_DATA_DIR="$e2e_dir/main" E2E_SMTP_URL="$TEST_SMTP_URL" E2E_MAILDEV_URL="$TEST_MAILDEV_URL"
export E2E_PORT_SHORT=$(free_port) E2E_DATA_DIR_SHORT="$e2e_dir/short"
export E2E_PORT_STRICT=$(free_port) E2E_DATA_DIR_STRICT="$e2e_dir/strict"
export E2E_RESULTS="$e2e_dir/results.json"
npx playwright test -c end2end/playwright.config.ts

# One closing line over all suites.
rust=$(grep -oE 'test result: ok\. [0-9]+ passed' "$cargo_log" | awk '{s += $4} END {print s + 0}')
e2e=$(node -e 'const r = require(process.argv[1]); console.log(r.stats.expected, r.stats.unexpected + r.stats.flaky)' "$E2E_RESULTS")
set -- $e2e
echo "Rust tests: $rust passed; browser tests: $1 passed, $2 failed."
echo "$((rust + $1)) passed, $2 failed"
