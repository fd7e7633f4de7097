# Shared by the scripts in this folder: where caches live and which toolchain builds.
# Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# Tools that outlive a clone (wasm-bindgen CLI, the wasm32 std stamp) live here.
CACHE="${SERVICEPORTAL_CACHE:-$HOME/.cache/serviceportal}"
mkdir -p "$CACHE"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
# The scripts build once per run: incremental caches would only cost disk (several GB; a CI
# run once failed with a full disk). Export CARGO_INCREMENTAL=1 to keep them.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
# The page asks for /pkg/$LEPTOS_OUTPUT_NAME.{js,wasm}; it must be the same at compile
# time (leptos reads it then) and at run time.
export LEPTOS_OUTPUT_NAME=portal
export LEPTOS_SITE_ROOT="$CARGO_TARGET_DIR/site"
export LEPTOS_SITE_PKG_DIR=pkg
export PATH="$ROOT/node_modules/.bin:$PATH"

say() { printf '\033[1;34m==> %s\033[0m\n' "$*"; }

# A toolchain env file written by setup.sh: empty on a rustup machine with the wasm32
# target, RUSTUP_TOOLCHAIN=debian where only Debian's rustc-web can build wasm.
if [ -f "$CACHE/toolchain.env" ]; then
  # shellcheck disable=SC1091
  . "$CACHE/toolchain.env"
fi

wasm_bindgen_version() {
  grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p'
}
export PATH="$CACHE/tools/wasm-bindgen-$(wasm_bindgen_version 2>/dev/null || echo none)/bin:$PATH"
