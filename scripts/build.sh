#!/usr/bin/env bash
# Builds the site: the WASM client (wasm-bindgen + wasm-opt, precompressed), the styles, and
# the `portal` server binary. Usage: build.sh [debug|release]   (default: debug)
. "$(dirname "$0")/lib.sh"
profile="${1:-debug}"

say "Building the WASM client (profile wasm-release)"
cargo build -q -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
site="$LEPTOS_SITE_ROOT"
rm -rf "$site/pkg"
mkdir -p "$site/pkg" "$site/kern" "$site/style"
wasm-bindgen --target web --no-typescript --out-dir "$site/pkg" --out-name portal \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/frontend.wasm"
# leptos asks for /pkg/portal.wasm when LEPTOS_OUTPUT_NAME is set at compile time.
mv "$site/pkg/portal_bg.wasm" "$site/pkg/portal.wasm"
sed -i 's/portal_bg\.wasm/portal.wasm/g' "$site/pkg/portal.js"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  "$site/pkg/portal.wasm" -o "$site/pkg/portal.wasm"
node -e '
  const fs = require("fs"), zlib = require("zlib");
  for (const f of fs.readdirSync(process.argv[1])) {
    const p = process.argv[1] + "/" + f;
    if (!/\.(js|wasm)$/.test(f)) continue;
    const raw = fs.readFileSync(p);
    fs.writeFileSync(p + ".br", zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
    fs.writeFileSync(p + ".gz", zlib.gzipSync(raw, { level: 9 }));
  }' "$site/pkg"

say "Copying styles (KERN UX from npm, no CDN)"
cp node_modules/@kern-ux/native/dist/kern.min.css "$site/kern/"
rm -rf "$site/kern/fonts" && cp -r node_modules/@kern-ux/native/dist/fonts "$site/kern/fonts"
cp style/*.css "$site/style/"
# The styles go out precompressed too (brotli 11, gzip 9); the fonts are woff2, compressed already.
node -e '
  const fs = require("fs"), zlib = require("zlib"), path = require("path");
  for (const dir of process.argv.slice(1)) for (const f of fs.readdirSync(dir)) {
    if (!f.endsWith(".css")) continue;
    const p = path.join(dir, f), raw = fs.readFileSync(p);
    fs.writeFileSync(p + ".br", zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
    fs.writeFileSync(p + ".gz", zlib.gzipSync(raw, { level: 9 }));
  }' "$site/kern" "$site/kern/fonts" "$site/style"

say "Building the server ($profile)"
if [ "$profile" = release ]; then
  cargo build -q -p server --release
else
  cargo build -q -p server
fi
