// Git mirroring end to end: a publisher registers a repository served by a
// real `git daemon` on loopback, sees the sync run and the catalog entry
// appear with its activity chart and health panel, and a push announced by
// a signed webhook shows on the page within seconds; with JavaScript on and
// off. The operator's queue page and the seeded demo repositories pass axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, freePort } from './support/server.mjs';
import { launchBrowser, openContext, assertPageAccessible } from './support/browser.mjs';
import { submit } from './support/forms.mjs';

const EXAMPLE = readFileSync(new URL('../app/src/catalog/publiccode/testdata/valid.yml', import.meta.url), 'utf8');
const root = mkdtempSync(path.join(tmpdir(), 'allmende-e2e-git-'));
const suite = { server: null, browser: null, daemon: null, port: 0 };

before(async () => {
  suite.port = await freePort();
  suite.daemon = spawn('git', ['daemon', '--reuseaddr', '--export-all', '--listen=127.0.0.1', `--port=${suite.port}`, `--base-path=${root}`, root], {
    stdio: 'ignore',
  });
  const dataDir = path.join('/tmp', 'allmende-e2e-mirror');
  suite.server = await startServer('mirror', {
    env: {
      ALLMENDE_MIRROR_SCHEMES: 'https,git,file',
      ALLMENDE_MIRROR_ALLOW_HOSTS: '127.0.0.1',
      ALLMENDE_MIRROR_LOCAL_ROOTS: path.join(dataDir, 'demo-repositories'),
      ALLMENDE_INLINE_WORKER: 'true',
      ALLMENDE_DATA_DIR: dataDir,
    },
  });
  suite.browser = await launchBrowser();
});

after(async () => {
  await suite.browser?.close();
  await suite.server?.stop();
  suite.daemon?.kill();
  rmSync(root, { recursive: true, force: true });
});

const DAY = 86_400;

/** A fast-import stream: `count` commits on main, the first with the files. */
function history(count, { continues = false, start, files = {} }) {
  let out = '';
  for (let i = 0; i < count; i++) {
    const time = start + i * 3 * DAY;
    const message = `Schritt ${i}`;
    out += `commit refs/heads/main\nauthor Pia Petersen <pia@kiel.example> ${time} +0100\ncommitter Pia Petersen <pia@kiel.example> ${time} +0100\n`;
    out += `data ${Buffer.byteLength(message)}\n${message}\n`;
    if (i === 0 && continues) out += 'from refs/heads/main^0\n';
    const all = i === 0 ? { ...files, 'src/a.rs': `// ${i}\n` } : { 'src/a.rs': `// ${i} ${time}\n` };
    for (const [name, content] of Object.entries(all)) {
      out += `M 100644 inline ${name}\ndata ${Buffer.byteLength(content)}\n${content}\n`;
    }
  }
  return out;
}

function fastImport(repo, stream) {
  execFileSync('git', ['-C', repo, 'fast-import', '--quiet'], { input: stream });
}

function createRepository(name) {
  const repo = path.join(root, `${name}.git`);
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', repo]);
  const url = `git://127.0.0.1:${suite.port}/${name}.git`;
  const publiccode = EXAMPLE.replace('https://opencode.de/kiel/bauantrag-online.git', url)
    .replace('name: Bauantrag Online', `name: Deichpflege ${name}`)
    .replace('localisedName: Bauantrag Online', `localisedName: Deichpflege ${name}`);
  const now = Math.floor(Date.now() / 1000);
  const logo = '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96"><rect width="96" height="96" fill="#1d4f91"/></svg>\n';
  fastImport(
    repo,
    history(12, {
      start: now - 40 * DAY,
      files: { 'publiccode.yml': publiccode, 'README.md': `# Deichpflege\n\nPflege der Deiche in ${name}.\n\n![Logo](img/logo.svg)\n`, 'img/logo.svg': logo, 'img/antrag.png': 'a screenshot' },
    }),
  );
  return { repo, url, now };
}

async function signIn(page, email, password) {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await submit(page, 'Anmelden');
}

