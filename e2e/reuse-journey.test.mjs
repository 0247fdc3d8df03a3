// The whole way of one reuse agreement in a real browser, JavaScript on and
// off: Lübeck's owner asks for Kiel's Mängelmelder from its software page;
// Kiel's owner is notified, accepts, splits the costs by fixed shares and
// proposes the terms; both sign; Kiel puts it in force; it appears in both
// administrations' reports and on the reuse graph; then Lübeck gives notice
// and Kiel ends it (so that the other mode may ask again). axe-core on every
// page on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from './support/suite.mjs';
import { openContext, assertPageAccessible } from './support/browser.mjs';
import { submit, mainText } from './support/forms.mjs';

const suite = serverAndBrowser('reuse_journey');
const KIEL = { email: 'olaf.ohlsen@kiel.example', password: 'Kiel-Eigentum-2026' };
const LUEBECK = { email: 'lea.lorenzen@luebeck.example', password: 'Luebeck-Eigentum-2026' };

async function signedIn(javaScript, who) {
  const session = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale: 'de', javaScript });
  const page = await session.context.newPage();
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(who.email);
  await page.getByLabel('Passwort', { exact: true }).fill(who.password);
  await submit(page, 'Anmelden');
  return { session, page };
}

/** The Land table's figure "of which within the Land" for Schleswig-Holstein. */
async function withinSchleswigHolstein(page) {
  await page.goto('/nachnutzung/berichte');
  const row = page.locator('tr', { has: page.locator('th', { hasText: /^Schleswig-Holstein$/ }) });
  return Number((await row.locator('td').nth(2).innerText()).replace(/\D/g, ''));
}

for (const javaScript of [true, false]) {
  const mode = `JavaScript ${javaScript ? 'on' : 'off'}`;

  test(`Lübeck reuses Kiel's Mängelmelder, from the request to the reports (${mode})`, async () => {
    const lea = await signedIn(javaScript, LUEBECK);
    const olaf = await signedIn(javaScript, KIEL);
    const within = await withinSchleswigHolstein(olaf.page);

    // Lübeck asks from the software page.
    await lea.page.goto('/software/maengelmelder');
    await Promise.all([
      lea.page.waitForURL('**/software/maengelmelder/nachnutzung-anfragen'),
      lea.page.getByRole('link', { name: 'Nachnutzung anfragen' }).click(),
    ]);
    await lea.page.getByLabel('Für welche Verwaltung fragen Sie an?').selectOption({ label: 'Hansestadt Lübeck' });
    await lea.page.getByLabel('Art der Vereinbarung').selectOption('cooperation_agreement');
    await lea.page.getByLabel('Wofür möchten Sie die Software nachnutzen?').fill('Mängelmeldungen der Lübecker Bürgerinnen und Bürger.');
    await submit(lea.page, 'Anfrage senden');
    const agreement = new URL(lea.page.url()).pathname;
    assert.match(agreement, /^\/nachnutzung\/vereinbarungen\//);
    assert.match(await mainText(lea.page), /Stand: Interesse bekundet/);

    // Kiel's owner is notified and follows the notification.
    await olaf.page.goto('/benachrichtigungen');
    const notice = olaf.page.locator('main li', { hasText: 'Lea Lorenzen fragt die Nachnutzung von Mängelmelder an.' }).first();
    assert.equal(await notice.count(), 1, 'the request reached Kiel');
    await assertPageAccessible(olaf.session, olaf.page, `notifications (${mode})`);
    await olaf.page.goto(agreement);
    await submit(olaf.page, 'Anfrage annehmen');

    // Costs by fixed shares, then the terms proposed.
    await olaf.page.getByLabel('Wofür').selectOption('operation');
    await olaf.page.getByLabel('Zeitraum').fill('2027');
    await olaf.page.getByLabel('Betrag in Euro').fill('10.000,00');
    await olaf.page.getByLabel('Verteilung').selectOption('fixed');
    await olaf.page.getByLabel('Landeshauptstadt Kiel', { exact: true }).fill('60');
    await olaf.page.getByLabel('Hansestadt Lübeck', { exact: true }).fill('40');
    await submit(olaf.page, 'Kostenblock hinzufügen');
    let text = await mainText(olaf.page);
    assert.match(text, /Betrieb, 2027: 10\.000,00 €/);
    assert.match(text, /Landeshauptstadt Kiel 6\.000,00 €/);
    assert.match(text, /Hansestadt Lübeck 4\.000,00 €/);
    await assertPageAccessible(olaf.session, olaf.page, `agreement with fixed shares (${mode})`);
    await submit(olaf.page, 'Bedingungen vorschlagen');
    assert.match(await mainText(olaf.page), /Stand: Bedingungen vorgeschlagen/);

    // Both sign; Kiel puts it in force.
    await lea.page.goto(agreement);
    await submit(lea.page, 'Unterzeichnen');
    assert.match(await mainText(lea.page), /Stand: Bedingungen vorgeschlagen/, 'one signature is not enough');
    await olaf.page.goto(agreement);
    await submit(olaf.page, 'Unterzeichnen');
    assert.match(await mainText(olaf.page), /Stand: Unterzeichnet/);
    await submit(olaf.page, 'In Kraft setzen');
    text = await mainText(olaf.page);
    assert.match(text, /Stand: In Kraft/);
    assert.doesNotMatch(text, /noch nicht unterzeichnet/);
    await assertPageAccessible(olaf.session, olaf.page, `active agreement (${mode})`);

    // Both reports show it, with each side's share; the graph counts it.
    await olaf.page.goto('/verwaltungen/kiel/nachnutzung');
    text = await mainText(olaf.page);
    assert.match(text, /Was Landeshauptstadt Kiel bereitstellt[^]*Mängelmelder Landeshauptstadt Kiel Hansestadt Lübeck/);
    assert.match(text, /2027 6\.000,00 €/);
    await assertPageAccessible(olaf.session, olaf.page, `Kiel's report (${mode})`);
    await lea.page.goto('/verwaltungen/luebeck/nachnutzung');
    text = await mainText(lea.page);
    assert.match(text, /Was Hansestadt Lübeck nachnutzt[^]*Mängelmelder Landeshauptstadt Kiel Hansestadt Lübeck/);
    assert.match(text, /2027 4\.000,00 €/);
    await assertPageAccessible(lea.session, lea.page, `Lübeck's report (${mode})`);
    assert.equal(await withinSchleswigHolstein(olaf.page), within + 1);
    await assertPageAccessible(olaf.session, olaf.page, `reports and graph (${mode})`);
    await olaf.page.goto('/nachnutzung/berichte/DE-SH');
    assert.match(await mainText(olaf.page), /Mängelmelder/);
    await assertPageAccessible(olaf.session, olaf.page, `Schleswig-Holstein's report (${mode})`);

    // Lübeck gives notice, Kiel ends it.
    await lea.page.goto(agreement);
    await submit(lea.page, 'Kündigen');
    await olaf.page.goto(agreement);
    await submit(olaf.page, 'Beenden');
    assert.match(await mainText(olaf.page), /Stand: Beendet/);

    for (const side of [lea, olaf]) {
      assert.deepEqual(side.session.problems, [], side.session.problems.join('\n'));
      await side.session.context.close();
    }
  });
}
