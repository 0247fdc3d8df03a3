// Database statements per request of a signed-in reader (docs/benchmarks.md):
// static assets, which are answered before the session and viewer layers,
// against a request that passes through them (an asset path that names no
// file, which goes on to the app's 404 page, as every asset once did) and a
// page. Counted by the server itself (`db_statements_total` in /metrics).
//
// Run with `make bench` (or `node e2e/bench/assets.mjs` with ALLMENDE_BIN).
import { startServer } from '../support/server.mjs';

const server = await startServer('bench_assets');
const origin = server.baseUrl;
const N = 50;

async function statements() {
  const text = await (await fetch(`${origin}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('db_statements_total'))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

try {
  const login = await fetch(`${origin}/anmelden`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'email=olaf.ohlsen%40kiel.example&password=Kiel-Eigentum-2026&zurueck=%2Fkonto',
  });
  if (login.headers.get('location') !== '/konto') throw new Error('login failed');
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const rows = [];
  for (const [label, path] of [
    ['stylesheet (/pkg/allmende.css)', '/pkg/allmende.css'],
    ['font (/fonts/fira-sans-400.woff2)', '/fonts/fira-sans-400.woff2'],
    ['asset path without a file (through session and viewer)', '/pkg/no-such-file.css'],
    ['home page', '/'],
  ]) {
    const before = await statements();
    for (let i = 0; i < N; i++) {
      const response = await fetch(`${origin}${path}`, { headers: { cookie } });
      await response.arrayBuffer();
    }
    // The /metrics request itself costs nothing: it reads the pool only.
    const after = await statements();
    rows.push([label, (after - before) / N]);
  }
  console.log(`## Database statements per request, signed in (${N} requests each)\n`);
  console.log('| request | statements |\n|---|---:|');
  for (const [label, per] of rows) console.log(`| ${label} | ${per.toFixed(1)} |`);
  console.log(`\nMachine: 2 cores; ${new Date().toISOString().slice(0, 10)}`);
} finally {
  await server.stop();
}
