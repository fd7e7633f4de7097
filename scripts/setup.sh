#!/usr/bin/env bash
# Installs everything the build and the tests need, idempotently. Called by run.sh and
# test.sh; safe to run again at any time.
. "$(dirname "$0")/lib.sh"

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO=sudo; fi

apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    echo "Please install: ${missing[*]} (no apt-get here)" >&2; return 1
  fi
  say "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

# --- 1. A Rust toolchain that can build wasm32-unknown-unknown ----------------------------
has_wasm_target() {
  [ -d "$(rustc --print sysroot 2>/dev/null)/lib/rustlib/wasm32-unknown-unknown/lib" ]
}
: > "$CACHE/toolchain.env.new"
unset RUSTUP_TOOLCHAIN
if [ -z "${SERVICEPORTAL_FORCE_DEBIAN_RUST:-}" ] && { has_wasm_target || { command -v rustup >/dev/null && rustup target add wasm32-unknown-unknown >/dev/null 2>&1; }; }; then
  say "Rust: using the default toolchain ($(rustc --version))"
else
  say "Rust: no wasm32 target for the rustup toolchain; using Debian's rustc-web"
  apt_install rustc-web cargo-web rust-web-src lld-22 rust-web-clippy rustfmt-web
  stamp="$CACHE/wasm32-std.stamp"
  want="$(/usr/bin/rustc -vV | sed -n 's/^commit-hash: //p')"
  libdir=/usr/lib/rustlib/wasm32-unknown-unknown/lib
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || [ -z "$(ls "$libdir" 2>/dev/null)" ]; then
    say "Building the wasm32 standard library once for Debian's rustc (about a minute)"
    tmp="$(mktemp -d)"
    mkdir -p "$tmp/src"
    printf '[package]\nname = "stdbuild"\nversion = "0.0.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n[workspace]\n' > "$tmp/Cargo.toml"
    echo '#[unsafe(no_mangle)] pub extern "C" fn f() -> u32 { 1 }' > "$tmp/src/lib.rs"
    (cd "$tmp" && env -u CARGO_TARGET_DIR RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 RUSTFLAGS=-Cembed-bitcode=yes \
      /usr/bin/cargo build -q --release --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort)
    $SUDO mkdir -p "$libdir"
    $SUDO cp "$tmp"/target/wasm32-unknown-unknown/release/deps/*.rlib "$libdir/"
    echo "$want" > "$stamp"
    rm -rf "$tmp"
  fi
  if command -v rustup >/dev/null; then
    rustup toolchain list | grep -q '^debian' || rustup toolchain link debian /usr
    echo "export RUSTUP_TOOLCHAIN=debian" > "$CACHE/toolchain.env.new"
  else
    echo "export PATH=/usr/bin:\$PATH" > "$CACHE/toolchain.env.new"
  fi
fi
mv "$CACHE/toolchain.env.new" "$CACHE/toolchain.env"
. "$CACHE/toolchain.env"

# --- 2. System packages for the browser tests ----------------------------------------------
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null; then
  apt_install chromium
fi

# --- 3. wasm-bindgen CLI, exactly the version in Cargo.lock --------------------------------
[ -f Cargo.lock ] || cargo generate-lockfile -q
wbv="$(wasm_bindgen_version)"
wbdir="$CACHE/tools/wasm-bindgen-$wbv"
if [ ! -x "$wbdir/bin/wasm-bindgen" ]; then
  say "Installing wasm-bindgen-cli $wbv (once, a few minutes)"
  # No --locked: the registry mirror here lacks one of its locked transitive versions.
  env -u CARGO_TARGET_DIR cargo install -q wasm-bindgen-cli --version "$wbv" --root "$wbdir"
fi

# --- 4. npm packages: KERN UX styles, binaryen's wasm-opt, Playwright, axe, maildev --------
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "Setup complete"
