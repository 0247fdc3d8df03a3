// Mirroring benchmarks: a large repository (50,000 commits, 500 tags,
// 300 authors, made with `git fast-import`) served by `git daemon` on
// loopback, first sync and no-change re-sync by Allmende next to
// `git clone --mirror` / `git fetch` plus the `git log`, `git shortlog` and
// `git tag` that read the same figures; then 1,000 small repositories synced
// and re-synced unchanged through the queue by the built-in worker.
//
//   ALLMENDE_BIN=target/release/allmende ALLMENDE_TEST_DATABASE_URL=… node e2e/bench/mirror.mjs
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, cpSync } from 'node:fs';
import path from 'node:path';
import { startServer, freePort } from '../support/server.mjs';

const BIN = process.env.ALLMENDE_BIN;
const COMMITS = Number(process.env.BENCH_COMMITS ?? 50_000);
const TAGS_EVERY = Math.max(1, Math.floor(COMMITS / 500));
const REPOS = Number(process.env.BENCH_REPOS ?? 1000);
const root = '/tmp/allmende-bench-git';
rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });

function fastImport(repo, write) {
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', repo]);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', repo, 'fast-import', '--quiet'], { stdio: ['pipe', 'ignore', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`fast-import ${code}`))));
    write((chunk) => child.stdin.write(chunk));
    child.stdin.end();
  });
}

function commits(count, emit, authors = 300) {
  const start = Math.floor(Date.now() / 1000) - count * 1800;
  for (let i = 0; i < count; i++) {
    const a = (i * 7919) % authors;
    const t = start + i * 1800;
    const msg = `change ${i}`;
    const file = `src/m${i % 40}/f${i % 200}.rs`;
    const content = `// ${i}\npub fn f${i}() {}\n`;
    let out = `commit refs/heads/main\nmark :${i + 1}\nauthor Person ${a} <p${a}@example.org> ${t} +0100\ncommitter Person ${a} <p${a}@example.org> ${t} +0100\ndata ${msg.length}\n${msg}\n`;
    out += `M 100644 inline ${file}\ndata ${Buffer.byteLength(content)}\n${content}\n`;
    if ((i + 1) % TAGS_EVERY === 0) {
      const n = (i + 1) / TAGS_EVERY;
      out += i % 2 ? `tag v${Math.floor(n / 100)}.${Math.floor(n / 10) % 10}.${n % 10}\nfrom :${i + 1}\ntagger Rel <rel@example.org> ${t} +0000\ndata 7\nrelease\n` : `reset refs/tags/r${n}\nfrom :${i + 1}\n\n`;
    }
    emit(out);
  }
}

function timed(fn) {
  const started = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...opts });

console.log(`generating ${COMMITS} commits …`);
const large = path.join(root, 'large.git');
await fastImport(large, (emit) => commits(COMMITS, emit));
execFileSync('git', ['-C', large, 'gc', '--quiet']);
const port = await freePort();
const daemon = spawn('git', ['daemon', '--reuseaddr', '--export-all', '--listen=127.0.0.1', `--port=${port}`, `--base-path=${root}`, root], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const url = `git://127.0.0.1:${port}/large.git`;

const mirrorDir = '/tmp/allmende-bench-mirror/large.git';
rmSync('/tmp/allmende-bench-mirror', { recursive: true, force: true });
mkdirSync('/tmp/allmende-bench-mirror');
const first = timed(() => JSON.parse(sh(BIN, ['mirror-once', url, '--dir', mirrorDir])));
const again = timed(() => JSON.parse(sh(BIN, ['mirror-once', url, '--dir', mirrorDir])));

const gitDir = '/tmp/allmende-bench-gitcli/large.git';
rmSync('/tmp/allmende-bench-gitcli', { recursive: true, force: true });
const readFigures = () => {
  const count = sh('git', ['-C', gitDir, 'rev-list', '--count', 'HEAD']).trim();
  const log = sh('git', ['-C', gitDir, 'log', '--format=%H %an %ae %at %ct', 'HEAD']).split('\n').length - 1;
  const people = sh('git', ['-C', gitDir, 'shortlog', '-sne', 'HEAD']).split('\n').length - 1;
  const tags = sh('git', ['-C', gitDir, 'tag', '-l']).split('\n').length - 1;
  return { count, log, people, tags };
};
const gitFirst = timed(() => {
  sh('git', ['clone', '--quiet', '--mirror', url, gitDir]);
  return readFigures();
});
const gitAgain = timed(() => {
  sh('git', ['-C', gitDir, 'fetch', '--quiet', '--prune']);
  return readFigures();
});

console.log(JSON.stringify({ first, again, gitFirst, gitAgain }, null, 1));

// 1,000 small repositories through the queue.
console.log(`creating ${REPOS} repositories …`);
const template = path.join(root, 'small-template.git');
await fastImport(template, (emit) => commits(20, emit, 3));
for (let i = 0; i < REPOS; i++) cpSync(template, path.join(root, `small-${i}.git`), { recursive: true });
const server = await startServer('bench_mirror', {
  env: {
    ALLMENDE_MIRROR_SCHEMES: 'git',
    ALLMENDE_MIRROR_ALLOW_HOSTS: '127.0.0.1',
    ALLMENDE_INLINE_WORKER: 'true',
    ALLMENDE_WORKER_CONCURRENCY: '4',
    ALLMENDE_MIRROR_HOST_CONCURRENCY: '4',
    ALLMENDE_DB_MAX_CONNECTIONS: '12',
    ALLMENDE_MIRROR_DIR: '/tmp/allmende-bench-mirrors',
  },
});
rmSync('/tmp/allmende-bench-mirrors', { recursive: true, force: true });
const psql = (sql) => sh('psql', ['-qAt', server.databaseUrl, '-c', sql]).trim();
psql(`INSERT INTO repositories (organisation_id, url, url_key, host, webhook_secret, next_sync_at)
      SELECT (SELECT id FROM organisations WHERE slug = 'kiel'), 'git://127.0.0.1:${port}/small-' || i || '.git',
             '127.0.0.1:${port}/small-' || i, '127.0.0.1', md5(i::text), now() + interval '1 day'
      FROM generate_series(0, ${REPOS - 1}) AS i`);
async function drain(reason) {
  const started = Date.now();
  // A done job keeps no payload: this round's jobs are those after `before`.
  const before = Number(psql(`SELECT coalesce(max(id), 0) FROM jobs`));
  psql(`INSERT INTO jobs (kind, payload, max_attempts, unique_key, lane)
        SELECT 'sync_repository', jsonb_build_object('repository_id', id, 'reason', '${reason}'), 5, 'sync:' || id, host
        FROM repositories WHERE url LIKE '%/small-%'
        ON CONFLICT (unique_key) WHERE state = 'queued' DO NOTHING; NOTIFY allmende_jobs`);
  for (;;) {
    const open = Number(psql(`SELECT count(*) FROM jobs WHERE kind = 'sync_repository' AND state IN ('queued', 'running')`));
    if (open === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (Date.now() - started) / 1000;
  const outcomes = psql(`SELECT outcome || '=' || count(*) FROM jobs WHERE kind = 'sync_repository' AND id > ${before} GROUP BY outcome`);
  return { seconds, perSecond: (REPOS / seconds).toFixed(1), outcomes: outcomes.split('\n').join(', ') };
}
const queueFirst = await drain('manual');
const queueAgain = await drain('scheduled');
console.log(JSON.stringify({ queueFirst, queueAgain }, null, 1));
await server.stop();
daemon.kill();
