// Reuse between administrations in a real browser, JavaScript on and off:
// Kiel's owner finds a request waiting in the list of agreements, reads it
// and accepts it; then asks another administration for reuse from a software
// page and withdraws the request; a stranger sees the public summary only;
// axe-core on every page on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from './support/suite.mjs';
import { openContext, assertPageAccessible } from './support/browser.mjs';
import { submit, mainText } from './support/forms.mjs';

const suite = serverAndBrowser('reuse');
const OWNER = { email: 'olaf.ohlsen@kiel.example', password: 'Kiel-Eigentum-2026' };
// Each mode answers its own waiting request and asks on its own entry, so
// that the second run does not find the first one's work done.
const RUNS = {
  true: { reuser: 'Ministerium für Inneres, Bau und Digitalisierung', asking: 'hundesteuer-online', provider: 'Rostock' },
  false: { reuser: 'Hanse- und Universitätsstadt Rostock', asking: 'kita-platzboerse', provider: 'Schwerin' },
};

for (const javaScript of [true, false]) {
  const mode = `JavaScript ${javaScript ? 'on' : 'off'}`;
  const run = RUNS[javaScript];

  test(`Kiel accepts a request and asks for reuse itself (${mode})`, async () => {
    const session = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale: 'de', javaScript });
    const page = await session.context.newPage();
    await page.goto('/anmelden');
    await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(OWNER.email);
    await page.getByLabel('Passwort', { exact: true }).fill(OWNER.password);
    await submit(page, 'Anmelden');

    // The list, by status: the requests waiting for an answer.
    await page.goto('/nachnutzung');
    await assertPageAccessible(session, page, `/nachnutzung (${mode})`);
    await Promise.all([
      page.waitForURL(/\/nachnutzung\?stand=interest_expressed$/),
      page.getByRole('link', { name: /^Interesse bekundet \(\d+\)$/ }).click(),
    ]);
    const row = page.locator('tbody tr', { hasText: run.reuser });
    assert.equal(await row.count(), 1, `one waiting request from ${run.reuser}`);
    await Promise.all([page.waitForURL(/\/nachnutzung\/vereinbarungen\//), row.locator('td').first().locator('a').click()]);
    const agreement = page.url();
    let text = await mainText(page);
    assert.match(text, /Nachnutzung von Mängelmelder/);
    assert.match(text, /Stand: Interesse bekundet/);
    assert.match(text, /Die Anfrage Nur für die Beteiligten sichtbar\./, 'Kiel reads the request');
    assert.match(text, /Für Landeshauptstadt Kiel handeln/);
    await assertPageAccessible(session, page, `agreement (${mode})`);

    await submit(page, 'Anfrage annehmen');
    assert.equal(page.url(), agreement);
    text = await mainText(page);
    assert.match(text, /Der Schritt ist vollzogen/);
    assert.match(text, /Stand: In Abstimmung/);
    assert.match(text, /Olaf Ohlsen \(Landeshauptstadt Kiel\): Anfrage annehmen → In Abstimmung/);
    assert.ok(await page.getByRole('button', { name: 'Bedingungen vorschlagen', exact: true }).count());
    await assertPageAccessible(session, page, `agreement after a step (${mode})`);

    // A cost block by the IT-Planungsrat's key; every payer's share shown.
    await page.getByLabel('Wofür').selectOption('operation');
    await page.getByLabel('Zeitraum').fill('2027');
    await page.getByLabel('Betrag in Euro').fill('48.000,00');
    await page.getByLabel('Verteilung').selectOption('it_planungsrat');
    await submit(page, 'Kostenblock hinzufügen');
    text = await mainText(page);
    assert.match(text, /Der Kostenblock ist erfasst/);
    assert.match(text, /Betrieb, 2027: 48\.000,00 €/);
    assert.match(text, new RegExp(`${run.reuser}[^€]*24\\.000,00 €`));
    assert.match(text, /Bund 12\.000,00 €/);
    await assertPageAccessible(session, page, `agreement with costs (${mode})`);

    // Kiel asks for reuse itself, from the software page.
    await page.goto(`/software/${run.asking}`);
    const section = page.locator('section[aria-labelledby="entry-reuse"]');
    assert.match(await section.innerText(), /Vereinbarungen in Kraft: \d+\. In Vorbereitung: \d+\./);
    await Promise.all([page.waitForURL(`**/software/${run.asking}/nachnutzung-anfragen`), page.getByRole('link', { name: 'Nachnutzung anfragen' }).click()]);
    assert.match(await mainText(page), new RegExp(`Ihre Anfrage geht an [^.]*${run.provider}`));
    await assertPageAccessible(session, page, `request form (${mode})`);
    await page.getByLabel('Für welche Verwaltung fragen Sie an?').selectOption({ label: 'Landeshauptstadt Kiel' });
    await page.getByLabel('Art der Vereinbarung').selectOption('development_partnership');
    await page.getByLabel('Wofür möchten Sie die Software nachnutzen?').fill('Für das Bürgeramt Kiel, mit gemeinsamer Weiterentwicklung.');
    await submit(page, 'Anfrage senden');
    assert.match(page.url(), /\/nachnutzung\/vereinbarungen\//);
    text = await mainText(page);
    assert.match(text, /Ihre Anfrage ist gestellt/);
    assert.match(text, /Stand: Interesse bekundet/);
    assert.match(text, /Entwicklungspartnerschaft/);
    assert.match(text, /Für das Bürgeramt Kiel, mit gemeinsamer Weiterentwicklung\./);
    await assertPageAccessible(session, page, `new agreement (${mode})`);
    const asked = page.url();

    // A stranger sees the summary: no request text, no steps.
    const stranger = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale: 'en', javaScript });
    const publicPage = await stranger.context.newPage();
    await publicPage.goto(asked);
    const publicText = await mainText(publicPage);
    assert.match(publicText, /Status: Interest expressed/);
    assert.match(publicText, /Development partnership/);
    assert.doesNotMatch(publicText, /Bürgeramt Kiel/);
    assert.equal(await publicPage.locator('main').getByRole('button').count(), 0, 'no steps for a stranger');
    await assertPageAccessible(stranger, publicPage, `agreement, public (${mode})`);
    assert.deepEqual(stranger.problems, [], stranger.problems.join('\n'));
    await stranger.context.close();

    await submit(page, 'Zurückziehen');
    assert.match(await mainText(page), /Stand: Zurückgezogen/);
    assert.deepEqual(session.problems, [], session.problems.join('\n'));
    await session.context.close();
  });
}
