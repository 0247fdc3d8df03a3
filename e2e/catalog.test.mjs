// The catalog end to end: a publisher submits an invalid publiccode.yml, sees
// its errors with line numbers, fixes it in the editor (checked live by the
// wasm validator when JavaScript runs), publishes, and finds the software by
// a German word from its description and by an inflected form of it; with
// JavaScript on and off. A CI pipeline publishes with curl and an API token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFile } from 'node:fs/promises';
import { serverAndBrowser } from './support/suite.mjs';
import { openContext, assertPageAccessible } from './support/browser.mjs';
import { submit } from './support/forms.mjs';

const suite = serverAndBrowser('catalog');
const run = promisify(execFile);
const EXAMPLE = await readFile(new URL('../app/src/catalog/publiccode/testdata/valid.yml', import.meta.url), 'utf8');

/** The example file as a new software about dike inspections ("Deichschau"). */
function deichschau(tag) {
  return EXAMPLE.replace('https://opencode.de/kiel/bauantrag-online.git', `https://opencode.de/kiel/deichschau-${tag}.git`)
    .replace('name: Bauantrag Online', `name: Deichschau ${tag}`)
    .replace('localisedName: Bauantrag Online', `localisedName: Deichschau ${tag}`)
    .replace(
      'Digitale Bauanträge für untere Bauaufsichtsbehörden, vom Antrag bis zum Bescheid.',
      'Digitale Deichschauen für Deichverbände – Mängel am Deich erfassen und verfolgen.',
    );
}

async function signIn(page) {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse', { exact: true }).fill('pia.petersen@kiel.example');
  await page.getByLabel('Passwort', { exact: true }).fill('Kiel-Publiziert-2026');
  await submit(page, 'Anmelden');
}

for (const javaScript of [true, false]) {
  const mode = `JavaScript ${javaScript ? 'on' : 'off'}`;
  const tag = javaScript ? 'js' : 'html';

  test(`a publisher fixes an invalid publiccode.yml, publishes it and finds it (${mode})`, async () => {
    const s = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale: 'de', javaScript });
    const page = await s.context.newPage();
    await signIn(page);
    await page.goto('/software/veroeffentlichen');
    await assertPageAccessible(s, page, `/software/veroeffentlichen (${mode})`);

    const valid = deichschau(tag);
    const invalid = valid.replace('developmentStatus: stable', 'developmentStatus: fertig').replace('license: EUPL-1.2', 'license: EUPL');
    const editor = page.getByLabel('publiccode.yml', { exact: true });
    // With JavaScript, the live check appears once the island is hydrated.
    if (javaScript) {
      await page
        .locator('.live-check')
        .waitFor()
        .catch((error) => assert.fail(`the editor did not become live: ${error.message}\n${s.problems.join('\n')}`));
    }
    await editor.fill(invalid);
    if (javaScript) {
      // The same validator, in the browser, as the text changes.
      await page.locator('.live-check').getByText('Live-Prüfung: 2 Fehler, 0 Warnungen').waitFor();
    }
    await submit(page, 'Prüfen und veröffentlichen');
    const result = await page.locator('main').innerText();
    assert.match(result, /Die Datei ist ungültig/);
    assert.match(result, /Zeile 18, Spalte 20 Fehler: developmentStatus: Erlaubt sind: concept, development, beta, stable, obsolete\./);
    assert.match(result, /Zeile 53, Spalte 12 Fehler: legal\.license: Kein gültiger SPDX-Lizenzausdruck/);
    if (javaScript) await assertPageAccessible(s, page, `publish result with errors (${mode})`);

    // The text came back in the editor; fix it there.
    const returned = await editor.inputValue();
    assert.match(returned, /developmentStatus: fertig/);
    await editor.fill(returned.replace('developmentStatus: fertig', 'developmentStatus: stable').replace('license: EUPL\n', 'license: EUPL-1.2\n'));
    if (javaScript) {
      await page.locator('.live-check').getByText('Live-Prüfung: gültig (0 Warnungen)').waitFor();
      assert.ok(await page.getByRole('link', { name: 'Aktuellen Stand als publiccode.yml herunterladen' }).getAttribute('href'));
    }
    await submit(page, 'Prüfen und veröffentlichen');
    assert.match(new URL(page.url()).pathname, new RegExp(`^/software/deichschau-${tag}`));
    const entry = await page.locator('main').innerText();
    assert.match(entry, /Die Software ist veröffentlicht\./);
    assert.match(entry, new RegExp(`Deichschau ${tag}`));
    await assertPageAccessible(s, page, `/software/deichschau-${tag} (${mode})`);

    // Found by a word of its description, and by an inflected form of it.
    for (const word of ['Deichschau', 'Deichschauen', 'Deichverband']) {
      await page.goto('/software');
      await page.getByLabel('Suchbegriff').fill(word);
      await submit(page, 'Suchen');
      const hits = page.locator('.software-card h3 a');
      const names = await hits.allInnerTexts();
      assert.ok(names.includes(`Deichschau ${tag}`), `${word}: ${names.join(', ')}`);
    }
    await assertPageAccessible(s, page, `/software?q=… (${mode})`);

    // A facet narrows the result; the state is the URL.
    await page.getByRole('checkbox', { name: /^Stabil/ }).check();
    await submit(page, 'Filter anwenden');
    assert.match(page.url(), /status=stable/);
    assert.ok((await page.locator('.software-card h3 a').allInnerTexts()).includes(`Deichschau ${tag}`));
    await assertPageAccessible(s, page, `/software with a facet (${mode})`);
    assert.deepEqual(s.problems, [], s.problems.join('\n'));
    await s.context.close();
  });
}

