// Benchmarks of accounts (release build), reported in docs/benchmarks.md:
//  1. a password login, end to end (argon2id dominates it by design);
//  2. failed logins for an existing and an unknown address, before and
//     once throttled: the answers must not tell the two apart, in text or
//     in time;
//  3. a signed-in page (session and actor loaded from PostgreSQL on every
//     request) against the same page for an anonymous reader, with wrk.
//
// Run with `make bench`.
import { startServer } from '../support/server.mjs';
import { wrk, wrkFigures } from './tools.mjs';

const server = await startServer('bench_accounts');
const origin = server.baseUrl;

async function login() {
  const started = process.hrtime.bigint();
  const response = await fetch(`${origin}/anmelden`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'email=olaf.ohlsen%40kiel.example&password=Kiel-Eigentum-2026&zurueck=%2Fkonto',
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (response.headers.get('location') !== '/konto') throw new Error('login failed');
  return { ms, cookie: response.headers.get('set-cookie').split(';')[0] };
}

try {
  // Below the per-address rate limit (30 attempts in 5 minutes) on purpose:
  // the limiter is part of what a real client meets.
  const times = [];
  let cookie;
  for (let i = 0; i < 9; i++) {
    const result = await login();
    times.push(result.ms);
    cookie = result.cookie;
  }
  times.sort((a, b) => a - b);
  const average = times.reduce((a, b) => a + b, 0) / times.length;
  console.log('## Password login (POST /anmelden, 9 sequential logins)\n');
  console.log('| measure | value |\n|---|---:|');
  console.log(`| mean | ${average.toFixed(1)} ms |`);
  console.log(`| fastest / slowest | ${times[0].toFixed(1)} ms / ${times.at(-1).toFixed(1)} ms |`);

  // Failed logins: 5 free failures, the 6th starts the delay, then 3 throttled
  // attempts, for a known and an unknown address (27 attempts with the logins
  // above: below the 30 per address and 5 minutes).
  const attempt = async (email) => {
    const started = process.hrtime.bigint();
    const response = await fetch(`${origin}/anmelden`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=${encodeURIComponent(email)}&password=falsch-falsch-falsch&zurueck=%2Fkonto`,
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const flash = response.headers.get('set-cookie') ? 'flash' : 'none';
    return { ms, status: response.status, location: response.headers.get('location'), flash };
  };
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log('\n## Failed logins, existing versus unknown address\n');
  console.log('| address | wrong password (5, mean) | throttled (3, mean) | answers |\n|---|---:|---:|---|');
  for (const email of ['mira.moeller@im-mv.example', 'niemand@nirgendwo.example']) {
    const free = [];
    for (let i = 0; i < 5; i++) free.push(await attempt(email));
    await attempt(email);
    const throttled = [];
    for (let i = 0; i < 3; i++) throttled.push(await attempt(email));
    const answers = [...new Set([...free, ...throttled].map((a) => `${a.status} ${a.location}`))].join(', ');
    console.log(`| ${email.includes('mira') ? 'existing' : 'unknown'} | ${mean(free.map((a) => a.ms)).toFixed(1)} ms | ${mean(throttled.map((a) => a.ms)).toFixed(1)} ms | ${answers} |`);
  }

  console.log('\n## Signed-in versus anonymous page (wrk -t2 -c16 -d15s)\n');
  console.log('| page | requests/s | p50 | p99 | non-2xx |\n|---|---:|---:|---:|---:|');
  for (const [label, path, headers] of [
    ['/verwaltungen/kiel, anonymous', '/verwaltungen/kiel', []],
    ['/verwaltungen/kiel, signed in', '/verwaltungen/kiel', [`Cookie: ${cookie}`]],
    ['/konto, signed in', '/konto', [`Cookie: ${cookie}`]],
  ]) {
    const f = wrkFigures(await wrk(`${origin}${path}`, { connections: 16, seconds: 15, headers }));
    console.log(`| ${label} | ${f.rps} | ${f.p50} | ${f.p99} | ${f.non2xx} |`);
  }
  console.log(`\n${new Date().toISOString().slice(0, 10)}`);
} finally {
  await server.stop();
}
