// Working groups at scale (release build), reported in docs/benchmarks.md:
// the seed, 1,000 generated groups with 10 threads each and, spread over
// them, BENCH_POSTS posts (1,000,000 unless overridden), written by SQL, plus
// one thread of 1,000 posts in a group a demo person belongs to. Measured:
// pages of that thread (first, middle, last) and the directory under
// concurrent load, anonymous and signed in (a signed-in reader's visit also
// writes their reading state); and posting: replies sent by 8 clients at
// once into the one thread, every one through the form, its transaction, the
// thread's row lock, the notification of the answered post's author.
//
// Run with `make bench`, or alone: ALLMENDE_BIN=... ALLMENDE_TEST_DATABASE_URL=... node e2e/bench/groups.mjs
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { freshDatabase, startServer } from '../support/server.mjs';
import { concurrent, login, ms, percentile, sequential } from './tools.mjs';

const bin = process.env.ALLMENDE_BIN;
const posts = Number(process.env.BENCH_POSTS ?? 1_000_000);
const groups = 1_000;
const threadsPerGroup = 10;
const databaseUrl = freshDatabase('bench_groups');
const env = { ...process.env, DATABASE_URL: databaseUrl, ALLMENDE_LOG: 'warn' };
const psql = (sql) => execFileSync('psql', [databaseUrl, '-qAt', '-c', sql], { encoding: 'utf8' }).trim();

execFileSync(bin, ['migrate', 'up'], { env, stdio: 'ignore' });
execFileSync(bin, ['seed'], { env, stdio: 'ignore' });

const perThread = Math.max(1, Math.floor(posts / (groups * threadsPerGroup)));
const script = '/tmp/allmende-bench-groups.sql';
writeFileSync(
  script,
  `
CREATE TEMP TABLE authors AS SELECT id, row_number() OVER (ORDER BY id) AS n FROM users;
INSERT INTO working_groups (slug, name, summary, description_md, description_html, visibility, joining, topics, threads_started, last_activity_at)
  SELECT 'bench-gruppe-' || g, 'Bench-Gruppe ' || g, 'Eine erzeugte Arbeitsgruppe Nummer ' || g, '', '',
         CASE WHEN g % 5 = 0 THEN 'members' ELSE 'public' END, 'open',
         ARRAY[(ARRAY['ai', 'open_source', 'ozg', 'cloud'])[1 + g % 4]], ${threadsPerGroup}, now() - g * interval '1 minute'
  FROM generate_series(1, ${groups}) g;
INSERT INTO group_members (group_id, user_id, role)
  SELECT g.id, a.id, CASE WHEN a.n = 1 THEN 'chair' ELSE 'member' END
  FROM working_groups g CROSS JOIN authors a WHERE g.slug LIKE 'bench-gruppe-%' AND a.n <= 3;
INSERT INTO group_threads (group_id, number, title, author_id, post_count, last_post_at)
  SELECT g.id, t, 'Thema ' || t || ' der ' || g.name, (SELECT id FROM authors WHERE n = 1), ${perThread}, now() - t * interval '1 hour'
  FROM working_groups g, generate_series(1, ${threadsPerGroup}) t WHERE g.slug LIKE 'bench-gruppe-%';
INSERT INTO group_posts (thread_id, number, author_id, reply_to, body_md, body_html, created_at)
  SELECT t.id, p, (SELECT id FROM authors WHERE n = 1 + p % 3), CASE WHEN p > 1 THEN p - 1 END,
         'Beitrag ' || p || ' mit etwas **Text**, wie ihn Menschen schreiben.',
         '<p>Beitrag ' || p || ' mit etwas <strong>Text</strong>, wie ihn Menschen schreiben.</p>' || chr(10),
         now() - (${perThread} - p) * interval '1 minute'
  FROM group_threads t JOIN working_groups g ON g.id = t.group_id, generate_series(1, ${perThread}) p
  WHERE g.slug LIKE 'bench-gruppe-%';
-- The long thread: 1,000 posts in the demo's KI group (Kiel's owner moderates it).
INSERT INTO group_threads (group_id, number, title, author_id, post_count, last_post_at)
  SELECT id, threads_started + 1, 'Ein Thema mit 1.000 Beiträgen', (SELECT id FROM users WHERE email = 'olaf.ohlsen@kiel.example'), 1000, now()
  FROM working_groups WHERE slug = 'ki-in-der-verwaltung';
UPDATE working_groups SET threads_started = threads_started + 1 WHERE slug = 'ki-in-der-verwaltung';
INSERT INTO group_posts (thread_id, number, author_id, reply_to, body_md, body_html, created_at)
  SELECT t.id, p, (SELECT id FROM authors WHERE n = 1 + p % 3), CASE WHEN p % 3 = 0 THEN p - 2 END,
         'Beitrag ' || p || ': eine Antwort mit *Markdown* und einem [Link](https://www.schleswig-holstein.de).',
         '<p>Beitrag ' || p || ': eine Antwort mit <em>Markdown</em> und einem <a href="https://www.schleswig-holstein.de" rel="nofollow noopener noreferrer">Link</a>.</p>' || chr(10),
         now() - (1000 - p) * interval '1 minute'
  FROM group_threads t JOIN working_groups g ON g.id = t.group_id, generate_series(1, 1000) p
  WHERE g.slug = 'ki-in-der-verwaltung' AND t.title = 'Ein Thema mit 1.000 Beiträgen';
ANALYZE;
`,
);
execFileSync('psql', [databaseUrl, '-q', '-v', 'ON_ERROR_STOP=1', '-f', script], { stdio: 'ignore' });
const totalGroups = psql('SELECT count(*) FROM working_groups');
const totalPosts = psql('SELECT count(*) FROM group_posts');
const thread = psql("SELECT t.number FROM group_threads t JOIN working_groups g ON g.id = t.group_id WHERE g.slug = 'ki-in-der-verwaltung' AND t.post_count = 1000");
const threadPath = `/arbeitsgruppen/ki-in-der-verwaltung/themen/${thread}`;