test('the catalog pages pass axe in English and German, signed out', async () => {
  for (const locale of ['de', 'en']) {
    const s = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale, javaScript: true });
    const page = await s.context.newPage();
    for (const path of ['/software', '/software?q=Bauantrag&kategorie=workflow-management', '/software/bauantrag-online', '/software/bauantrag-online-luebeck', '/api', '/verwaltungen/kiel', '/software/gibt-es-nicht']) {
      await page.goto(path);
      await assertPageAccessible(s, page, `${path} (${locale})`);
    }
    const refused = await page.goto('/software/veroeffentlichen');
    assert.equal(refused.status(), 401);
    await assertPageAccessible(s, page, `/software/veroeffentlichen signed out (${locale})`);
    assert.deepEqual(s.problems, [], s.problems.join('\n'));
    await s.context.close();
  }
});

test('a CI pipeline publishes with curl and an API token', async () => {
  const s = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale: 'de', javaScript: false });
  const page = await s.context.newPage();
  await signIn(page);
  await page.goto('/konto');
  await page.getByLabel('Bezeichnung').fill('GitLab-CI Deichschau');
  await page.getByLabel(/Software im Katalog veröffentlichen/).check();
  await submit(page, 'Schlüssel erstellen');
  const token = (await page.locator('#new-token').innerText()).trim();
  await s.context.close();

  const file = deichschau('ci');
  const curl = (...args) => run('curl', ['--silent', '--show-error', '--write-out', '\n%{http_code}', ...args]);
  const publish = () =>
    curl('-X', 'POST', '-H', `Authorization: Bearer ${token}`, '-H', 'Content-Type: application/yaml', '--data-binary', '@-', `${suite.server.baseUrl}/api/v1/software`);
  const withInput = (promise, input) => {
    promise.child.stdin.end(input);
    return promise;
  };
  const created = await withInput(publish(), file);
  const [body, status] = created.stdout.split('\n');
  assert.equal(status, '201', created.stdout);
  assert.equal(JSON.parse(body).outcome, 'created');
  const again = await withInput(publish(), file.replace('2.4.1', '2.5.0'));
  assert.equal(again.stdout.split('\n')[1], '200');
  assert.equal(JSON.parse(again.stdout.split('\n')[0]).outcome, 'updated');
  const found = await fetch(`${suite.server.baseUrl}/api/v1/software?q=Deichschauen`).then((r) => r.json());
  assert.ok(found.items.some((i) => i.name === 'Deichschau ci'), JSON.stringify(found.items.map((i) => i.name)));
});

// Browsers always ask for compression (gzip, br, zstd): the exports must
// arrive whole, with the compression's trailer and the final chunk, and
// parse completely. (They used to be cut off for every browser download.)
for (const javaScript of [true, false]) {
  test(`a reader downloads the whole catalog as CSV and JSON (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
    const s = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale: 'de', javaScript });
    const page = await s.context.newPage();
    const total = (await fetch(`${suite.server.baseUrl}/api/v1/software?limit=1`).then((r) => r.json())).total;
    assert.ok(total >= 40, `only ${total} entries`);
    await page.goto('/software');
    const download = async (name) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name, exact: true }).click()]);
      assert.equal(await file.failure(), null, `${name}: the download failed`);
      return readFile(await file.path(), 'utf8');
    };
    const csv = await download('Katalog als CSV');
    const lines = csv.split('\r\n').filter((l) => l !== '');
    assert.ok(lines[0].startsWith('slug,name,organisation,url,'), lines[0]);
    assert.equal(lines.length, total + 1, 'every entry and the header');
    assert.ok(lines.slice(1).every((l) => !l.endsWith(',')), 'every row ends with its description');
    const json = JSON.parse(await download('Katalog als JSON'));
    assert.equal(json.length, total);
    assert.ok(json.every((item) => item.description && item.publiccode.name), 'every item has its description and file');
    assert.deepEqual(s.problems, [], s.problems.join('\n'));
    await s.context.close();
  });
}
