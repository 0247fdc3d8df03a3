// Catalog search at scale (release build), reported in docs/benchmarks.md:
// 100,000 generated entries, a full-text search with three facets through
// the API and through the catalog page, sequentially and under concurrent
// load (wrk), next to the time PostgreSQL itself spends on the same queries
// (from its statement log, `log_min_duration_statement = 0`).
//
// Run with `make bench` (BENCH_ENTRIES overrides the 100,000).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { freshDatabase, startServer } from '../support/server.mjs';
import { wrk } from './tools.mjs';

const bin = process.env.ALLMENDE_BIN;
const entries = Number(process.env.BENCH_ENTRIES ?? 100_000);
const pgLog = process.env.ALLMENDE_TEST_PG_LOG ?? '/tmp/allmende-test-postgres/postgres.log';
const databaseUrl = freshDatabase('bench_catalog');
const env = { ...process.env, DATABASE_URL: databaseUrl, ALLMENDE_LOG: 'warn' };
const psql = (sql) => execFileSync('psql', [databaseUrl, '-qAt', '-c', sql], { encoding: 'utf8' }).trim();

execFileSync(bin, ['migrate', 'up'], { env, stdio: 'ignore' });
execFileSync(bin, ['seed'], { env, stdio: 'ignore' });
const generated = execFileSync(bin, ['catalog', 'generate', '--count', String(entries)], { env, encoding: 'utf8' });
const total = psql('SELECT count(*) FROM software WHERE active');

// "Anträge" is in about one description in eight; three facets narrow it.
const api = '/api/v1/software?q=Antr%C3%A4ge&developmentStatus=stable&license=EUPL-1.2&category=document-management';
const page = '/software?q=Antr%C3%A4ge&status=stable&lizenz=EUPL-1.2&kategorie=document-management';

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (x) => `${x.toFixed(1)} ms`;

async function sequential(baseUrl, path, n) {
  const times = [];
  let hits;
  for (let i = 0; i < n; i++) {
    const started = process.hrtime.bigint();
    const response = await fetch(`${baseUrl}${path}`, { headers: { 'accept-encoding': 'br, gzip' } });
    const body = await response.text();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    if (path.startsWith('/api')) hits = JSON.parse(body).total;
  }
  return { times: times.sort((a, b) => a - b), hits };
}

const luaPath = '/tmp/allmende-bench-percentiles.lua';
writeFileSync(
  luaPath,
  'done = function(summary, latency, requests)\n' +
    '  io.write(string.format("P50 %.2f\\nP95 %.2f\\nP99 %.2f\\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))\n' +
    'end\n',
);

async function load(baseUrl, path) {
  const report = await wrk(`${baseUrl}${path}`, { connections: 16, seconds: 20, script: luaPath });
  return {
    rps: /Requests\/sec:\s+([\d.]+)/.exec(report)[1],
    p50: /^P50 (\S+)/m.exec(report)[1],
    p95: /^P95 (\S+)/m.exec(report)[1],
    p99: /^P99 (\S+)/m.exec(report)[1],
    non2xx: /Non-2xx or 3xx responses:\s+(\d+)/.exec(report)?.[1] ?? '0',
  };
}

// 1. PostgreSQL's own time: every statement logged with its duration.
let pgFigures = null;
if (existsSync(pgLog)) {
  const database = new URL(databaseUrl).pathname.slice(1);
  psql(`ALTER DATABASE ${database} SET log_min_duration_statement = 0`);
  const server = await startServer('bench_catalog', { databaseUrl });
  try {
    await sequential(server.baseUrl, api, 10); // warm the caches and prepared statements
    const offset = statSync(pgLog).size;
    await sequential(server.baseUrl, api, 100);
    const log = readFileSync(pgLog, 'utf8').slice(offset);
    // Each request runs the scan (matching set, page keys, facet counts),
    // then reads the page's summaries by id: pair them up in order.
    const durations = [...log.matchAll(/duration: ([\d.]+) ms\s+execute [^:]+: (.*)/g)]
      .filter((m) => m[2].includes('FROM software s'))
      .map((m) => ({ ms: Number(m[1]), scan: m[2].startsWith('WITH m AS') }));
    const scans = durations.filter((d) => d.scan).map((d) => d.ms);
    const pages = durations.filter((d) => !d.scan).map((d) => d.ms);
    const sums = scans.map((ms, i) => ms + (pages[i] ?? 0)).sort((a, b) => a - b);
    pgFigures = { scans: [...scans].sort((a, b) => a - b), pages: [...pages].sort((a, b) => a - b), sums };
  } finally {
    await server.stop();
    psql(`ALTER DATABASE ${database} RESET log_min_duration_statement`);
  }
}

// 2. Through the server: sequential, then concurrent.
const server = await startServer('bench_catalog', { databaseUrl });
try {
  await sequential(server.baseUrl, api, 10);
  const apiSeq = await sequential(server.baseUrl, api, 100);
  const pageSeq = await sequential(server.baseUrl, page, 100);
  const apiLoad = await load(server.baseUrl, api);
  const pageLoad = await load(server.baseUrl, page);

  console.log(`## Catalog search at ${Number(total).toLocaleString('en')} active entries\n`);
  console.log(`Generated with \`allmende catalog generate\`: ${generated.trim()}.`);
  console.log(`Query: full text \`Anträge\` + development status \`stable\` + licence \`EUPL-1.2\` + category \`document-management\`: ${apiSeq.hits} hits; every facet counted.\n`);
  console.log('| path | measure | median | p95 |\n|---|---|---:|---:|');
  if (pgFigures) {
    const { scans, pages, sums } = pgFigures;
    console.log(`| PostgreSQL alone (statement log, 100 runs) | scan: total, page, facets | ${ms(percentile(scans, 50))} | ${ms(percentile(scans, 95))} |`);
    console.log(`| | page summaries by id | ${ms(percentile(pages, 50))} | ${ms(percentile(pages, 95))} |`);
    console.log(`| | both | ${ms(percentile(sums, 50))} | ${ms(percentile(sums, 95))} |`);
  }
  console.log(`| API, sequential (100 requests) | latency | ${ms(percentile(apiSeq.times, 50))} | ${ms(percentile(apiSeq.times, 95))} |`);
  console.log(`| catalog page, sequential (100 requests) | latency | ${ms(percentile(pageSeq.times, 50))} | ${ms(percentile(pageSeq.times, 95))} |`);
  console.log('\n| under load (wrk -t2 -c16 -d20s) | requests/s | p50 | p95 | p99 | non-2xx |\n|---|---:|---:|---:|---:|---:|');
  console.log(`| API | ${apiLoad.rps} | ${apiLoad.p50} ms | ${apiLoad.p95} ms | ${apiLoad.p99} ms | ${apiLoad.non2xx} |`);
  console.log(`| catalog page | ${pageLoad.rps} | ${pageLoad.p50} ms | ${pageLoad.p95} ms | ${pageLoad.p99} ms | ${pageLoad.non2xx} |`);
  console.log(`\n${new Date().toISOString().slice(0, 10)}`);
} finally {
  await server.stop();
}
