// Shared by the benchmark scripts: wrk runs and the server's resident memory.
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
