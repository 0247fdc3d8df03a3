// Reuse agreements at scale (release build), reported in docs/benchmarks.md:
// the seed, 5,000 generated catalog entries, 10,000 administrations spread
// over the 16 Länder and 50,000 agreements in every state (one provider and
// one reuser each), written by SQL. Measured: the list of agreements (all,
// filtered by status and Land, a deep page), an agreement's page and a
// software page with its agreements in force, 100 sequential requests each;
// and the reports (the graph between the Länder, Schleswig-Holstein's
// report, one administration's) under concurrent load, anonymous and as a
// site administrator (who sees every agreement's costs: one operation
// block per agreement in force), with the query plans.
//
// Run with `make bench` (BENCH_AGREEMENTS overrides the 50,000).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { freshDatabase, startServer } from '../support/server.mjs';
import { concurrent, login, ms, percentile, sequential } from './tools.mjs';

const bin = process.env.ALLMENDE_BIN;
const agreements = Number(process.env.BENCH_AGREEMENTS ?? 50_000);
const organisations = 10_000;
const databaseUrl = freshDatabase('bench_reuse');
const env = { ...process.env, DATABASE_URL: databaseUrl, ALLMENDE_LOG: 'warn' };
const psql = (sql) => execFileSync('psql', [databaseUrl, '-qAt', '-c', sql], { encoding: 'utf8' }).trim();

execFileSync(bin, ['migrate', 'up'], { env, stdio: 'ignore' });
execFileSync(bin, ['seed'], { env, stdio: 'ignore' });
execFileSync(bin, ['catalog', 'generate', '--count', '5000'], { env, stdio: 'ignore' });

const laender = ['DE-BW', 'DE-BY', 'DE-BE', 'DE-BB', 'DE-HB', 'DE-HH', 'DE-HE', 'DE-MV', 'DE-NI', 'DE-NW', 'DE-RP', 'DE-SL', 'DE-SN', 'DE-ST', 'DE-SH', 'DE-TH'];
const kinds = ['fit_store', 'efa_marketplace', 'administrative_agreement', 'cooperation_agreement', 'development_partnership', 'licence_only', 'shared_operation'];
const statuses = ['interest_expressed', 'coordination', 'terms_proposed', 'signed', 'active', 'notice_given', 'ended', 'withdrawn', 'declined'];
const array = (values) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;
const script = '/tmp/allmende-bench-reuse.sql';
writeFileSync(
  script,
  `
INSERT INTO organisations (slug, name_de, kind, land, verified)
  SELECT 'bench-org-' || i, 'Gemeinde Bench ' || i, 'gemeinde', (${array(laender)})[1 + i % 16], true
  FROM generate_series(1, ${organisations}) i;
CREATE TEMP TABLE s AS SELECT id, organisation_id, row_number() OVER (ORDER BY id) AS n FROM software WHERE active;
CREATE TEMP TABLE o AS SELECT id, row_number() OVER (ORDER BY id) AS n FROM organisations WHERE slug LIKE 'bench-org-%';
CREATE TEMP TABLE a AS SELECT gen_random_uuid() AS id, i, 1 + i % (SELECT count(*) FROM s) AS entry FROM generate_series(1, ${agreements}) i;
INSERT INTO reuse_agreements (id, software_id, kind, status, created_at, updated_at)
  SELECT a.id, s.id, (${array(kinds)})[1 + a.i % 7], (${array(statuses)})[1 + a.i % 9],
         now() - a.i * interval '7 minutes', now() - a.i * interval '5 minutes'
  FROM a JOIN s ON s.n = a.entry;
INSERT INTO agreement_parties (agreement_id, organisation_id, role)
  SELECT a.id, s.organisation_id, 'provider' FROM a JOIN s ON s.n = a.entry;
INSERT INTO agreement_parties (agreement_id, organisation_id, role)
  SELECT a.id, o.id, 'reuser' FROM a JOIN o ON o.n = 1 + a.i % ${organisations};
INSERT INTO agreement_history (agreement_id, action, to_status) SELECT a.id, 'open', 'interest_expressed' FROM a;
INSERT INTO agreement_cost_blocks (agreement_id, kind, period, amount_cents, split)
  SELECT id, 'operation', (2025 + i % 3)::text, 1000000 + i, '{"type": "equal_all"}' FROM a
  WHERE (${array(statuses)})[1 + a.i % 9] IN ('signed', 'active', 'notice_given');
ANALYZE;
`,
);
execFileSync('psql', [databaseUrl, '-q', '-v', 'ON_ERROR_STOP=1', '-f', script], { stdio: 'ignore' });
const total = psql('SELECT count(*) FROM reuse_agreements');
const parties = psql('SELECT count(*) FROM agreement_parties');
const oneAgreement = psql("SELECT id FROM reuse_agreements WHERE status = 'active' ORDER BY updated_at DESC LIMIT 1");
const busiest = psql(
  "SELECT s.slug FROM software s JOIN reuse_agreements a ON a.software_id = s.id WHERE a.status IN ('signed', 'active', 'notice_given') GROUP BY s.slug ORDER BY count(*) DESC LIMIT 1",
);
const busiestCount = psql(
  `SELECT count(*) FROM reuse_agreements a JOIN software s ON s.id = a.software_id WHERE s.slug = '${busiest}' AND a.status IN ('signed', 'active', 'notice_given')`,
);

