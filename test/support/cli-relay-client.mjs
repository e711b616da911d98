// The `checkout-doctor` of cli-relay.ts: `node cli-relay-client.mjs <relay url> <args…>` asks the
// test process to run the CLI's program with these arguments, this folder and this environment,
// prints what it wrote on stdout and stderr, and exits with its code. Plain JavaScript, node: modules
// only: it starts as a bare Node process.
import { request } from 'node:http';

const [url, ...args] = process.argv.slice(2);
const body = JSON.stringify({ args, cwd: process.cwd(), env: process.env });
const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
  let data = '';
  res.setEncoding('utf8');
  res.on('data', (d) => (data += d));
  res.on('end', () => {
    const { code, stdout, stderr } = JSON.parse(data);
    process.stdout.write(stdout);
    process.stderr.write(stderr);
    // Set, not exit(): the writes above are flushed before the process ends.
    process.exitCode = code ?? 1;
  });
});
req.on('error', (error) => {
  process.stderr.write(`cli-relay: the test process did not answer (${error.message})\n`);
  process.exitCode = 70;
});
req.end(body);
