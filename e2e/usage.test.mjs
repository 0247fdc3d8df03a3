// Declaring use in a real browser, JavaScript on and off: the ministry of
// Mecklenburg-Vorpommern's member declares that it runs Kiel's
// Mängelmelder; an address with a password comes back at its field; the
// declaration then stands on the software page (the internal instance only
// for the ministry); a stranger sees who uses it and whom to ask, not the
// instance. axe-core on every page on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from './support/suite.mjs';
import { openContext, assertPageAccessible } from './support/browser.mjs';
import { submit, mainText } from './support/forms.mjs';

const suite = serverAndBrowser('usage');
const MIRA = { email: 'mira.moeller@im-mv.example', password: 'Schwerin-Mitglied-2026' };
const MINISTRY = 'Ministerium für Inneres, Bau und Digitalisierung Mecklenburg-Vorpommern';

for (const javaScript of [true, false]) {
  const mode = `JavaScript ${javaScript ? 'on' : 'off'}`;

  test(`a member declares the ministry's use of the Mängelmelder (${mode})`, async () => {
    const session = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale: 'de', javaScript });
    const page = await session.context.newPage();
    await page.goto('/anmelden');
    await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(MIRA.email);
    await page.getByLabel('Passwort', { exact: true }).fill(MIRA.password);
    await submit(page, 'Anmelden');

    await page.goto('/software/maengelmelder');
    await Promise.all([
      page.waitForURL('**/software/maengelmelder/nutzung'),
      page.getByRole('link', { name: 'Nutzung erklären' }).first().click(),
    ]);
    await assertPageAccessible(session, page, `usage form (${mode})`);
    const instance = `https://maengel.intern.mv.example/${javaScript ? 'js' : 'html'}`;
    await page.getByLabel('Verwaltung', { exact: true }).selectOption({ label: MINISTRY });
    await page.getByLabel('Version', { exact: true }).fill(`2.4 (${mode})`);
    await page.getByLabel('Wofür Sie sie nutzen').fill('Landesweite Meldungen von Schäden an Landesstraßen.');
    await page.getByLabel('Adresse Ihrer Installation').fill('https://mira:geheim@maengel.mv.example');
    await page.getByLabel(/darf öffentlich angezeigt werden/).uncheck();
    await submit(page, 'Nutzung erklären');
    assert.match(page.url(), /\/software\/maengelmelder\/nutzung$/);
    assert.match(await mainText(page), /darf weder Benutzername noch Passwort enthalten/);
    assert.equal(await page.getByLabel('Wofür Sie sie nutzen').inputValue(), 'Landesweite Meldungen von Schäden an Landesstraßen.');
    await assertPageAccessible(session, page, `usage form with an error (${mode})`);
    await page.getByLabel('Adresse Ihrer Installation').fill(instance);
    await submit(page, 'Nutzung erklären');
    assert.match(page.url(), /\/software\/maengelmelder#nutzung$/);
    let text = await mainText(page);
    assert.match(text, /Ihre Nutzungserklärung ist gespeichert/);
    const row = page.locator('#nutzung ~ div table tr', { hasText: MINISTRY });
    assert.match((await row.innerText()).replace(/\s+/g, ' '), new RegExp(`2\\.4 \\(${mode}\\) Landesweite Meldungen`));
    assert.match(text, new RegExp(instance.replace(/[./]/g, '\\$&')));
    assert.match(text, /nur intern sichtbar/);
    await assertPageAccessible(session, page, `software page with the declaration (${mode})`);

    // A stranger: who uses it and whom to ask, not the internal instance.
    const stranger = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale: 'de', javaScript });
    const anonymous = await stranger.context.newPage();
    await anonymous.goto('/software/maengelmelder');
    text = await mainText(anonymous);
    assert.match(text, /Landesweite Meldungen von Schäden an Landesstraßen/);
    assert.match(text, /Mira Möller/);
    assert.doesNotMatch(text, /maengel\.intern\.mv\.example/);
    assert.match(text, /Bestätigt genutzt von \d+ Verwaltungen/);
    await assertPageAccessible(stranger, anonymous, `software page for a stranger (${mode})`);

    for (const s of [session, stranger]) {
      assert.deepEqual(s.problems, [], s.problems.join('\n'));
      await s.context.close();
    }
  });
}
