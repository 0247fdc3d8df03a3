// Benchmarks of the page shell (release build), reported in docs/benchmarks.md:
//  1. first-load weight of the home page and of the one page with an island
//     (the publiccode.yml editor, which loads the wasm), compressed, by type;
//  2. the server's resident memory at idle and under concurrent page requests (wrk).
//
// Run with `make bench` (it builds the release and starts the test database).
import { execFileSync } from 'node:child_process';
import { startServer } from '../support/server.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { rssMb, wrk, wrkFigures } from './tools.mjs';

const KB = (bytes) => (bytes / 1000).toFixed(1);

async function pageWeight(baseUrl, path) {
  const browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const requests = new Map();
  cdp.on('Network.responseReceived', (e) => requests.set(e.requestId, { url: e.response.url, type: e.type, bytes: 0 }));
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  // The release build must start its wasm cleanly, not only be small.
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The editor's page answers 401 to an anonymous reader; that is no error.
  page.on('console', (m) => m.type() === 'error' && !/status of 401/.test(m.text()) && errors.push(m.text()));
  await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
  await browser.close();
  if (errors.length) throw new Error(`the release page reported errors:\n${errors.join('\n')}`);
  const byKind = {};
  for (const r of requests.values()) {
    const path = new URL(r.url).pathname;
    const kind = path.endsWith('.wasm') ? 'wasm' : path.endsWith('.js') ? 'JS' : path.endsWith('.css') ? 'CSS'
      : path.endsWith('.woff2') ? 'fonts' : r.type === 'Document' ? 'HTML' : 'other';
    byKind[kind] = (byKind[kind] || 0) + r.bytes;
  }
  return { requests: [...requests.values()], byKind, total: Object.values(byKind).reduce((a, b) => a + b, 0) };
}

const server = await startServer('bench');
try {
  for (const [label, path] of [['the home page', '/'], ['the publish page (editor island, wasm)', '/software/veroeffentlichen']]) {
    const weight = await pageWeight(server.baseUrl, path);
    console.log(`## First load of ${label} (release build, compressed transfer)\n`);
    console.log('| part | KB |\n|---|---:|');
    for (const [kind, bytes] of Object.entries(weight.byKind).sort()) console.log(`| ${kind} | ${KB(bytes)} |`);
    console.log(`| **total** | **${KB(weight.total)}** |\n`);
    for (const r of weight.requests) {
      if (!r.url.startsWith('data:')) console.log(`- ${new URL(r.url).pathname}: ${KB(r.bytes)} KB`);
    }
    console.log('');
  }

  await new Promise((r) => setTimeout(r, 2000));
  const idle = rssMb(server.pid);
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid))), 100);
  const report = await wrk(`${server.baseUrl}/`, { connections: 32, seconds: 20 });
  clearInterval(sampler);
  const after = rssMb(server.pid);
  console.log('\n## Resident memory and throughput (home page, wrk -t2 -c32 -d20s)\n');
  console.log(`| measure | value |\n|---|---:|`);
  console.log(`| RSS at idle | ${idle.toFixed(1)} MB |`);
  console.log(`| RSS peak under load | ${peak.toFixed(1)} MB |`);
  console.log(`| RSS after load | ${after.toFixed(1)} MB |`);
  const { rps, p50, p99 } = wrkFigures(report);
  console.log(`| requests per second | ${rps} |`);
  console.log(`| latency p50 / p99 | ${p50} / ${p99} |`);
  console.log('\n```\n' + report.trim() + '\n```');
  console.log(`\nMachine: ${execFileSync('nproc').toString().trim()} cores; ${new Date().toISOString().slice(0, 10)}`);
} finally {
  await server.stop();
}
