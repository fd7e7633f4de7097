// A local SMTP capture that speaks TLS, for the mail tests (issue 11, item 16): either TLS
// from the first byte (--mode tls, like port 465) or STARTTLS (--mode starttls). Each mail
// received is written to --dir as <n>.eml. Prints "listening <port>" once it accepts.
//
//   node scripts/tls-smtp-capture.mjs --mode starttls --cert c.pem --key k.pem --dir out
import { SMTPServer } from 'smtp-server';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    mode: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    dir: { type: 'string' },
  },
});
if (!['tls', 'starttls'].includes(values.mode) || !values.cert || !values.key || !values.dir) {
  console.error('usage: --mode tls|starttls --cert FILE --key FILE --dir DIR');
  process.exit(2);
}

let received = 0;
const server = new SMTPServer({
  secure: values.mode === 'tls',
  cert: readFileSync(values.cert),
  key: readFileSync(values.key),
  authOptional: true,
  logger: false,
  // A mail before STARTTLS would be a mail in the clear: refuse it.
  onMailFrom(_address, session, callback) {
    if (!session.secure) return callback(new Error('Must issue a STARTTLS command first'));
    callback();
  },
  onData(stream, _session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      received += 1;
      writeFileSync(join(values.dir, `${received}.eml`), Buffer.concat(chunks));
      callback();
    });
  },
});
// A client that refuses our certificate (the test's first attempt) ends its connection with an
// alert; that is the client's business, not a reason to stop.
server.on('error', (e) => console.error(`capture: ${e.code ?? e.message}`));
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.server.address().port}`));
