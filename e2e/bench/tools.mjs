// Shared by the benchmark scripts: wrk runs, the server's resident memory,
// timed requests one after another and at once, percentiles, signing in.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

/** wrk with two threads; `headers` are sent with every request. */
export function wrk(url, { connections, seconds, headers = [], script }) {
  return new Promise((resolve, reject) => {
    const scriptArgs = script ? ['-s', script] : [];
    const child = spawn('wrk', ['-t2', `-c${connections}`, `-d${seconds}s`, '--latency', ...scriptArgs, '-H', 'Accept-Encoding: br, gzip', ...headers.flatMap((h) => ['-H', h]), url]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited ${code}`))));
  });
}

/** Requests per second and the p50 / p99 latencies from a wrk report. */
export function wrkFigures(report) {
  return {
    rps: /Requests\/sec:\s+([\d.]+)/.exec(report)?.[1],
    p50: /^\s+50%\s+(\S+)/m.exec(report)?.[1],
    p99: /^\s+99%\s+(\S+)/m.exec(report)?.[1],
    non2xx: /Non-2xx or 3xx responses:\s+(\d+)/.exec(report)?.[1] ?? '0',
  };
}

export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
export const ms = (x) => `${x.toFixed(1)} ms`;

/** `n` requests one after the other; their times in ms, sorted. */
export async function sequential(baseUrl, path, n, cookie = '') {
  const times = [];
  for (let i = 0; i < n; i++) {
    const started = process.hrtime.bigint();
    const response = await fetch(`${baseUrl}${path}`, { headers: { 'accept-encoding': 'br, gzip', cookie } });
    await response.text();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
  }
  return times.sort((a, b) => a - b);
}

/** `clients` concurrent loops of `each` requests; every request's time. */
export async function concurrent(baseUrl, path, clients, each, cookie) {
  const runs = await Promise.all(Array.from({ length: clients }, () => sequential(baseUrl, path, each, cookie)));
  return runs.flat().sort((a, b) => a - b);
}

/** The session cookie of a demo person, signed in through the form. */
export async function login(baseUrl, email, password) {
  const response = await fetch(`${baseUrl}/anmelden`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: baseUrl, 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, zurueck: '/' }),
  });
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (response.status !== 303 || !cookie) throw new Error(`login ${email}: ${response.status}`);
  return cookie;
}