/** Reloads `path` until `check(text)` holds (a sync runs in the background). */
async function waitFor(page, pathname, check, seconds) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    await page.goto(pathname);
    const text = await page.locator('main').innerText();
    if (check(text)) return text;
    if (Date.now() > deadline) assert.fail(`${pathname}: not there within ${seconds} s:\n${text}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

for (const javaScript of [true, false]) {
  const mode = `JavaScript ${javaScript ? 'on' : 'off'}`;
  const name = javaScript ? 'husum' : 'bredstedt';

  test(`a publisher registers a repository, sees it synced, and a signed webhook updates it (${mode})`, async () => {
    const { repo, url, now } = createRepository(name);
    const s = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale: 'de', javaScript });
    const page = await s.context.newPage();
    await signIn(page, 'pia.petersen@kiel.example', 'Kiel-Publiziert-2026');
    await page.goto('/verwaltungen/kiel/repositorien');
    await assertPageAccessible(s, page, `/verwaltungen/kiel/repositorien (${mode})`);

    // A refused address first: the form says what is wrong and keeps the input.
    await page.getByLabel('Adresse des Repositorys').fill('https://169.254.169.254/latest');
    await submit(page, 'Registrieren');
    assert.match(await page.locator('main').innerText(), /Metadaten-Dienst/);
    assert.equal(await page.getByLabel('Adresse des Repositorys').inputValue(), 'https://169.254.169.254/latest');
    await assertPageAccessible(s, page, `registration refused (${mode})`);

    await page.getByLabel('Adresse des Repositorys').fill(url);
    await submit(page, 'Registrieren');
    assert.match(await page.locator('body').innerText(), /Das Repository ist registriert/);
    const listed = await waitFor(page, '/verwaltungen/kiel/repositorien', (t) => t.includes(`Deichpflege ${name}`), 30);
    assert.match(listed, new RegExp(`${url.replaceAll('.', '\\.')}\\s+Aktuell`));

    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: `Deichpflege ${name}` }).click()]);
    const entry = page.url();
    const text = await page.locator('main').innerText();
    assert.match(text, /Aktivität der letzten 52 Wochen/);
    assert.match(text, /12 Commits in den letzten 52 Wochen/);
    assert.match(text, /Vitalitätsindex/);
    assert.match(text, /Bus-Faktor/);
    assert.equal(await page.locator('.commit-count').innerText(), '12');
    assert.equal(await page.locator('figure.activity-chart svg[role="img"] rect.activity-chart__bar').count(), 52);
    // The relative logo of publiccode.yml and the README's image come from the mirror.
    const logoSrc = await page.locator('img.software-head__logo').getAttribute('src');
    assert.match(logoSrc, /^\/repositorien\/[0-9a-f-]+\/roh\/img\/logo\.svg$/);
    assert.equal(await page.locator('.readme__body img').getAttribute('src'), logoSrc);
    const image = await fetch(new URL(logoSrc, suite.server.baseUrl));
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/svg+xml');
    assert.match(image.headers.get('content-security-policy'), /sandbox/);
    await assertPageAccessible(s, page, `software page with repository (${mode})`);

    // A push, then the forge's signed webhook.
    fastImport(repo, history(2, { continues: true, start: now - 3600 }));
    const hook = (await page.locator('.webhook-url').textContent()).trim();
    const secret = (await page.locator('.webhook-secret').textContent()).trim();
    const body = JSON.stringify({ ref: 'refs/heads/main' });
    const bad = await fetch(hook, { method: 'POST', body, headers: { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': 'sha256=00' } });
    assert.equal(bad.status, 401);
    const pushed = Date.now();
    const signature = createHmac('sha256', secret).update(body).digest('hex');
    const good = await fetch(hook, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': `sha256=${signature}` },
    });
    assert.equal(good.status, 202);
    await waitFor(page, new URL(entry).pathname, (t) => /Commits\s+14/.test(t), 10);
    const seconds = (Date.now() - pushed) / 1000;
    assert.ok(seconds < 10, `updated after ${seconds} s`);
    assert.deepEqual(s.problems, [], s.problems.join('\n'));
    await s.context.close();
  });
}

test('the demo repositories show charts and the operator sees the queue', async () => {
  const s = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale: 'de', javaScript: true });
  const page = await s.context.newPage();
  // The seed's repositories are synced by the built-in worker.
  const text = await waitFor(page, '/software/bauantrag-online', (t) => t.includes('Aktivität der letzten 52 Wochen'), 60);
  assert.match(text, /Vitalitätsindex/);
  await assertPageAccessible(s, page, '/software/bauantrag-online with its demo repository');
  await signIn(page, 'admin@allmende.example', 'Allmende-Admin-2026');
  await page.goto('/admin/synchronisation');
  assert.match(await page.locator('main').innerText(), /Erledigt in der letzten Stunde/);
  await assertPageAccessible(s, page, '/admin/synchronisation');
  for (const locale of ['en']) {
    const e = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale, javaScript: false });
    const p = await e.context.newPage();
    await p.goto('/software/bauantrag-online');
    assert.match(await p.locator('main').innerText(), /Activity over the last 52 weeks/);
    await assertPageAccessible(e, p, `/software/bauantrag-online (${locale})`);
    await e.context.close();
  }
  assert.deepEqual(s.problems, [], s.problems.join('\n'));
  await s.context.close();
});