const busiestOrganisation = psql(
  "SELECT o.slug FROM organisations o JOIN agreement_parties p ON p.organisation_id = o.id GROUP BY o.slug ORDER BY count(*) DESC LIMIT 1",
);
const inForceSH = psql(
  "SELECT count(DISTINCT a.id) FROM reuse_agreements a JOIN agreement_parties p ON p.agreement_id = a.id JOIN organisations o ON o.id = p.organisation_id WHERE o.land = 'DE-SH' AND a.status IN ('signed', 'active', 'notice_given')",
);

const paths = [
  ['list of agreements, all', '/nachnutzung'],
  ['list, in force in Schleswig-Holstein', '/nachnutzung?stand=active&land=DE-SH'],
  ['list, kind and Land, page 40', '/nachnutzung?art=fit_store&land=DE-BY&seite=40'],
  ['an agreement', `/nachnutzung/vereinbarungen/${oneAgreement}`],
  [`software page with ${busiestCount} agreements in force`, `/software/${busiest}`],
];

const inForce = "('signed', 'active', 'notice_given')";
const plans = [
  [
    'the graph (one statement over all agreements in force)',
    `SELECT coalesce(po.land, 'DE'), coalesce(ro.land, 'DE'), count(DISTINCT a.id) FROM reuse_agreements a
     JOIN agreement_parties pp ON pp.agreement_id = a.id AND pp.role = 'provider' JOIN organisations po ON po.id = pp.organisation_id
     JOIN agreement_parties rp ON rp.agreement_id = a.id AND rp.role = 'reuser' JOIN organisations ro ON ro.id = rp.organisation_id
     WHERE a.status IN ${inForce} GROUP BY 1, 2 ORDER BY 1, 2`,
  ],
  [
    "Schleswig-Holstein's report (the agreements in force touching it, with their parties)",
    `SELECT a.id, s.slug, s.name, p.organisation_id, o.slug, o.name_de, o.land, p.role, p.publishes_confidential
     FROM reuse_agreements a JOIN software s ON s.id = a.software_id
     JOIN agreement_parties p ON p.agreement_id = a.id JOIN organisations o ON o.id = p.organisation_id
     WHERE a.status IN ${inForce} AND a.id IN (SELECT f.agreement_id FROM agreement_parties f JOIN organisations fo ON fo.id = f.organisation_id WHERE fo.land = 'DE-SH')
     ORDER BY a.id, o.name_de`,
  ],
];

const server = await startServer('bench_reuse', { databaseUrl });
try {
  console.log(`## Reuse agreements at ${Number(total).toLocaleString('en')} agreements\n`);
  console.log(`${organisations.toLocaleString('en')} generated administrations over the 16 Länder, ${Number(parties).toLocaleString('en')} party rows, 5,000 generated catalog entries; release build, 100 sequential requests per path after 10 to warm up.\n`);
  console.log('| page | median | p95 |\n|---|---:|---:|');
  for (const [label, path] of paths) {
    await sequential(server.baseUrl, path, 10);
    const times = await sequential(server.baseUrl, path, 100);
    console.log(`| ${label} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} |`);
  }
  const reports = [
    ['the graph and the table per Land', '/nachnutzung/berichte'],
    [`Schleswig-Holstein's report (${Number(inForceSH).toLocaleString('en')} agreements in force)`, '/nachnutzung/berichte/DE-SH'],
    [`the busiest administration's report`, `/verwaltungen/${busiestOrganisation}/nachnutzung`],
  ];
  const admin = await login(server.baseUrl, 'admin@allmende.example', 'Allmende-Admin-2026');
  console.log('\n### Reports under concurrent load\n');
  console.log('8 clients at once, 25 requests each (200 per row), after 10 sequential to warm up; as a site administrator every agreement\'s costs are computed.\n');
  console.log('| report | reader | median | p95 |\n|---|---|---:|---:|');
  for (const [label, path] of reports) {
    for (const [reader, cookie] of [['anonymous', ''], ['site administrator', admin]]) {
      await sequential(server.baseUrl, path, 10, cookie);
      const times = await concurrent(server.baseUrl, path, 8, 25, cookie);
      console.log(`| ${label} | ${reader} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} |`);
    }
  }
  console.log('\n### Query plans\n');
  for (const [label, sql] of plans) {
    const plan = psql(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql}`);
    console.log(`${label}:\n\n\`\`\`\n${plan}\n\`\`\`\n`);
  }
  console.log(`\n${new Date().toISOString().slice(0, 10)}`);
} finally {
  await server.stop();
}