/** `clients` loops posting replies for `seconds`; the replies' latencies and the rate. */
async function posting(baseUrl, cookie, clients, seconds) {
  const until = Date.now() + seconds * 1000;
  const times = [];
  let n = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (Date.now() < until) {
        const t = process.hrtime.bigint();
        const response = await fetch(`${baseUrl}${threadPath}/antworten`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, origin: baseUrl, 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ reply_to: '1', body: `Antwort ${c}-${n++} aus dem Benchmark mit **Markdown**.` }),
        });
        await response.text();
        if (response.status !== 303 || !response.headers.get('location')?.includes('#beitrag-')) {
          throw new Error(`reply: ${response.status} ${response.headers.get('location')}`);
        }
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { times: times.sort((a, b) => a - b), rate: times.length / elapsed };
}

const server = await startServer('bench_groups', { databaseUrl });
try {
  const member = await login(server.baseUrl, 'pia.petersen@kiel.example', 'Kiel-Publiziert-2026');
  console.log(`## Working groups at ${Number(totalGroups).toLocaleString('en')} groups and ${Number(totalPosts).toLocaleString('en')} posts\n`);
  console.log(`1,000 generated groups (every fifth members-only) with ${threadsPerGroup} threads of ${perThread} posts each, and one thread of 1,000 posts; release build. Under load: 8 clients at once, 25 requests each (200 per row), after 10 sequential to warm up.\n`);
  console.log('| page | reader | median | p95 |\n|---|---|---:|---:|');
  const pages = [
    ['thread of 1,000 posts, page 1', threadPath],
    ['thread of 1,000 posts, page 25', `${threadPath}?seite=25`],
    ['thread of 1,000 posts, page 50 (the last)', `${threadPath}?seite=50`],
    ['the group with the thread', '/arbeitsgruppen/ki-in-der-verwaltung'],
    ['the directory', '/arbeitsgruppen'],
    ['the directory, words', '/arbeitsgruppen?q=Gruppe%20500'],
  ];
  for (const [label, path] of pages) {
    for (const [reader, cookie] of [['anonymous', ''], ['member', member]]) {
      await sequential(server.baseUrl, path, 10, cookie);
      const times = await concurrent(server.baseUrl, path, 8, 25, cookie);
      console.log(`| ${label} | ${reader} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} |`);
    }
  }
  const { times, rate } = await posting(server.baseUrl, member, 8, 10);
  console.log(`\n### Posting\n\n8 clients replying into the thread of 1,000 posts for 10 s, each reply a form post through its transaction (the thread's row lock, the post, the group's activity, a notification for the answered post's author):\n`);
  console.log(`| replies | per second | median | p95 |\n|---:|---:|---:|---:|\n| ${times.length} | ${rate.toFixed(1)} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} |`);
  const dense = psql(`SELECT count(*) = max(p.number) FROM group_posts p JOIN group_threads t ON t.id = p.thread_id JOIN working_groups g ON g.id = t.group_id WHERE g.slug = 'ki-in-der-verwaltung' AND t.number = ${thread}`);
  console.log(`\nNumbers after the run still dense (1 to n, no gap, no duplicate): ${dense === 't' ? 'yes' : 'NO'}.`);
  console.log(`\n${new Date().toISOString().slice(0, 10)}`);
} finally {
  await server.stop();
}
