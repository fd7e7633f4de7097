#!/usr/bin/env bash
# Benchmarks (not tests): password-hash time and its login bound, login throughput, SSR page
# throughput and p99 latency at 64 connections, the size of the WASM + JS first load and of
# the whole first visit of /.
# Uses the release build (scripts/run.sh or scripts/build.sh release) and wrk.
. "$(dirname "$0")/lib.sh"
. "$CACHE/toolchain.env"
command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo; $sudo apt-get install -y -qq wrk >/dev/null; }
bin="$CARGO_TARGET_DIR/release/portal"
[ -x "$bin" ] || bash scripts/build.sh release
duration="${BENCH_SECONDS:-10}"

say "WASM + JS first load (raw / brotli -q 11)"
for f in "$LEPTOS_SITE_ROOT/pkg/portal.wasm" "$LEPTOS_SITE_ROOT/pkg/portal.js"; do
  printf '  %-12s %8d bytes raw, %8d bytes brotli\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(stat -c %s "$f.br")"
done

say "Password hashing"
"$bin" hash-timing --rounds 20

data="$(mktemp -d)"
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
base="http://127.0.0.1:$port"
PORTAL_DATA_DIR="$data" LEPTOS_SITE_ADDR="127.0.0.1:$port" PORTAL_LOG=warn "$bin" serve --demo &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do node -e "fetch('$base/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" && break; sleep 0.2; done

say "First visit of / (bytes on the wire, brotli accepted)"
node scripts/first-visit.mjs "$base/"

# One active account: register, take the activation link from the .eml outbox, activate.
email="bench@example.de"; pw='Grundsteuer%237'
post() { node -e '
  const [url, body, origin] = process.argv.slice(1);
  fetch(url, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", origin, accept: "application/json" } })
    .then(async r => { if (!r.ok) { console.error(r.status, await r.text()); process.exit(1); } });' "$@"; }
post "$base/api/register" "first_name=Bench&last_name=Mark&email=bench%40example.de&password=$pw&password_repeat=$pw&consent=on" "$base"
for _ in $(seq 1 50); do ls "$data/outbox/"*.eml >/dev/null 2>&1 && break; sleep 0.2; done
token=$(python3 -c 'import quopri,re,sys,glob; t=quopri.decodestring(open(sorted(glob.glob(sys.argv[1]+"/outbox/*.eml"))[0],"rb").read()).decode(); print(re.search(r"token=([A-Za-z0-9_-]+)", t).group(1))' "$data")
post "$base/api/activate_account" "token=$token" "$base"

lua="$(mktemp --suffix=.lua)"
cat > "$lua" <<LUA
wrk.method = "POST"
wrk.body = "email=bench%40example.de&password=$pw"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Origin"] = "$base"
wrk.headers["Accept"] = "application/json"
LUA
say "Login throughput (successful logins, 8 connections, ${duration}s)"
wrk -t2 -c8 -d"${duration}s" --latency -s "$lua" "$base/api/login" | grep -E 'Requests/sec|Non-2xx|99%|50%'
say "SSR login page at 64 connections (${duration}s)"
wrk -t2 -c64 -d"${duration}s" --latency "$base/anmelden" | grep -E 'Requests/sec|Non-2xx|99%|50%'
rm -f "$lua"

say "Mailbox with 10,000 cases for one account: query times (SQLite, the running portal's database)"
PORTAL_DATA_DIR="$data" PORTAL_LOG=warn "$bin" bench-mailbox --email bench@example.de --cases 10000 --rounds 50

say "SSR mailbox page (/postfach, first page of 10,000 cases) at 64 connections (${duration}s)"
cookie=$(node -e '
  const [base, pw] = process.argv.slice(1);
  fetch(base + "/api/login", { method: "POST", redirect: "manual", body: "email=bench%40example.de&password=" + pw,
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base, accept: "application/json" } })
    .then(r => console.log(r.headers.getSetCookie().map(c => c.split(";")[0]).join("; ")));' "$base" "$pw")
wrk -t2 -c64 -d"${duration}s" --latency -H "Cookie: $cookie" "$base/postfach" | grep -E 'Requests/sec|Non-2xx|99%|50%'

pg="${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"
if command -v psql >/dev/null && psql "$pg/postgres" -qAtc 'SELECT 1' >/dev/null 2>&1; then
  say "Mailbox with 10,000 cases for one account: query times (PostgreSQL)"
  db="portal_bench_$$"
  psql "$pg/postgres" -qc "CREATE DATABASE $db" >/dev/null
  DATABASE_URL="$pg/$db" PORTAL_DATA_DIR="$data" PORTAL_LOG=warn "$bin" seed-demo >/dev/null
  DATABASE_URL="$pg/$db" PORTAL_DATA_DIR="$data" PORTAL_LOG=warn "$bin" bench-mailbox --email bench@example.de --cases 10000 --rounds 50
  psql "$pg/postgres" -qc "DROP DATABASE $db" >/dev/null
fi
