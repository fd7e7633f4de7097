// What a first visit of a page transfers, as a browser accepting brotli gets it: the HTML,
// every stylesheet, script and WASM module it names, and the two Fira Sans faces the pages
// use (regular text, bold headings). Bytes on the wire, per file and in all. A benchmark
// (scripts/bench.sh), not a test: Lighthouse measures the full picture.
//
//   node scripts/first-visit.mjs http://127.0.0.1:3000/
import http from 'node:http';
import zlib from 'node:zlib';

const page = new URL(process.argv[2] ?? 'http://127.0.0.1:3000/');

function get(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const wire = Buffer.concat(chunks);
          const enc = res.headers['content-encoding'];
          const body =
            enc === 'br' ? zlib.brotliDecompressSync(wire) : enc === 'gzip' ? zlib.gunzipSync(wire) : wire;
          resolve({ status: res.statusCode, enc: enc ?? 'none', wire: wire.length, body: body.toString('latin1') });
        });
      })
      .on('error', reject);
  });
}

const rows = [];
const html = await get(page);
rows.push([page.pathname, html]);
const assets = [...html.body.matchAll(/(?:href|src)="(\/[^"]+\.(?:css|js|wasm))"/g)].map((m) => m[1]);
for (const path of new Set(assets)) {
  const res = await get(new URL(path, page));
  rows.push([path, res]);
  if (path.endsWith('.css')) {
    for (const face of ['FiraSans-Regular.woff2', 'FiraSans-Bold.woff2']) {
      const m = res.body.match(new RegExp(`url\\("?([^")]*${face})"?\\)`));
      if (m) rows.push([new URL(m[1], new URL(path, page)).pathname, await get(new URL(m[1], new URL(path, page)))]);
    }
  }
}
let total = 0;
for (const [path, res] of rows) {
  total += res.wire;
  console.log(`  ${path.padEnd(40)} ${String(res.wire).padStart(9)} bytes  (${res.enc}, HTTP ${res.status})`);
}
console.log(`  ${'first visit in all'.padEnd(40)} ${String(total).padStart(9)} bytes`);
