// The page shell end to end: home, 404 and the three legal pages, in German
// and English, with JavaScript on and off; axe-core on each; the skip link;
// the language switch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from './support/suite.mjs';
import { openContext, assertPageAccessible } from './support/browser.mjs';

const suite = serverAndBrowser('shell');

const PAGES = [
  { path: '/', status: 200, de: 'Allmende', en: 'Allmende' },
  { path: '/gibt-es-nicht', status: 404, de: 'Seite nicht gefunden', en: 'Page not found' },
  { path: '/impressum', status: 200, de: 'Impressum', en: 'Legal notice' },
  { path: '/datenschutz', status: 200, de: 'Datenschutzerklärung', en: 'Privacy policy' },
  { path: '/barrierefreiheit', status: 200, de: 'Erklärung zur Barrierefreiheit', en: 'Accessibility statement' },
];

for (const javaScript of [true, false]) {
  for (const locale of ['de', 'en']) {
    const mode = `${locale}, JavaScript ${javaScript ? 'on' : 'off'}`;

    test(`every shell page renders and passes axe-core (${mode})`, async () => {
      const session = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale, javaScript });
      const { context, problems } = session;
      const page = await context.newPage();
      for (const expected of PAGES) {
        const response = await page.goto(expected.path, { waitUntil: 'load' });
        assert.equal(response.status(), expected.status, `${expected.path}: status`);
        assert.equal(await page.getAttribute('html', 'lang'), locale, `${expected.path}: lang`);
        assert.equal((await page.locator('h1').innerText()).trim(), expected[locale], `${expected.path}: heading`);
        // The frame: navigation, footer with the legal links, skip link.
        assert.equal(await page.locator('nav.site-nav a').count(), 3);
        assert.equal(await page.locator('footer a[href="/impressum"]').count(), 1);
        if (javaScript) {
          // Pages without an island load no wasm (the catalog's editor test
          // checks that the bundle runs under the Content-Security-Policy).
          await page.waitForLoadState('networkidle');
          assert.ok(!(await page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')))));
        }
        await assertPageAccessible(session, page, `${expected.path} (${mode})`);
      }
      assert.deepEqual(problems, [], `${mode}: ${problems.join('\n')}`);
      await context.close();
    });

    test(`the skip link is the first stop and reaches the main content (${mode})`, async () => {
      const { context } = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale, javaScript });
      const page = await context.newPage();
      await page.goto('/');
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => ({
        href: document.activeElement.getAttribute('href'),
        text: document.activeElement.textContent.trim(),
      }));
      assert.equal(focused.href, '#inhalt');
      assert.equal(focused.text, locale === 'de' ? 'Zum Inhalt springen' : 'Skip to content');
      assert.ok(await page.locator('.skip-link').isVisible(), 'the focused skip link is visible');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'inhalt');
      // The next Tab continues inside the main content, not in the header.
      await page.keyboard.press('Tab');
      const inMain = await page.evaluate(() => document.querySelector('main').contains(document.activeElement));
      assert.ok(inMain, 'Tab after the skip link stays in the main content');
      await context.close();
    });
  }

  test(`the language switch changes the language and is remembered (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
    const { context } = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale: 'de', javaScript });
    const page = await context.newPage();
    // A query string survives the round trip.
    await page.goto('/datenschutz?abschnitt=2');
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    await Promise.all([page.waitForURL('**/datenschutz?abschnitt=2'), page.getByRole('button', { name: 'English' }).click()]);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal((await page.locator('h1').innerText()).trim(), 'Privacy policy');
    // Remembered on the next page, although the browser prefers German.
    await page.goto('/');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'de');
    await context.close();
  });
}

test('the current page is marked in the main navigation', async () => {
  const session = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale: 'de', javaScript: false });
  const { context } = session;
  const page = await context.newPage();
  for (const [path, name] of [['/nachnutzung', 'Nachnutzung'], ['/arbeitsgruppen', 'Arbeitsgruppen']]) {
    await page.goto(path);
    assert.equal(await page.locator('nav.site-nav a[aria-current="page"]').innerText(), name);
    await assertPageAccessible(session, page, path);
  }
  await context.close();
});

test('pages reflow at 320 CSS pixels without horizontal scrolling (WCAG 1.4.10)', async () => {
  const context = await suite.browser.newContext({ baseURL: suite.server.baseUrl, viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  for (const { path } of [...PAGES, { path: '/verwaltungen' }, { path: '/verwaltungen/schleswig-holstein' }]) {
    await page.goto(path);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    assert.ok(scroll <= client, `${path}: ${scroll}px of content in a ${client}px viewport`);
  }
  await context.close();
});
