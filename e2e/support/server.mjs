// Starts the real `allmende serve` for a test file, on a fresh database of the
// test PostgreSQL server and a free loopback port, and stops it afterwards.
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests with \`make test\``);
  return value;
}

/** A fresh, empty database on the test PostgreSQL server; returns its URL. */
export function freshDatabase(name) {
  const bin = required('ALLMENDE_BIN');
  const admin = required('ALLMENDE_TEST_DATABASE_URL');
  return execFileSync(bin, ['embedded-db', 'fresh', '--admin-url', admin, '--name', `allmende_e2e_${name}`], {
    encoding: 'utf8',
  }).trim();
}

/**
 * `options.port` and `options.env` let a test bring its identity provider and
 * mail server; `options.databaseUrl` serves an existing database (benchmarks).
 */
export async function startServer(name, options = {}) {
  const bin = required('ALLMENDE_BIN');
  const databaseUrl = options.databaseUrl ?? freshDatabase(name);
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(bin, ['serve'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: path.join(root, 'target', 'site'),
      ALLMENDE_SEED_DEMO: 'true',
      ALLMENDE_LOG: 'warn',
      ALLMENDE_LOCAL_ACCOUNTS: 'true',
      ALLMENDE_DATA_DIR: path.join('/tmp', `allmende-e2e-${name}`),
      ...(options.env ?? {}),
    },
    // The demo credentials the server prints are not test output.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = null;
  child.on('exit', (code) => (exited = code));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) throw new Error(`allmende serve exited with ${exited}`);
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('allmende serve did not become ready within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    databaseUrl,
    pid: child.pid,
    async stop() {
      if (exited !== null) return;
      const done = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await done;
    },
  };
}
